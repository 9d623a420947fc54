using NetTopologySuite.Geometries;
using Warehouse.Domain.Geography;

namespace Warehouse.Domain.Warehouses;

/// <summary>
/// One physical overseas warehouse site (海外仓) of an operator. Invariants: a valid location; areas finite and
/// non-negative with in-use ≤ existing; a leased site has a lease end date; status moves only along
/// draft → active ⇄ suspended → closed, and every move records who and when.
/// </summary>
public sealed class OverseasWarehouse : ITenantOwned, IAudited
{
    public Guid TenantId { get; private set; }
    public Guid Id { get; private set; }
    public string NameZh { get; private set; } = "";
    public string? NameEn { get; private set; }
    public string Address { get; private set; } = "";
    public string CountryCode { get; private set; } = "";
    public string City { get; private set; } = "";
    public Point Location { get; private set; } = null!;
    public Polygon? Footprint { get; private set; }
    public WarehouseAreas Areas { get; private set; } = null!;
    public Ownership Ownership { get; private set; }
    public DateOnly? LeaseEndsOn { get; private set; }
    public DateOnly? OpenedOn { get; private set; }
    public List<StorageCondition> StorageConditions { get; private set; } = [];
    public List<HandlingCapability> HandlingCapabilities { get; private set; } = [];
    public int? MaxDailyOrders { get; private set; }
    public WarehouseStatus Status { get; private set; }
    public Guid StatusChangedBy { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Optimistic concurrency token (PostgreSQL xmin): a stale edit is refused.</summary>
    public uint Version { get; private set; }

    private OverseasWarehouse() { }

    public static OverseasWarehouse Create(Guid tenantId, WarehouseDetails details, Guid by, DateTimeOffset now)
    {
        var warehouse = new OverseasWarehouse
        {
            TenantId = tenantId,
            Id = Guid.CreateVersion7(now),
            Status = WarehouseStatus.Draft,
            StatusChangedBy = by,
            StatusChangedAt = now,
            CreatedAt = now,
        };
        warehouse.Update(details);
        return warehouse;
    }

    public void Update(WarehouseDetails details)
    {
        if (Status == WarehouseStatus.Closed) throw new DomainException("warehouse.closed", "A closed warehouse cannot be edited.");
        NameZh = details.NameZh;
        NameEn = details.NameEn;
        Address = details.Address;
        CountryCode = details.CountryCode;
        City = details.City;
        Location = details.Location.ToPoint();
        Footprint = details.Footprint;
        Areas = details.Areas;
        Ownership = details.Ownership;
        LeaseEndsOn = details.LeaseEndsOn;
        OpenedOn = details.OpenedOn;
        StorageConditions = details.StorageConditions.Distinct().Order().ToList();
        HandlingCapabilities = details.HandlingCapabilities.Distinct().Order().ToList();
        MaxDailyOrders = details.MaxDailyOrders;
    }

    public void ChangeStatus(WarehouseStatus to, Guid by, DateTimeOffset now)
    {
        var allowed = (Status, to) switch
        {
            (WarehouseStatus.Draft, WarehouseStatus.Active or WarehouseStatus.Closed) => true,
            (WarehouseStatus.Active, WarehouseStatus.Suspended or WarehouseStatus.Closed) => true,
            (WarehouseStatus.Suspended, WarehouseStatus.Active or WarehouseStatus.Closed) => true,
            _ => false,
        };
        if (!allowed) throw new DomainException("warehouse.statusTransition", $"A warehouse cannot go from {Status} to {to}.", "status");
        Status = to;
        StatusChangedBy = by;
        StatusChangedAt = now;
    }
}

/// <summary>Floor areas in m², kept apart as the city counts them: existing (counts to the target), in use, under construction (pipeline).</summary>
public sealed record WarehouseAreas
{
    public decimal ExistingM2 { get; }
    public decimal InUseM2 { get; }
    public decimal UnderConstructionM2 { get; }

    public WarehouseAreas(decimal existingM2, decimal inUseM2, decimal underConstructionM2)
    {
        Check(existingM2, "existingM2");
        Check(inUseM2, "inUseM2");
        Check(underConstructionM2, "underConstructionM2");
        if (inUseM2 > existingM2) throw new DomainException("areas.inUseExceedsExisting", "The area in use cannot exceed the existing area.", "areas.inUseM2");
        ExistingM2 = decimal.Round(existingM2, 1);
        InUseM2 = decimal.Round(inUseM2, 1);
        UnderConstructionM2 = decimal.Round(underConstructionM2, 1);
    }

    private static void Check(decimal value, string field)
    {
        if (value < 0) throw new DomainException("areas.negative", "An area cannot be negative.", $"areas.{field}");
        // The largest single warehouses in the world are around 1 million m²; more is a typo.
        if (value > 2_000_000) throw new DomainException("areas.tooLarge", "An area above 2,000,000 m² is not plausible for one site.", $"areas.{field}");
    }
}

/// <summary>Everything an operator states about a warehouse, already validated (see <see cref="WarehouseDetails.Create"/>).</summary>
public sealed record WarehouseDetails(
    string NameZh, string? NameEn, string Address, string CountryCode, string City, GeoPoint Location, Polygon? Footprint,
    WarehouseAreas Areas, Ownership Ownership, DateOnly? LeaseEndsOn, DateOnly? OpenedOn,
    IReadOnlyList<StorageCondition> StorageConditions, IReadOnlyList<HandlingCapability> HandlingCapabilities, int? MaxDailyOrders)
{
    public static WarehouseDetails Create(
        string? nameZh, string? nameEn, string? address, string? countryCode, string? city, GeoPoint location, Polygon? footprint,
        WarehouseAreas areas, Ownership ownership, DateOnly? leaseEndsOn, DateOnly? openedOn,
        IReadOnlyList<StorageCondition>? storage, IReadOnlyList<HandlingCapability>? handling, int? maxDailyOrders)
    {
        if (ownership == Ownership.Leased && leaseEndsOn is null)
            throw new DomainException("lease.endRequired", "A leased warehouse needs its lease end date.", "leaseEndsOn");
        if (ownership == Ownership.SelfBuilt && leaseEndsOn is not null)
            throw new DomainException("lease.notLeased", "A self-built warehouse has no lease end date.", "leaseEndsOn");
        if (leaseEndsOn is { } end && openedOn is { } opened && end < opened)
            throw new DomainException("lease.endBeforeOpening", "The lease cannot end before the warehouse opened.", "leaseEndsOn");
        if (maxDailyOrders is < 0 or > 10_000_000)
            throw new DomainException("maxDailyOrders.range", "Maximum daily orders must be between 0 and 10,000,000.", "maxDailyOrders");
        if (footprint is not null && !footprint.Covers(location.ToPoint()) && footprint.Distance(location.ToPoint()) > 0.05)
            throw new DomainException("footprint.farFromLocation", "The footprint is far from the warehouse's location: check the coordinates.", "footprint");
        var country = (countryCode ?? "").Trim().ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
            throw new DomainException("country.format", "The country is an ISO 3166-1 alpha-2 code such as DE or AE.", "countryCode");
        return new WarehouseDetails(
            DomainText.Required(nameZh, "nameZh", 200), DomainText.Optional(nameEn, "nameEn", 200),
            DomainText.Required(address, "address", 500), country, DomainText.Required(city, "city", 100),
            location, footprint, areas, ownership, leaseEndsOn, openedOn,
            storage ?? [], handling ?? [], maxDailyOrders);
    }
}
