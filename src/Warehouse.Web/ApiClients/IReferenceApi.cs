using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>Public reference data, the city's public progress figures and the API's readiness.</summary>
public interface IReferenceApi
{
    [Get("/api/reference/districts")]
    Task<IReadOnlyList<District>> GetDistrictsAsync(CancellationToken ct);

    /// <summary>The city's progress to its target: public figures only.</summary>
    [Get("/api/city-progress/summary")]
    Task<CityProgressSummary> GetCityProgressAsync(CancellationToken ct);

    /// <summary>Succeeds when the API and its database can serve requests.</summary>
    [Get("/health/ready")]
    Task CheckReadyAsync(CancellationToken ct);
}
