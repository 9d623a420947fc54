using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Warehouse.Api.Features.Capacity;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Bookings;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Bookings;

/// <summary>
/// A trader books capacity on a published offer: instant-book offers confirm at once, request-to-book offers place a
/// hold that reserves the capacity until the operator answers or the hold expires. The quote endpoint answers the
/// same question without booking.
/// </summary>
public static class PlaceBooking
{
    /// <summary>Optional places in time slots (studio hours, showroom visits, repair days) of the same warehouse, within the booked days.</summary>
    public sealed record SlotRequest(Guid? SlotId, int? Quantity);

    public sealed record Request(Guid? OfferId, decimal? Quantity, DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<SlotRequest>? Slots = null);

    public sealed record QuoteResponse(
        Guid OfferId, string WarehouseName, CapacityUnit Unit, decimal Quantity, DateOnly StartsOn, DateOnly EndsOn, int Days,
        BookingMode BookingMode, bool Available, IReadOnlyList<DateOnly> ShortDays, QuoteView Quote);

    public sealed record QuoteView(decimal TotalOriginal, string Currency, decimal TotalCny, decimal RateCnyPerUnit, DateOnly RateAsOf, string Explanation);

    public static QuoteView ToView(Quote q) => new(q.TotalOriginal, q.Currency, q.TotalCny, q.RateCnyPerUnit, q.RateAsOf, q.Explanation);

    /// <summary>The published offer the trader names, with its warehouse; null when it is not (or no longer) published.</summary>
    private static async Task<(CapacityOffer Offer, OverseasWarehouse Warehouse)?> FindPublishedAsync(WarehouseDb db, Guid offerId, CancellationToken ct)
    {
        // Dedicated read path for published supply across operators: the conditions are stated here, and the
        // published-listing row policies enforce the same in the database.
        var row = await (
            from o in db.Offers.IgnoreQueryFilters().AsNoTracking()
            join w in db.Warehouses.IgnoreQueryFilters().AsNoTracking() on new { o.TenantId, Id = o.WarehouseId } equals new { w.TenantId, w.Id }
            where o.Id == offerId && o.IsPublished && w.Status == WarehouseStatus.Active
            select new { o, w }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.o, row.w);
    }

    private static FieldErrors Validate(Request request)
    {
        var errors = new FieldErrors();
        if (request.OfferId is null) errors.Add("offerId", "Name the offer to book.");
        if (request.Quantity is null) errors.Add("quantity", "The quantity is required (in the offer's unit).");
        if (request.StartsOn is null) errors.Add("startsOn", "The first day is required.");
        if (request.EndsOn is null) errors.Add("endsOn", "The last day is required.");
        var slots = request.Slots ?? [];
        if (slots.Count > 50) errors.Add("slots", "At most 50 slots per booking.");
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots[i]?.SlotId is null) errors.Add($"slots[{i}].slotId", "Name the slot.");
            if (slots[i]?.Quantity is not (>= 1 and <= 1000)) errors.Add($"slots[{i}].quantity", "Book 1 to 1000 places in a slot.");
        }
        if (slots.Where(s => s?.SlotId is not null).GroupBy(s => s!.SlotId).Any(g => g.Count() > 1)) errors.Add("slots", "Name each slot once.");
        return errors;
    }

    public static async Task<Results<Ok<QuoteResponse>, ValidationProblem, NotFound>> Quote(Request request, WarehouseDb db, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (await FindPublishedAsync(db, request.OfferId!.Value, ct) is not var (offer, warehouse)) return TypedResults.NotFound();
        BookingRequest.Check(offer, request.Quantity!.Value, request.StartsOn!.Value, request.EndsOn!.Value);
        var shortDays = await BookingDesk.ShortDaysOnPublishedOfferAsync(db, offer.TenantId, offer.Id, request.Quantity.Value, request.StartsOn.Value, request.EndsOn.Value, ct);
        var days = request.EndsOn.Value.DayNumber - request.StartsOn.Value.DayNumber + 1;
        var quote = Domain.Bookings.Quote.For(offer, request.Quantity.Value, days, ConversionAssumptions.Standard);
        return TypedResults.Ok(new QuoteResponse(offer.Id, warehouse.NameZh, offer.Unit, request.Quantity.Value, request.StartsOn.Value,
            request.EndsOn.Value, days, offer.BookingMode, shortDays.Count == 0, shortDays, ToView(quote)));
    }

    public static async Task<IResult> Create(
        Request request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey, HttpContext http,
        WarehouseDb db, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, IMemoryCache cache, CancellationToken ct)
    {
        var errors = Validate(request);
        if (idempotencyKey is { } k && (k.Length is 0 or > Idempotency.MaxKeyLength || k.Any(char.IsControl)))
            errors.Add(Idempotency.Header, $"An idempotency key has 1 to {Idempotency.MaxKeyLength} printable characters.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        if (idempotencyKey is null) return await BookAsync(request, db, scopes, configuration, clock, cache, ct);

        switch (await Idempotency.ClaimAsync(db, "bookings.create", idempotencyKey, Idempotency.Hash(request), clock, ct))
        {
            case Idempotency.Mismatch:
                return TypedResults.Problem(Problems.Create(422, "idempotency.mismatch", "This Idempotency-Key was used with a different request."));
            case Idempotency.InProgress:
                return TypedResults.Problem(Problems.Create(409, "idempotency.inProgress", "A request with this Idempotency-Key is still being processed; retry shortly."));
            case Idempotency.Replay replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Content(replay.Body, "application/json", statusCode: replay.Status);
        }
        try
        {
            var result = await BookAsync(request, db, scopes, configuration, clock, cache, ct);
            var (status, body) = result switch
            {
                Created<BookingView> created => (201, JsonSerializer.Serialize(created.Value, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)),
                ProblemHttpResult problem => (problem.StatusCode, JsonSerializer.Serialize(problem.ProblemDetails)),
                _ => (0, ""),
            };
            if (status is > 0 and < 500) await Idempotency.CompleteAsync(db, idempotencyKey, status, body, ct);
            else await Idempotency.ReleaseAsync(db, idempotencyKey);
            return result;
        }
        catch
        {
            // A broken rule (400) or our own fault (500): nothing was booked, so the key is freed and the same
            // request may be sent again; it will meet the same answer or succeed.
            await Idempotency.ReleaseAsync(db, idempotencyKey);
            throw;
        }
    }

    private static async Task<IResult> BookAsync(Request request, WarehouseDb db, IServiceScopeFactory scopes, IConfiguration configuration,
        TimeProvider clock, IMemoryCache cache, CancellationToken ct)
    {
        var offerId = request.OfferId!.Value;
        if (await OperatorOfPublishedOfferAsync(db, cache, offerId, ct) is not { } operatorId) return TypedResults.NotFound();
        var traderId = db.Tenant.RequiredTenantId;
        var userId = db.Tenant.RequiredUserId;
        var holdFor = TimeSpan.FromHours(configuration.GetValue("Bookings:HoldHours", 48.0));
        var (quantity, from, to) = (request.Quantity!.Value, request.StartsOn!.Value, request.EndsOn!.Value);
        var slots = (request.Slots ?? []).Select(s => (s.SlotId!.Value, s.Quantity!.Value)).ToList();

        // An offer the operator changes between the read and the lock is read again, in a new unit of work.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await BookingDesk.AsOperatorAsync<IResult>(scopes, operatorId, userId, async operatorDb =>
                {
                    var terms = await BookingDesk.ReadBookableAsync(operatorDb, offerId, traderId, ct);
                    if (terms is null) return TypedResults.NotFound();
                    // PostgreSQL keeps microseconds: the booking in hand carries what a later read returns.
                    var now = BookingDesk.ToMicroseconds(clock.GetUtcNow());
                    var booking = Place(terms, traderId, userId, quantity, from, to, now, holdFor);

                    // Everything that does not need the offer's lock happens before it, the booking row included: on one
                    // hot offer every booking waits for the one before to commit, so the locked section is one round
                    // trip (lock and reserve) and the commit. From here on a refusal must abandon the unit of work.
                    operatorDb.Bookings.Add(booking);
                    await operatorDb.SaveChangesAsync(ct);

                    var reservation = await BookingDesk.LockAndReserveAsync(operatorDb, offerId, terms.Offer.Version, quantity, from, to, ct);
                    switch (reservation.Outcome)
                    {
                        case BookingDesk.ReservationOutcome.OfferGone:
                            throw new BookingRefused(TypedResults.NotFound());
                        case BookingDesk.ReservationOutcome.OfferChanged:
                            throw new OfferChanged();
                        case BookingDesk.ReservationOutcome.ShortDays:
                            // Nothing was taken; the 409 names the days that lack room.
                            var shortDays = reservation.ShortDays;
                            var problem = Problems.Create(409, "capacity.unavailable",
                                $"Not enough free capacity on {shortDays.Count} day(s) of the range, first {shortDays[0]:yyyy-MM-dd}.");
                            problem.Extensions["shortDays"] = shortDays;
                            throw new BookingRefused(TypedResults.Problem(problem));
                    }

                    var (refused, booked) = await BookingDesk.ReserveSlotsAsync(operatorDb, booking, slots, ct);
                    if (refused.Count > 0)
                    {
                        var problem = Problems.Create(409, "slots.unavailable", $"{refused.Count} slot(s) are full, unpublished, of another warehouse or outside the booked days.");
                        problem.Extensions["slots"] = refused;
                        throw new BookingRefused(TypedResults.Problem(problem));
                    }
                    if (booked.Count > 0) await operatorDb.SaveChangesAsync(ct);
                    // The answer is built from the booking in hand and the rows read above: the same view a GET returns.
                    return TypedResults.Created($"/api/bookings/{booking.Id}",
                        BookingViews.ForNew(booking, terms.Operator, terms.Trader, booked, DateOnly.FromDateTime(now.UtcDateTime), traderId));
                }, ct);
            }
            catch (BookingRefused refusal)
            {
                return refusal.Result;
            }
            catch (OfferChanged) when (attempt < MaxAttempts)
            {
                // Nothing of the attempt stayed; the next one reads the offer as it is now.
            }
            catch (OfferChanged)
            {
                return TypedResults.Problem(Problems.Create(409, "offer.changing",
                    "The operator is changing this offer right now; look at it again and book once it settles."));
            }
        }
    }

    /// <summary>Units of work one booking may open when the operator keeps changing the offer between read and lock.</summary>
    private const int MaxAttempts = 3;

    private static Booking Place(BookingDesk.Bookable terms, Guid traderId, Guid userId, decimal quantity, DateOnly from, DateOnly to,
        DateTimeOffset now, TimeSpan holdFor)
        => Booking.Place(terms.Offer, terms.Offer.WarehouseId, terms.WarehouseName, traderId, quantity, from, to,
            Domain.Bookings.Quote.For(terms.Offer, quantity, to.DayNumber - from.DayNumber + 1, ConversionAssumptions.Standard), userId, now, holdFor);

    /// <summary>
    /// The operator whose published offer the trader names, or null. An offer's operator is part of its key and never
    /// changes, so once the published read path has shown the offer it is remembered: that only chooses whose scope the
    /// booking opens, and inside it the offer is read again (published, warehouse active) before anything is booked.
    /// Saves a unit of work (a pooled connection, the tenant setting, a statement and a commit) on every later booking.
    /// </summary>
    private static async Task<Guid?> OperatorOfPublishedOfferAsync(WarehouseDb db, IMemoryCache cache, Guid offerId, CancellationToken ct)
    {
        var key = (typeof(PlaceBooking), offerId);
        if (cache.TryGetValue(key, out Guid known)) return known;
        var found = await InTransactionAsync(db, () => FindPublishedAsync(db, offerId, ct), ct);
        if (found is not var (offer, _)) return null;
        cache.Set(key, offer.TenantId, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 });
        return offer.TenantId;
    }

    /// <summary>Abandons the operator's unit of work (the booking row, any capacity taken), carrying the answer out.</summary>
    private sealed class BookingRefused(IResult result) : Exception("The booking was refused.")
    {
        public IResult Result { get; } = result;
    }

    /// <summary>The offer is not the version read before the lock: abandon the unit of work and book again.</summary>
    private sealed class OfferChanged() : Exception("The offer changed between the read and the lock.");

    private static async Task<T> InTransactionAsync<T>(WarehouseDb db, Func<Task<T>> work, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await tx.CommitAsync(ct);
        return result;
    }
}
