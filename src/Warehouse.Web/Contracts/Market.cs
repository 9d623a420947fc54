namespace Warehouse.Web.Contracts;

/// <summary>A country (ISO 3166-1) and the market groups it belongs to (GET /api/reference/countries).</summary>
public sealed record Country(string Alpha2, string NameZh, string NameEn, IReadOnlyList<string> MarketGroups);

/// <summary>A policy market group such as Southeast Asia or RCEP (GET /api/reference/market-groups).</summary>
public sealed record MarketGroup(string Code, string NameZh, string NameEn, IReadOnlyList<string> Members);

/// <summary>A rail node, port or air hub (GET /api/reference/hubs); <see cref="Kind"/> is rail, port or air.</summary>
public sealed record Hub(string Code, string Kind, string NameEn, string NameZh, string CountryCode, double Latitude, double Longitude)
{
    public bool IsRail => string.Equals(Kind, "rail", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A service type of the platform's catalogue (GET /api/reference/service-types).</summary>
public sealed record ServiceType(string Code, string NameZh, string NameEn, bool IsTimeSlotted);

/// <summary>A Suzhou export cluster (产业带) and the handling needs it implies (GET /api/reference/industry-belts).</summary>
public sealed record IndustryBelt(string Code, string DistrictCode, string NameEn, string NameZh, IReadOnlyList<string> HandlingNeeds);
