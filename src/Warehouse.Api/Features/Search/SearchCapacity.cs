using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Warehouse.Api.Features.Reference;
using Npgsql;
using Warehouse.Api.Features.Warehouses;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Search;

public enum SearchSort { BestMatch, Distance, Price }

/// <summary>
/// Traders (and the bureau) search published capacity across all operators by market, place, services, handling,
/// quantity free on every day of a date range, price, operator district and industry belt. Reads go through the
/// published read path only (see <see cref="SearchSql"/>): other tenants' drafts, unpublished offers and anything
/// not listed stay invisible, whatever the filters.
/// </summary>
public static class SearchCapacity
{
    /// <summary>
    /// How <see cref="SearchSort.BestMatch"/> scores a warehouse, 0…1, rounded to 4 decimals (ties: cheaper, nearer, id).
    /// A warehouse scores as its best matched offer:
    /// 0.40 × fit + 0.25 × price + 0.20 × distance + 0.10 × rating + 0.05 × certification, where
    /// fit = 0.7 × headroom + 0.3 × instant (headroom = min(1, free over the range ÷ (2 × quantity)), 1 without a
    /// quantity; instant = 1 when the offer books instantly, else 0.5);
    /// price = 1 at 10 CNY/m²·month or less, 0 at 300 or more, on a log scale between (a fixed yardstick: a score
    /// does not depend on what else the search matched);
    /// distance = 1 − distance ÷ radius in a circle, 1 − distance ÷ the farthest corner in an area (1 at the centre),
    /// 1 without a place;
    /// rating = (average stars − 1) ÷ 4, 0.5 (neutral) without reviews; certification = 1 for a public overseas
    /// warehouse with a certificate valid today, else 0.
    /// </summary>
    public const string ScoreFormula =
        "score = 0.40·fit + 0.25·price + 0.20·distance + 0.10·rating + 0.05·certification, of the warehouse's best matched offer; " +
        "fit = 0.7·min(1, free ÷ (2·quantity)) + 0.3·(1 if instant-book else 0.5); " +
        "price = ln(300 ÷ CNY per m²·month) ÷ ln(30), between 0 and 1 (1 at 10 or less, 0 at 300 or more); " +
        "distance = 1 − distance ÷ radius (area: ÷ its farthest corner from the centre), 1 without a place; " +
        "rating = (average stars − 1) ÷ 4, 0.5 without reviews; certification = 1 if a public-warehouse certificate is valid today";

    public sealed record NearPoint(double? Latitude, double? Longitude, double? RadiusKm);
    public sealed record NearHub(string? Code, double? RadiusKm);
    public sealed record QuantityInput(decimal? Amount, CapacityUnit? Unit);

    /// <summary>
    /// The filters, all optional and combinable. Place is at most one of <see cref="Near"/>, <see cref="NearHub"/>,
    /// <see cref="Within"/>. A <see cref="Quantity"/> needs <see cref="From"/>/<see cref="To"/>: it must be free on
    /// every day. <see cref="CertifiedOnly"/> keeps certified public overseas warehouses (a certificate valid today) only.
    /// </summary>
    public sealed record Request(
        IReadOnlyList<string?>? Countries = null, IReadOnlyList<string?>? MarketGroups = null,
        NearPoint? Near = null, NearHub? NearHub = null, GeoJsonPolygon? Within = null,
        IReadOnlyList<string?>? Services = null, IReadOnlyList<StorageCondition>? StorageConditions = null,
        IReadOnlyList<HandlingCapability>? HandlingCapabilities = null,
        QuantityInput? Quantity = null, DateOnly? From = null, DateOnly? To = null,
        decimal? MaxPriceCnyPerM2Month = null, bool? CertifiedOnly = null, IReadOnlyList<string?>? OperatorDistricts = null,
        string? IndustryBelt = null, bool? OverrideIndustryNeeds = null,
        SearchSort? Sort = null, int? Page = null, int? PageSize = null);

    /// <summary>
    /// A page of results. <c>Total</c> counts the matching warehouses; when <c>TotalIsExact</c> is false (a search
    /// read in an index's order that matches more than <see cref="SearchSql.ExactTotalLimit"/> offers) it is a lower
    /// bound: "at least". Distances are great-circle distances on the mean Earth sphere.
    /// </summary>
    public sealed record Response(long Total, bool TotalIsExact, int Page, int PageSize, AppliedFilters AppliedFilters, IReadOnlyList<Result> Results);

    public sealed record Result(
        WarehouseListing Warehouse, double? DistanceKm, NearestHub? NearestRailHub, CertificationBadge? Certification,
        RatingView? Rating, IReadOnlyList<MatchedOffer> MatchedOffers, decimal Score);

    public sealed record WarehouseListing(
        Guid Id, string NameZh, string? NameEn, string CountryCode, string City, LatLon Location,
        IReadOnlyList<StorageCondition> StorageConditions, IReadOnlyList<HandlingCapability> HandlingCapabilities, OperatorView Operator);

    public sealed record OperatorView(string LegalNameZh, string? LegalNameEn, string? DistrictCode);
    public sealed record NearestHub(string Code, string NameZh, string NameEn, double DistanceKm);

    /// <summary>A certified public overseas warehouse's badge (公共海外仓, municipal or provincial): its certificate valid today.</summary>
    public sealed record CertificationBadge(
        Domain.Certification.CertificationLevel Level, int ProgrammeYear, string ProgrammeNameZh, string? ProgrammeNameEn,
        string CertificateNumber, DateOnly ValidFrom, DateOnly ValidUntil);

    /// <summary>Average stars and number of reviews. Always null until reviews exist.</summary>
    public sealed record RatingView(decimal Average, int Count);

    /// <summary>
    /// An offer of the warehouse that meets every filter. <c>FreeOverRange</c> is the least free quantity on any day of
    /// the requested range (without a range: of the offer's remaining window), in the offer's unit; <c>Quote</c> is
    /// present when a quantity and range were asked for.
    /// </summary>
    public sealed record MatchedOffer(
        Guid OfferId, CapacityUnit Unit, decimal QuantityOffered, DateOnly AvailableFrom, DateOnly AvailableTo,
        decimal MinimumQuantity, int MinimumTermDays, decimal? FreeOverRange,
        PriceView Price, NormalisedView Normalised, BookingMode BookingMode, CapacityQuote.View? Quote);

    public sealed record PriceView(decimal Amount, string Currency, PriceBasis Basis);
    public sealed record NormalisedView(decimal CnyPerM2Month, DateOnly RateAsOf);

    /// <summary>What the search applied, after codes were normalised and the industry belt's needs merged in.</summary>
    public sealed record AppliedFilters(
        IReadOnlyList<string> Countries, IReadOnlyList<string> MarketGroups, IReadOnlyList<string>? MarketCountries, PlaceView? Place,
        IReadOnlyList<string> Services, IReadOnlyList<StorageCondition> StorageConditions, IReadOnlyList<HandlingCapability> HandlingCapabilities,
        QuantityView? Quantity, DateOnly? From, DateOnly? To, int? Days, decimal? MaxPriceCnyPerM2Month, bool CertifiedOnly,
        IReadOnlyList<string> OperatorDistricts, IndustryNeedsView? IndustryBelt, SearchSort Sort, string ConversionAssumptions, string ScoreFormula);

    /// <summary>The search place; <see cref="Origin"/> is where distances are measured from (the point, the hub, or the area's centroid).</summary>
    public sealed record PlaceView(string Kind, LatLon Origin, double? RadiusKm, string? HubCode);

    public sealed record QuantityView(decimal Amount, CapacityUnit Unit, decimal SquareMetres, decimal PalletPositions, decimal CubicMetres);

    public sealed record IndustryNeedsView(string Code, string NameZh, string NameEn, bool Overridden, IReadOnlyList<NeedView> Needs);

    /// <summary>One handling need of the belt: the filters it maps to (<c>AppliedAs</c>), whether they were applied to this
    /// search, and a note when they were not (overridden, or the need is not a warehouse attribute yet).</summary>
    public sealed record NeedView(string Need, bool Applied, IReadOnlyList<NeedFilter> AppliedAs, string? Note);

    public sealed record NeedFilter(string Filter, string Value);

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(Request request, WarehouseDb db, NpgsqlDataSource dataSource,
        IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var reference = await ReferenceCache.GetAsync(cache, db, ct);
        var (criteria, errors) = SearchCriteria.Validate(request, reference, today);
        if (criteria is null) return TypedResults.ValidationProblem(errors.ToDictionary());

        var applied = Applied(criteria);
        // No transaction (the endpoint owns its units of work): each of the search's two batches is an implicit
        // transaction that starts with the searcher's scope statement, which also has the database check the membership
        // (see SearchSql.RunAsync). BEGIN and COMMIT would add two round trips to a read that gains nothing from them.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var page = await SearchSql.RunAsync(connection, null, criteria, CityProgress.CitySnapshots.Today(clock), ct,
            scope: () => TenantTransactionInterceptor.ScopeBatchCommand(db.Tenant));
        var results = page.Rows
            .GroupBy(r => r.Position)
            .Select(group => ToResult(group.ToList(), criteria, reference))
            .ToList();
        return TypedResults.Ok(new Response(page.Total, page.TotalIsExact, criteria.Page, criteria.PageSize, applied, results));
    }

    private static Result ToResult(List<SearchSql.Row> offers, SearchCriteria criteria, ReferenceCache.Snapshot reference)
    {
        var w = offers[0];
        var listing = new WarehouseListing(
            w.WarehouseId, w.NameZh, w.NameEn, w.CountryCode, w.City, new LatLon(w.Latitude, w.Longitude),
            w.StorageConditions.Select(Enum.Parse<StorageCondition>).ToList(), w.HandlingCapabilities.Select(Enum.Parse<HandlingCapability>).ToList(),
            new OperatorView(w.OperatorNameZh, w.OperatorNameEn, w.OperatorDistrictCode));
        // The nearest rail node is computed here from the cached hubs (great-circle, as search distances are): a
        // nearest-neighbour probe per result in SQL cost more than the whole page's other reads.
        var hub = reference.NearestRailHub(w.Latitude, w.Longitude) is var (railHub, km)
            ? new NearestHub(railHub.Code, railHub.NameZh, railHub.NameEn, Math.Round(km, 2))
            : null;
        var matched = offers.Select(o =>
        {
            var unit = Enum.Parse<CapacityUnit>(o.Unit);
            var price = new PriceView(o.PriceAmount, o.PriceCurrency, Enum.Parse<PriceBasis>(o.PriceBasis));
            var normalised = new NormalisedView(o.CnyPerSquareMetreMonth, o.RateAsOf);
            var quote = criteria is { Quantity: { } quantity, Days: { } days }
                ? CapacityQuote.For(quantity.In(unit), unit, days, price.Amount, price.Basis, price.Currency, o.RateCnyPerUnit, ConversionAssumptions.Standard)
                : null;
            return new MatchedOffer(o.OfferId, unit, o.QuantityOffered, o.AvailableFrom, o.AvailableTo,
                o.MinimumQuantity, o.MinimumTermDays, o.FreeOverRange,
                price, normalised, Enum.Parse<BookingMode>(o.BookingMode), quote);
        }).ToList();
        var badge = w.CertificateNumber is null ? null : new CertificationBadge(Enum.Parse<Domain.Certification.CertificationLevel>(w.CertificateLevel!),
            w.CertificateProgrammeYear!.Value, w.CertificateProgrammeNameZh!, w.CertificateProgrammeNameEn, w.CertificateNumber, w.CertificateValidFrom!.Value, w.CertificateValidUntil!.Value);
        return new Result(listing, w.DistanceM is { } m ? Kilometres(m) : null, hub, badge,
            w.RatingCount > 0 ? new RatingView(w.RatingAverage!.Value, w.RatingCount) : null, matched, w.Score);
    }

    private static double Kilometres(double metres) => Math.Round(metres / 1000, 2);

    private static AppliedFilters Applied(SearchCriteria c) => new(
        c.Countries, c.MarketGroups, c.MarketCountries,
        c.Place is { } p ? new PlaceView(p.Kind, new LatLon(p.Origin.Latitude, p.Origin.Longitude), p.RadiusKm, p.Hub?.Code) : null,
        c.Services, c.StorageConditions, c.HandlingCapabilities,
        c.Quantity is { } q ? new QuantityView(q.Amount, q.Unit, q.SquareMetres, q.PalletPositions, q.CubicMetres) : null,
        c.From, c.To, c.Days, c.MaxPriceCnyPerM2Month, c.CertifiedOnly, c.OperatorDistricts, c.IndustryBelt, c.Sort,
        ConversionAssumptions.Standard.Describe(), ScoreFormula);
}
