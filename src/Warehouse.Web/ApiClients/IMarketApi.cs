using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>The reference data a trader's search is built from: markets, hubs, services and industry belts (all public).</summary>
public interface IMarketApi
{
    [Get("/api/reference/countries")]
    Task<IReadOnlyList<Country>> GetCountriesAsync(CancellationToken ct);

    [Get("/api/reference/market-groups")]
    Task<IReadOnlyList<MarketGroup>> GetMarketGroupsAsync(CancellationToken ct);

    [Get("/api/reference/hubs")]
    Task<IReadOnlyList<Hub>> GetHubsAsync(CancellationToken ct);

    [Get("/api/reference/service-types")]
    Task<IReadOnlyList<ServiceType>> GetServiceTypesAsync(CancellationToken ct);

    [Get("/api/reference/industry-belts")]
    Task<IReadOnlyList<IndustryBelt>> GetIndustryBeltsAsync(CancellationToken ct);
}
