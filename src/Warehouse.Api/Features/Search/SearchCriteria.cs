using NetTopologySuite.Geometries;
using Warehouse.Api.Features.Reference;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Geography;
using Warehouse.Domain.Warehouses;
using static Warehouse.Api.Features.Search.SearchCapacity;

namespace Warehouse.Api.Features.Search;

/// <summary>Where to search: a circle around a point or hub, or a polygon; <see cref="Origin"/> is what distances are measured from.</summary>
public sealed record SearchPlace(string Kind, GeoPoint Origin, double? RadiusKm, Hub? Hub, Polygon? Area);

/// <summary>The quantity asked for, in the unit asked and as needed on an offer of each unit (rounded up: whole pallet positions).</summary>
public sealed record RequiredQuantity(decimal Amount, CapacityUnit Unit, decimal SquareMetres, decimal PalletPositions, decimal CubicMetres)
{
    public decimal In(CapacityUnit unit) => unit switch
    {
        CapacityUnit.SquareMetre => SquareMetres,
        CapacityUnit.PalletPosition => PalletPositions,
        CapacityUnit.CubicMetre => CubicMetres,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    public static RequiredQuantity Of(decimal amount, CapacityUnit unit, ConversionAssumptions assumptions)
    {
        var m2 = assumptions.ToSquareMetres(amount, unit);
        decimal In(CapacityUnit target, decimal step) => target == unit
            ? amount
            : Math.Ceiling(assumptions.FromSquareMetres(m2, target) / step) * step;
        return new(amount, unit, In(CapacityUnit.SquareMetre, 0.1m), In(CapacityUnit.PalletPosition, 1m), In(CapacityUnit.CubicMetre, 0.1m));
    }
}

/// <summary>A validated search: every code known, every number in range, the industry belt's needs merged in.</summary>
public sealed record SearchCriteria(
    IReadOnlyList<string> Countries, IReadOnlyList<string> MarketGroups, IReadOnlyList<string>? MarketCountries,
    SearchPlace? Place, IReadOnlyList<string> Services, IReadOnlyList<StorageCondition> StorageConditions,
    IReadOnlyList<HandlingCapability> HandlingCapabilities, RequiredQuantity? Quantity, DateOnly? From, DateOnly? To,
    decimal? MaxPriceCnyPerM2Month, bool CertifiedOnly, IReadOnlyList<string> OperatorDistricts, IndustryNeedsView? IndustryBelt,
    SearchSort Sort, int Page, int PageSize, DateOnly Today)
{
    public const double MaxRadiusKm = 5000;
    public const int MaxRangeDays = 366;
    public const int MaxPage = 1000;
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
    public const decimal MaxQuantity = 10_000_000m;
    private const int MaxCodes = 300;

    /// <summary>Days in the requested range, both ends included.</summary>
    public int? Days => From is { } from && To is { } to ? to.DayNumber - from.DayNumber + 1 : null;

    /// <summary>Validates everything at once and returns either criteria or field errors named as the client sent them.</summary>
    /// <param name="request">What the trader asked for.</param>
    /// <param name="reference">The reference tables (codes are checked against them).</param>
    /// <param name="today">Today (UTC): a range may not start before it.</param>
    public static (SearchCriteria? Criteria, FieldErrors Errors) Validate(Request request, ReferenceCache.Snapshot reference, DateOnly today)
    {
        var errors = new FieldErrors();

        // Market: countries and market groups together (a warehouse in any of them matches).
        var countries = KnownCodes(request.Countries, "countries", Country.NormaliseCode, reference.Countries.Contains, errors,
            "is not an ISO 3166-1 alpha-2 country code (see GET /api/reference/countries)");
        var groups = KnownCodes(request.MarketGroups, "marketGroups", UpperCode, reference.MarketGroups.ContainsKey, errors,
            "is not a market group (see GET /api/reference/market-groups)");
        IReadOnlyList<string>? marketCountries = null;
        if (countries.Count + groups.Count > 0)
        {
            var members = groups.SelectMany(g => reference.MarketGroups[g]);
            marketCountries = countries.Concat(members).Distinct().Order(StringComparer.Ordinal).ToList();
        }

        var place = ValidatePlace(request, reference, errors);

        // Needs: explicit ones, plus the industry belt's unless the trader overrides them.
        var services = KnownServices(request.Services, reference, errors);
        var storage = Distinct(request.StorageConditions);
        var handling = Distinct(request.HandlingCapabilities);
        IndustryNeedsView? belt = null;
        if (!string.IsNullOrWhiteSpace(request.IndustryBelt))
        {
            var code = UpperCode(request.IndustryBelt);
            var found = code is null ? null : reference.IndustryBelts.GetValueOrDefault(code);
            if (found is null) errors.Add("industryBelt", $"'{Shorten(request.IndustryBelt)}' is not an industry belt (see GET /api/reference/industry-belts).");
            else belt = ApplyBelt(found, request.OverrideIndustryNeeds == true, services, storage, handling);
        }

        // Quantity and dates: the quantity must be free on every day of the range, so a quantity needs a range.
        RequiredQuantity? quantity = null;
        if (request.Quantity is { } q)
        {
            if (q.Amount is not { } amount) errors.Add("quantity.amount", "Give the quantity needed.");
            else if (amount is <= 0 or > MaxQuantity) errors.Add("quantity.amount", $"The quantity is greater than 0 and at most {MaxQuantity:#,0}.");
            if (q.Unit is null) errors.Add("quantity.unit", "Give the unit: squareMetre, palletPosition or cubicMetre.");
            if (q is { Amount: > 0 and <= MaxQuantity, Unit: { } unit }) quantity = RequiredQuantity.Of(q.Amount.Value, unit, ConversionAssumptions.Standard);
        }
        if (request.From is null && request.To is not null) errors.Add("from", "Give the first day of the range too.");
        if (request.To is null && request.From is not null) errors.Add("to", "Give the last day of the range too.");
        if (request.From is { } from && request.To is { } to)
        {
            if (to < from) errors.Add("to", "The range ends before it starts.");
            else if (to.DayNumber - from.DayNumber + 1 > MaxRangeDays) errors.Add("to", $"A range is at most {MaxRangeDays} days.");
            if (from < today) errors.Add("from", $"The range starts in the past (today is {today:yyyy-MM-dd} UTC).");
        }
        if (request.Quantity is not null && request.From is null && request.To is null)
            errors.Add("from", "Give the date range (from, to) the quantity is needed for: it must be free on every day of it.");

        if (request.MaxPriceCnyPerM2Month is { } maxPrice && (maxPrice <= 0 || maxPrice > 1_000_000))
            errors.Add("maxPriceCnyPerM2Month", "A maximum price is greater than 0 and at most 1,000,000 CNY per m²·month.");

        var districts = KnownCodes(request.OperatorDistricts, "operatorDistricts", UpperCode, reference.Districts.Contains, errors,
            "is not a Suzhou district code (see GET /api/reference/districts)");

        var sort = request.Sort ?? SearchSort.BestMatch;
        if (sort == SearchSort.Distance && !HasPlace(request))
            errors.Add("sort", "Sorting by distance needs a place: near, nearHub or within.");
        var page = request.Page ?? 1;
        if (page is < 1 or > MaxPage) errors.Add("page", $"A page number is between 1 and {MaxPage}.");
        var pageSize = request.PageSize ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize) errors.Add("pageSize", $"A page holds between 1 and {MaxPageSize} results.");

        if (errors.Any) return (null, errors);
        return (new SearchCriteria(countries, groups, marketCountries, place, services, storage, handling, quantity,
            request.From, request.To, request.MaxPriceCnyPerM2Month, request.CertifiedOnly == true, districts, belt,
            sort, page, pageSize, today), errors);
    }

    private static bool HasPlace(Request request) => request.Near is not null || request.NearHub is not null || request.Within is not null;

    private static SearchPlace? ValidatePlace(Request request, ReferenceCache.Snapshot reference, FieldErrors errors)
    {
        var given = new (string Field, bool Present)[] { ("near", request.Near is not null), ("nearHub", request.NearHub is not null), ("within", request.Within is not null) }
            .Where(p => p.Present).Select(p => p.Field).ToList();
        if (given.Count > 1)
        {
            foreach (var field in given) errors.Add(field, "Give one place only: near, nearHub or within.");
            return null;
        }

        if (request.Near is { } near)
        {
            if (near.Latitude is null) errors.Add("near.latitude", "Give the latitude.");
            if (near.Longitude is null) errors.Add("near.longitude", "Give the longitude.");
            var radius = ValidRadius(near.RadiusKm, "near.radiusKm", errors);
            var origin = near is { Latitude: { } lat, Longitude: { } lon } ? errors.Capture(() => (GeoPoint?)new GeoPoint(lat, lon, "near"), "near") : null;
            return origin is { } o && radius is { } r ? new SearchPlace("near", o, r, null, null) : null;
        }
        if (request.NearHub is { } nearHub)
        {
            var radius = ValidRadius(nearHub.RadiusKm, "nearHub.radiusKm", errors);
            Hub? hub = null;
            if (string.IsNullOrWhiteSpace(nearHub.Code)) errors.Add("nearHub.code", "Give a hub code (see GET /api/reference/hubs).");
            else
            {
                var code = nearHub.Code.Trim().ToUpperInvariant();
                hub = reference.Hubs.GetValueOrDefault(code);
                if (hub is null) errors.Add("nearHub.code", $"'{Shorten(nearHub.Code)}' is not a hub (see GET /api/reference/hubs).");
            }
            return hub is not null && radius is { } r ? new SearchPlace("nearHub", new GeoPoint(hub.Latitude, hub.Longitude), r, hub, null) : null;
        }
        if (request.Within is { } within)
        {
            var area = errors.Capture(() => SearchArea.FromGeoJson(within), "within");
            // Distances are measured from the area's centroid (planar, in degrees: close enough at these sizes).
            return area is null ? null : new SearchPlace("within", new GeoPoint(area.Centroid.Y, area.Centroid.X), null, null, area);
        }
        return null;
    }

    private static double? ValidRadius(double? radiusKm, string field, FieldErrors errors)
    {
        if (radiusKm is not { } r) errors.Add(field, "Give the radius in km.");
        else if (!double.IsFinite(r) || r <= 0 || r > MaxRadiusKm) errors.Add(field, $"A radius is greater than 0 and at most {MaxRadiusKm:0} km.");
        else return r;
        return null;
    }

    private static IndustryNeedsView ApplyBelt(IndustryBelt belt, bool overridden, List<string> services, List<StorageCondition> storage, List<HandlingCapability> handling)
    {
        var needs = new List<NeedView>();
        foreach (var need in belt.HandlingNeeds)
        {
            var mapping = IndustryNeeds.For(need);
            var appliedAs = mapping.Requirements.Select(r => r switch
            {
                { Service: { } code } => new NeedFilter("services", code),
                { Storage: { } condition } => new NeedFilter("storageConditions", CamelCase(condition.ToString())),
                { Handling: { } capability } => new NeedFilter("handlingCapabilities", CamelCase(capability.ToString())),
                _ => throw new InvalidOperationException("A requirement names a service, a storage condition or a handling capability."),
            }).ToList();
            if (!overridden)
            {
                foreach (var requirement in mapping.Requirements)
                {
                    if (requirement.Service is { } code && !services.Contains(code)) services.Add(code);
                    if (requirement.Storage is { } condition && !storage.Contains(condition)) storage.Add(condition);
                    if (requirement.Handling is { } capability && !handling.Contains(capability)) handling.Add(capability);
                }
            }
            var note = mapping.NotSearchable ?? (overridden ? "Not applied: overrideIndustryNeeds is true." : null);
            needs.Add(new NeedView(need, !overridden && appliedAs.Count > 0, appliedAs, note));
        }
        return new IndustryNeedsView(belt.Code, belt.NameZh, belt.NameEn, overridden, needs);
    }

    /// <summary>Known catalogue codes in their canonical spelling ("LiveStreamStudio" finds <c>liveStreamStudio</c>).</summary>
    private static List<string> KnownServices(IReadOnlyList<string?>? input, ReferenceCache.Snapshot reference, FieldErrors errors)
    {
        if (input is null) return [];
        var catalogue = reference.ServiceTypes;
        var found = new List<string>();
        var unknown = new List<string>();
        foreach (var code in input)
        {
            var match = catalogue.FirstOrDefault(c => string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null) unknown.Add(code ?? "null");
            else if (!found.Contains(match)) found.Add(match);
        }
        if (unknown.Count > 0)
            errors.Add("services", $"{Quote(unknown)} {(unknown.Count == 1 ? "is not a service type" : "are not service types")} (see GET /api/reference/service-types).");
        return found;
    }

    /// <summary>Normalises and checks a list of reference codes; unknown ones are one error on <paramref name="field"/> naming them.</summary>
    private static List<string> KnownCodes(IReadOnlyList<string?>? input, string field, Func<string?, string?> normalise,
        Func<string, bool> exists, FieldErrors errors, string problem)
    {
        if (input is null) return [];
        if (input.Count > MaxCodes)
        {
            errors.Add(field, $"At most {MaxCodes} codes.");
            return [];
        }
        var codes = input.Select(normalise).Where(c => c is not null).Select(c => c!).Distinct().ToList();
        var known = codes.Where(exists).ToList();
        var unknown = input.Where(c => normalise(c) is not { } n || !known.Contains(n)).Select(c => c ?? "null").ToList();
        if (unknown.Count > 0) errors.Add(field, $"{Quote(unknown)} {problem}.");
        return codes.Where(known.Contains).ToList();
    }

    private static List<T> Distinct<T>(IReadOnlyList<T>? values) where T : struct, Enum => values?.Distinct().ToList() ?? [];

    private static string? UpperCode(string? input)
    {
        var code = input?.Trim().ToUpperInvariant();
        return code is { Length: > 0 and <= 20 } ? code : null;
    }

    private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Take(10).Select(v => $"'{Shorten(v)}'"));
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
    internal static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
