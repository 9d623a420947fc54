using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>
/// The trader's side of the API: capacity search, public listings and ratings, quotes, bookings, cancellation and
/// reviews. The bearer token and organisation are added by <see cref="SignedInUserHandler"/>.
/// </summary>
public interface ITraderApi
{
    [Post("/api/search/capacity")]
    Task<SearchResponse> SearchAsync([Body] SearchRequest request, CancellationToken ct);

    [Get("/api/listings/{warehouseId}")]
    Task<ListingDetails> GetListingAsync(Guid warehouseId, CancellationToken ct);

    [Get("/api/warehouses/{warehouseId}/rating")]
    Task<WarehouseRating> GetRatingAsync(Guid warehouseId, CancellationToken ct);

    [Post("/api/bookings/quote")]
    Task<QuoteResponse> QuoteAsync([Body] BookingRequest request, CancellationToken ct);

    /// <summary>The key is generated once per rendered form, so a double submit books once (the API replays the first answer).</summary>
    [Post("/api/bookings")]
    Task<BookingView> BookAsync([Body] BookingRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken ct);

    [Get("/api/bookings")]
    Task<IReadOnlyList<BookingView>> GetBookingsAsync(CancellationToken ct);

    [Post("/api/bookings/{bookingId}/cancel")]
    Task<BookingView> CancelAsync(Guid bookingId, [Body] CancelRequest request, CancellationToken ct);

    [Post("/api/bookings/{bookingId}/review")]
    Task<ReviewView> ReviewAsync(Guid bookingId, [Body] ReviewRequest request, CancellationToken ct);
}
