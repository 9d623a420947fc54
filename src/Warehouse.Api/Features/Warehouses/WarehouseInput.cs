using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain;
using Warehouse.Domain.Geography;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Warehouses;

public sealed record LatLon(double? Latitude, double? Longitude);

public sealed record AreasInput(decimal? ExistingM2, decimal? InUseM2, decimal? UnderConstructionM2);

/// <summary>What an operator sends to create or edit a warehouse. <see cref="Version"/> is required on edits.</summary>
public sealed record WarehouseInput(
    string? NameZh, string? NameEn, string? Address, string? CountryCode, string? City, LatLon? Location,
    IReadOnlyList<LatLon>? Footprint, AreasInput? Areas, Ownership? Ownership, DateOnly? LeaseEndsOn, DateOnly? OpenedOn,
    IReadOnlyList<StorageCondition>? StorageConditions, IReadOnlyList<HandlingCapability>? HandlingCapabilities,
    int? MaxDailyOrders, uint? Version = null)
{
    /// <summary>Validates every field (reporting all problems at once) and checks the country exists.</summary>
    public async Task<(WarehouseDetails? Details, FieldErrors Errors)> ValidateAsync(WarehouseDb db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Capture(() => DomainText.Required(NameZh, "nameZh", 200), "nameZh");
        errors.Capture(() => DomainText.Optional(NameEn, "nameEn", 200), "nameEn");
        errors.Capture(() => DomainText.Required(Address, "address", 500), "address");
        errors.Capture(() => DomainText.Required(City, "city", 100), "city");
        GeoPoint? location = Location is { Latitude: { } lat, Longitude: { } lon }
            ? errors.Capture(() => (GeoPoint?)new GeoPoint(lat, lon), "location")
            : null;
        if (Location is not { Latitude: not null, Longitude: not null }) errors.Add("location", "A location with latitude and longitude is required.");
        NetTopologySuite.Geometries.Polygon? footprint = null;
        if (Footprint is { Count: > 0 })
        {
            var points = new List<GeoPoint>();
            for (var i = 0; i < Footprint.Count; i++)
            {
                var p = Footprint[i];
                if (p is not { Latitude: { } plat, Longitude: { } plon }) { errors.Add($"footprint[{i}]", "Each point needs latitude and longitude."); continue; }
                if (errors.Capture(() => (GeoPoint?)new GeoPoint(plat, plon, $"footprint[{i}]"), $"footprint[{i}]") is { } point) points.Add(point);
            }
            if (points.Count == Footprint.Count) footprint = errors.Capture(() => GeoPoint.Polygon(points), "footprint");
        }
        var areas = Areas is null
            ? null
            : errors.Capture(() => new WarehouseAreas(Areas.ExistingM2 ?? 0, Areas.InUseM2 ?? 0, Areas.UnderConstructionM2 ?? 0), "areas");
        if (Areas?.ExistingM2 is null) errors.Add("areas.existingM2", "The existing floor area is required (0 for a site still under construction).");
        if (Ownership is null) errors.Add("ownership", "Say whether the site is self-built or leased.");
        var country = (CountryCode ?? "").Trim().ToUpperInvariant();
        if (country.Length == 2 && !await NearbyHubs.CountryExistsAsync(db, country, ct))
            errors.Add("countryCode", $"'{CountryCode}' is not an ISO 3166-1 alpha-2 country code.");
        if (errors.Any || location is null || areas is null) return (null, errors);

        var details = errors.Capture(() => WarehouseDetails.Create(NameZh, NameEn, Address, CountryCode, City, location.Value, footprint, areas,
            Ownership!.Value, LeaseEndsOn, OpenedOn, StorageConditions, HandlingCapabilities, MaxDailyOrders), "warehouse");
        return (details, errors);
    }
}

/// <summary>A warehouse as its operator sees it, with the figures the platform derives for it.</summary>
public sealed record WarehouseView(
    Guid Id, string NameZh, string? NameEn, string Address, string CountryCode, string City, LatLon Location,
    IReadOnlyList<LatLon>? Footprint, double? FootprintAreaM2, AreasView Areas, Ownership Ownership, DateOnly? LeaseEndsOn,
    DateOnly? OpenedOn, IReadOnlyList<StorageCondition> StorageConditions, IReadOnlyList<HandlingCapability> HandlingCapabilities,
    int? MaxDailyOrders, WarehouseStatus Status, Guid StatusChangedBy, DateTimeOffset StatusChangedAt, DateTimeOffset CreatedAt,
    IReadOnlyList<NearbyHub> NearestHubs, uint Version);

public sealed record AreasView(decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2);

public static class WarehouseViews
{
    /// <summary>Loads the view of one warehouse of the current tenant, with its footprint area (PostGIS, in m²) and nearest hubs.</summary>
    public static async Task<WarehouseView?> LoadAsync(WarehouseDb db, Guid id, CancellationToken ct)
    {
        var row = await db.Warehouses.AsNoTracking().Where(w => w.Id == id)
            .Select(w => new { Warehouse = w, FootprintArea = w.Footprint == null ? (double?)null : w.Footprint.Area })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var hubs = await NearbyHubs.NearestByKindAsync(db, row.Warehouse.Location, ct);
        return ToView(row.Warehouse, row.FootprintArea, hubs);
    }

    public static WarehouseView ToView(OverseasWarehouse w, double? footprintArea, IReadOnlyList<NearbyHub> hubs) => new(
        w.Id, w.NameZh, w.NameEn, w.Address, w.CountryCode, w.City, new LatLon(w.Location.Y, w.Location.X),
        w.Footprint?.ExteriorRing.Coordinates.Select(c => new LatLon(c.Y, c.X)).ToList(),
        footprintArea is null ? null : Math.Round(footprintArea.Value, 1),
        new AreasView(w.Areas.ExistingM2, w.Areas.InUseM2, w.Areas.UnderConstructionM2), w.Ownership, w.LeaseEndsOn, w.OpenedOn,
        w.StorageConditions, w.HandlingCapabilities, w.MaxDailyOrders, w.Status, w.StatusChangedBy, w.StatusChangedAt, w.CreatedAt,
        hubs, w.Version);
}
