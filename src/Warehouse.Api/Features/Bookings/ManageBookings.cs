using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Bookings;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Bookings;

/// <summary>
/// After a booking exists: each side lists and reads its own; the operator accepts or declines holds; the trader
/// cancels and, after completion, reviews. Every change that releases capacity runs under the offer's row lock and
/// happens at most once (the status check is re-done after the lock).
/// </summary>
public static class ManageBookings
{
    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static async Task<Ok<List<BookingView>>> List(WarehouseDb db, TimeProvider clock, string? status, CancellationToken ct)
    {
        // The query filter already limits this to bookings on the caller's capacity (operator) or made by it (trader).
        var query = db.Bookings.AsQueryable();
        if (Enum.TryParse<BookingStatus>(status, ignoreCase: true, out var s)) query = query.Where(b => b.Status == s);
        var views = await BookingViews.QueryAsync(db, query.OrderByDescending(b => b.CreatedAt).ThenBy(b => b.Id).Take(500), Today(clock), ct);
        return TypedResults.Ok(views.OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Id).ToList());
    }

    public static async Task<Results<Ok<BookingView>, NotFound>> Get(Guid bookingId, WarehouseDb db, CancellationToken ct)
        => await BookingViews.LoadAsync(db, bookingId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    /// <summary>An optional reason; the body itself may be left out.</summary>
    public sealed record Decision(string? Reason);

    public static async Task<Results<Ok<BookingView>, NotFound>> Accept(Guid bookingId, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var booking = await BookingDesk.LockForChangeAsync(db, bookingId, ct);
        if (booking is null || booking.TenantId != db.CurrentTenantId) return TypedResults.NotFound();
        booking.Accept(db.Tenant.RequiredUserId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await BookingViews.LoadAsync(db, bookingId, ct))!);
    }

    public static async Task<Results<Ok<BookingView>, NotFound>> Decline(Guid bookingId, Decision? decision, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var booking = await BookingDesk.LockForChangeAsync(db, bookingId, ct);
        if (booking is null || booking.TenantId != db.CurrentTenantId) return TypedResults.NotFound();
        booking.Decline(db.Tenant.RequiredUserId, clock.GetUtcNow(), decision?.Reason);
        await BookingDesk.ReleaseAsync(db, booking, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await BookingViews.LoadAsync(db, bookingId, ct))!);
    }

    /// <summary>The trader cancels its own booking; the capacity goes back to the operator's days in the operator's scope.</summary>
    public static async Task<Results<Ok<BookingView>, NotFound>> Cancel(
        Guid bookingId, Decision? decision, WarehouseDb db, IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        var mine = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId && b.TraderId == db.CurrentTenantId)
            .Select(b => new { b.TenantId, b.OfferId }).SingleOrDefaultAsync(ct);
        if (mine is null) return TypedResults.NotFound();
        var traderId = db.Tenant.RequiredTenantId;
        await BookingDesk.AsOperatorAsync(scopes, mine.TenantId, db.Tenant.RequiredUserId, async operatorDb =>
        {
            // The offer is known from the trader's read: lock and load it (its cancellation terms) and the booking.
            if (await BookingDesk.LockForChangeAsync(operatorDb, bookingId, mine.OfferId, ct) is not var (booking, offer) || booking.TraderId != traderId)
                throw new InvalidOperationException("The booking vanished under the lock.");
            booking.Cancel(operatorDb.Tenant.RequiredUserId, clock.GetUtcNow(), Today(clock), offer.FreeCancellationDays, decision?.Reason);
            await BookingDesk.ReleaseAsync(operatorDb, booking, ct);
            await operatorDb.SaveChangesAsync(ct);
            return true;
        }, ct);
        return TypedResults.Ok((await BookingViews.LoadAsync(db, bookingId, ct))!);
    }

    public sealed record ReviewRequest(int? Stars, string? Comment);
    public sealed record ReviewView(Guid BookingId, int Stars, string? Comment, DateTimeOffset CreatedAt);

    public static async Task<Results<Created<ReviewView>, NotFound, ValidationProblem, ProblemHttpResult>> Review(
        Guid bookingId, ReviewRequest request, WarehouseDb db, IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId && b.TraderId == db.CurrentTenantId, ct);
        if (booking is null) return TypedResults.NotFound();
        if (request.Stars is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stars"] = ["Give 1 to 5 stars."] });
        if (await db.Set<BookingReview>().AnyAsync(r => r.TenantId == booking.TenantId && r.BookingId == bookingId, ct))
            return TypedResults.Problem(Problems.Create(409, "review.exists", "This booking has already been reviewed."));
        var review = BookingReview.Write(booking, request.Stars.Value, request.Comment, Today(clock), clock.GetUtcNow());
        // Reviews are the operator's rows (they rate its warehouse), written in its scope for the trader.
        await BookingDesk.AsOperatorAsync(scopes, booking.TenantId, db.Tenant.RequiredUserId, async operatorDb =>
        {
            operatorDb.Add(review);
            await operatorDb.SaveChangesAsync(ct);
            return true;
        }, ct);
        return TypedResults.Created($"/api/bookings/{bookingId}/review", new ReviewView(bookingId, review.Stars, review.Comment, review.CreatedAt));
    }

    public sealed record RatingView(double? Average, int Count, IReadOnlyList<ReviewView> Latest);

    /// <summary>The public rating of a warehouse: average stars, count and the latest reviews (no reviewer identity).</summary>
    public static async Task<Ok<RatingView>> Rating(Guid warehouseId, WarehouseDb db, CancellationToken ct)
    {
        var reviews = db.Set<BookingReview>().AsNoTracking().Where(r => r.WarehouseId == warehouseId);
        var count = await reviews.CountAsync(ct);
        var average = count == 0 ? (double?)null : Math.Round(await reviews.AverageAsync(r => r.Stars, ct), 2);
        var latest = await reviews.OrderByDescending(r => r.CreatedAt).Take(10)
            .Select(r => new ReviewView(r.BookingId, r.Stars, r.Comment, r.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(new RatingView(average, count, latest));
    }
}
