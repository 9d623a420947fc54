using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>Public reference data and the API's readiness.</summary>
public interface IReferenceApi
{
    [Get("/api/reference/districts")]
    Task<IReadOnlyList<District>> GetDistrictsAsync(CancellationToken ct);

    /// <summary>Succeeds when the API and its database can serve requests.</summary>
    [Get("/health/ready")]
    Task CheckReadyAsync(CancellationToken ct);
}
