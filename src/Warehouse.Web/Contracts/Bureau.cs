namespace Warehouse.Web.Contracts;

// The bureau's progress view (GET /api/city-progress, Warehouse.Api Features/CityProgress) and the slice of the
// capacity search (POST /api/search/capacity) the dashboard's map needs.

public sealed record ProgressSlice(
    string Code, string? NameZh, string? NameEn, int Operators, int Warehouses, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2);

public sealed record ProgressTrendPoint(DateOnly Date, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2, string Source);

public sealed record WarehouseStatusCounts(int Active, int Draft, int Suspended, int Closed);

public sealed record ProgressProjection(
    string Method, DateOnly Deadline, int PointsUsed, double? SlopeM2PerDay, decimal? ProjectedAtDeadlineM2,
    bool Reached, DateOnly? ReachedOn, decimal? ShortfallM2, string Statement);

public sealed record CityProgressDetails(
    decimal TargetM2, DateOnly RequestedAsOf, DateOnly? AsOf, DateTimeOffset? TakenAt, string? Source,
    decimal ExistingM2, decimal PercentOfTarget, decimal InUseM2, decimal UnderConstructionM2,
    int Operators, int Warehouses, int Countries, WarehouseStatusCounts WarehousesByStatus, string CountingRules,
    IReadOnlyList<ProgressSlice> ByDistrict, IReadOnlyList<ProgressSlice> ByCountry, IReadOnlyList<ProgressSlice> ByMarketGroup,
    string MarketGroupNote, IReadOnlyList<ProgressTrendPoint> Trend, ProgressProjection Projection, DuplicateSummary? Duplicates = null);

/// <summary>The only search members the dashboard sends: everything published, a page at a time.</summary>
public sealed record MapSearchRequest(int Page, int PageSize);

public sealed record MapSearchResponse(long Total, int Page, int PageSize, IReadOnlyList<MapSearchResult> Results);

public sealed record MapSearchResult(MapWarehouse Warehouse);

public sealed record MapWarehouse(Guid Id, string NameZh, string? NameEn, string CountryCode, string City, LatLon Location, MapOperator Operator);

public sealed record MapOperator(string LegalNameZh, string? LegalNameEn, string? DistrictCode);

public sealed record SnapshotTaken(DateOnly SnapshotDate, DateTimeOffset TakenAt, string Source, int Operators, int Rows);
