using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using Warehouse.Api.Features.Capacity;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain;
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
        WarehouseDb db, NpgsqlDataSource database, NewRows newRows, BookingLanes lanes, IConfiguration configuration, TimeProvider clock,
        IMemoryCache cache, CancellationToken ct)
    {
        var errors = Validate(request);
        if (idempotencyKey is { } k && (k.Length is 0 or > Idempotency.MaxKeyLength || k.Any(char.IsControl)))
            errors.Add(Idempotency.Header, $"An idempotency key has 1 to {Idempotency.MaxKeyLength} printable characters.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var (traderId, userId) = (db.Tenant.RequiredTenantId, db.Tenant.RequiredUserId);

        if (idempotencyKey is null) return await BookAsync(request, db, newRows, lanes, configuration, clock, cache, ct);

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
            var result = await BookAsync(request, db, newRows, lanes, configuration, clock, cache, ct);
            var (status, body) = result switch
            {
                Created<BookingView> created => (201, JsonSerializer.Serialize(created.Value, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)),
                ProblemHttpResult problem => (problem.StatusCode, JsonSerializer.Serialize(problem.ProblemDetails)),
                _ => (0, ""),
            };
            // Not the request's token: the booking is decided whether or not the client still listens, and a retry with
            // this key must find its answer rather than book again.
            if (status is > 0 and < 500) await Idempotency.CompleteAsync(database, traderId, userId, idempotencyKey, status, body, CancellationToken.None);
            else await Idempotency.ReleaseAsync(database, traderId, userId, idempotencyKey);
            return result;
        }
        catch
        {
            // A broken rule (400) or our own fault (500): nothing was booked, so the key is freed and the same
            // request may be sent again; it will meet the same answer or succeed.
            await Idempotency.ReleaseAsync(database, traderId, userId, idempotencyKey);
            throw;
        }
    }

    private static async Task<IResult> BookAsync(Request request, WarehouseDb db, NewRows newRows, BookingLanes lanes, IConfiguration configuration,
        TimeProvider clock, IMemoryCache cache, CancellationToken ct)
    {
        var offerId = request.OfferId!.Value;
        var traderId = db.Tenant.RequiredTenantId;
        var userId = db.Tenant.RequiredUserId;
        var traderRoles = db.Tenant.AdmittedRoles;
        var holdFor = TimeSpan.FromHours(configuration.GetValue("Bookings:HoldHours", 48.0));
        var (quantity, from, to) = (request.Quantity!.Value, request.StartsOn!.Value, request.EndsOn!.Value);
        var slots = (request.Slots ?? []).Select(s => (s.SlotId!.Value, s.Quantity!.Value)).ToList();

        // Priced from the terms as last read; the booking's own statement takes nothing unless they are still current,
        // and then the terms are read again and the booking priced again.
        for (var attempt = 1; ; attempt++)
        {
            var fresh = attempt > 1;
            if (await TermsAsync(db, cache, offerId, fresh, ct) is not { } terms) return TypedResults.NotFound();
            // PostgreSQL keeps microseconds: the booking in hand carries what a later read returns.
            var now = BookingDesk.ToMicroseconds(clock.GetUtcNow());
            Booking booking;
            try
            {
                booking = Booking.Place(terms.Offer, terms.Offer.WarehouseId, terms.WarehouseName, traderId, quantity, from, to,
                    Domain.Bookings.Quote.For(terms.Offer, quantity, to.DayNumber - from.DayNumber + 1, ConversionAssumptions.Standard), userId, now, holdFor);
            }
            catch (DomainException) when (!fresh)
            {
                // The rules are judged on the offer as it is, not on a remembered copy (its window may have grown).
                continue;
            }

            // Decided with any other bookings of this offer that arrive meanwhile (one lock, one commit), each on its own.
            var reservation = await lanes.DecideAsync(BookingDesk.Prepare(newRows, booking, terms.Offer.Version, terms.WarehouseVersion, slots, traderRoles));
            switch (reservation.Outcome)
            {
                case BookingDesk.ReservationOutcome.OfferChanged when attempt < MaxAttempts:
                    continue;
                case BookingDesk.ReservationOutcome.OfferChanged:
                    return TypedResults.Problem(Problems.Create(409, "offer.changing",
                        "The operator is changing this offer right now; look at it again and book once it settles."));
                case BookingDesk.ReservationOutcome.ShortDays:
                    // Nothing was taken; the 409 names the days that lack room.
                    var shortDays = reservation.ShortDays;
                    var days = Problems.Create(409, "capacity.unavailable",
                        $"Not enough free capacity on {shortDays.Count} day(s) of the range, first {shortDays[0]:yyyy-MM-dd}.");
                    days.Extensions["shortDays"] = shortDays;
                    return TypedResults.Problem(days);
                case BookingDesk.ReservationOutcome.SlotsRefused:
                    var refused = reservation.RefusedSlots;
                    var problem = Problems.Create(409, "slots.unavailable", $"{refused.Count} slot(s) are full, unpublished, of another warehouse or outside the booked days.");
                    problem.Extensions["slots"] = refused;
                    return TypedResults.Problem(problem);
                case BookingDesk.ReservationOutcome.DaysMissing:
                    // Our fault, not the trader's: every published offer has a day row for each day of its window.
                    throw new InvalidOperationException($"Offer {offerId} lacks day rows between {from} and {to}.");
            }
            // The answer is built from the booking in hand and what its statement read: the same view a GET returns.
            return TypedResults.Created($"/api/bookings/{booking.Id}", BookingViews.ForNew(booking, reservation.Operator!, reservation.Trader!,
                reservation.Slots, DateOnly.FromDateTime(now.UtcDateTime), traderId));
        }
    }

    /// <summary>Times one booking reads the offer again when the operator keeps changing it between read and booking.</summary>
    private const int MaxAttempts = 3;

    /// <summary>The published offer and its warehouse, as a booking is priced from them.</summary>
    private sealed record Terms(CapacityOffer Offer, string WarehouseName, uint WarehouseVersion);

    /// <summary>
    /// The published offer the trader names, with its warehouse, or null. Remembered per offer: every booking states
    /// the versions it was priced from, and its statement writes nothing unless both rows are still those versions, still
    /// published and active; so a remembered copy can at worst cost one more read (<paramref name="fresh"/>), never a
    /// booking on old terms. Saves a unit of work (a connection, the tenant setting, a statement and a commit) on
    /// every booking of an offer after the first. Published terms are public, so sharing them across traders is safe.
    /// </summary>
    private static async Task<Terms?> TermsAsync(WarehouseDb db, IMemoryCache cache, Guid offerId, bool fresh, CancellationToken ct)
    {
        var key = (typeof(PlaceBooking), offerId);
        if (!fresh && cache.TryGetValue(key, out Terms? known)) return known;
        var found = await InTransactionAsync(db, () => FindPublishedAsync(db, offerId, ct), ct);
        if (found is not var (offer, warehouse))
        {
            cache.Remove(key);
            return null;
        }
        var terms = new Terms(offer, warehouse.NameZh, warehouse.Version);
        cache.Set(key, terms, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 });
        return terms;
    }

    private static async Task<T> InTransactionAsync<T>(WarehouseDb db, Func<Task<T>> work, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await tx.CommitAsync(ct);
        return result;
    }
}
