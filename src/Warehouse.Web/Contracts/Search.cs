using System.Text.Json;

namespace Warehouse.Web.Contracts;

// The capacity search (POST /api/search/capacity) as the web sends and reads it. Enum-like values (units, price bases,
// storage conditions, …) stay strings: the page shows them through resources and tolerates values added later.

public sealed record SearchNearPoint(double Latitude, double Longitude, double RadiusKm);

public sealed record SearchNearHub(string Code, double RadiusKm);

public sealed record SearchQuantity(decimal Amount, string Unit);

public sealed record SearchRequest(
    IReadOnlyList<string>? Countries, IReadOnlyList<string>? MarketGroups,
    SearchNearPoint? Near, SearchNearHub? NearHub, JsonElement? Within,
    IReadOnlyList<string>? Services, IReadOnlyList<string>? StorageConditions, IReadOnlyList<string>? HandlingCapabilities,
    SearchQuantity? Quantity, DateOnly? From, DateOnly? To, decimal? MaxPriceCnyPerM2Month, bool? CertifiedOnly,
    IReadOnlyList<string>? OperatorDistricts, string? IndustryBelt, bool? OverrideIndustryNeeds, string? Sort, int? Page, int? PageSize);

/// <summary>A page of results; when <c>TotalIsExact</c> is false, <c>Total</c> is a lower bound ("at least").</summary>
public sealed record SearchResponse(long Total, int Page, int PageSize, AppliedFilters AppliedFilters, IReadOnlyList<SearchResult> Results, bool TotalIsExact = true);

public sealed record LatLon(double? Latitude, double? Longitude);

public sealed record PlaceView(string Kind, LatLon Origin, double? RadiusKm, string? HubCode);

public sealed record NeedFilter(string Filter, string Value);

public sealed record NeedView(string Need, bool Applied, IReadOnlyList<NeedFilter> AppliedAs, string? Note);

public sealed record IndustryNeedsView(string Code, string NameZh, string NameEn, bool Overridden, IReadOnlyList<NeedView> Needs);

public sealed record AppliedFilters(
    IReadOnlyList<string> Countries, IReadOnlyList<string> MarketGroups, PlaceView? Place, IReadOnlyList<string> Services,
    IReadOnlyList<string> StorageConditions, IReadOnlyList<string> HandlingCapabilities, int? Days,
    IndustryNeedsView? IndustryBelt, string Sort, string ConversionAssumptions, string ScoreFormula);

public sealed record OperatorView(string LegalNameZh, string? LegalNameEn, string? DistrictCode);

public sealed record WarehouseListing(
    Guid Id, string NameZh, string? NameEn, string CountryCode, string City, LatLon Location,
    IReadOnlyList<string> StorageConditions, IReadOnlyList<string> HandlingCapabilities, OperatorView Operator);

public sealed record NearestHub(string Code, string NameZh, string NameEn, double DistanceKm);

/// <summary>
/// A certified public overseas warehouse's badge. Every member is optional on purpose: certification is added to the
/// API by its own feature, and the page shows a badge whenever the API sends one, whatever else it carries.
/// </summary>
public sealed record CertificationBadge(string? Level, int? ProgrammeYear);

public sealed record RatingSummary(decimal Average, int Count);

public sealed record Money(decimal Amount, string Currency);

public sealed record PriceView(decimal Amount, string Currency, string Basis);

public sealed record NormalisedView(decimal CnyPerM2Month, DateOnly RateAsOf);

public sealed record SearchQuote(decimal Quantity, string Unit, decimal SquareMetres, int Days, decimal Months, Money Cny, Money Original);

public sealed record MatchedOffer(
    Guid OfferId, string Unit, decimal QuantityOffered, DateOnly AvailableFrom, DateOnly AvailableTo,
    decimal MinimumQuantity, int MinimumTermDays, decimal? FreeOverRange, PriceView Price, NormalisedView Normalised,
    string BookingMode, SearchQuote? Quote);

public sealed record SearchResult(
    WarehouseListing Warehouse, double? DistanceKm, NearestHub? NearestRailHub, CertificationBadge? Certification,
    RatingSummary? Rating, IReadOnlyList<MatchedOffer> MatchedOffers, decimal Score);
