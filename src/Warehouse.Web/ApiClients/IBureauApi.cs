using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>The bureau's progress view and the published listings it puts on its map.</summary>
public interface IBureauApi
{
    [Get("/api/city-progress")]
    Task<CityProgressDetails> GetProgressAsync([Query(Format = "yyyy-MM-dd")] DateOnly? asOf, CancellationToken ct);

    /// <summary>Takes today's snapshot now (bureau admins; the daily job does the same).</summary>
    [Post("/api/city-progress/snapshots")]
    Task<SnapshotTaken> TakeSnapshotAsync(CancellationToken ct);

    /// <summary>The duplicate-site register; <paramref name="status"/> is flagged, sameSite or distinct (null: all).</summary>
    [Get("/api/city-progress/duplicates")]
    Task<DuplicateRegister> GetDuplicatesAsync(string? status, CancellationToken ct);

    /// <summary>A bureau admin decides a pair: same site (counted once) or distinct, with a reason.</summary>
    [Post("/api/city-progress/duplicates/{pairId}/decision")]
    Task<DuplicatePair> DecideDuplicateAsync(Guid pairId, [Body] PairDecision decision, CancellationToken ct);

    /// <summary>Published warehouses, a page at a time (the bureau may search like a trader).</summary>
    [Post("/api/search/capacity")]
    Task<MapSearchResponse> SearchAsync([Body] MapSearchRequest request, CancellationToken ct);
}
