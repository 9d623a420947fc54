using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Bookings;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Bookings;

public sealed record PartyView(Guid Id, string LegalNameZh, string? LegalNameEn, string? ContactName, string? ContactPhone, string? ContactEmail);

/// <summary>
/// A booking as either party sees it. The operator sees the booking trader's company name and contact, nothing else
/// of the trader; the trader sees the operator's company name and the warehouse.
/// </summary>
public sealed record BookingView(
    Guid Id, Guid OfferId, Guid WarehouseId, string WarehouseName, CapacityUnit Unit, decimal Quantity, DateOnly StartsOn,
    DateOnly EndsOn, int Days, string Status, DateTimeOffset? HoldExpiresAt, PlaceBooking.QuoteView Quote, PartyView Operator,
    PartyView Trader, IReadOnlyList<BookedSlotView> Slots, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? DecisionReason, bool CanReview);

public sealed record BookedSlotView(Guid SlotId, string ServiceType, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Quantity);

public static class BookingViews
{
    /// <summary>"completed" is derived: a confirmed booking whose last day has passed.</summary>
    public static string StatusOf(Booking b, DateOnly today)
        => b.IsCompleted(today) ? "completed" : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(b.Status.ToString());

    public static async Task<BookingView?> LoadAsync(WarehouseDb db, Guid bookingId, CancellationToken ct)
        => (await QueryAsync(db, db.Bookings.Where(b => b.Id == bookingId), DateOnly.FromDateTime(DateTime.UtcNow), ct)).SingleOrDefault();

    public static async Task<List<BookingView>> QueryAsync(WarehouseDb db, IQueryable<Booking> bookings, DateOnly today, CancellationToken ct)
    {
        var viewer = db.CurrentTenantId;
        var rows = await (
            from b in bookings.AsNoTracking()
            join op in db.Organisations on b.TenantId equals op.Id
            join tr in db.Organisations on b.TraderId equals tr.Id
            select new { b, op, tr, Reviewed = db.Set<BookingReview>().Any(r => r.TenantId == b.TenantId && r.BookingId == b.Id) })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.b.Id).ToList();
        // The booked-slot rows pass the same two-party filter as bookings, so only this booking's parties get here.
        // The slot and service rows they point to belong to the operator: for the operator its tenant filter would
        // match, but for the trader it would hide them. Hence IgnoreQueryFilters on those two joins only; row security
        // still decides, and lets the trader read them only while published (policy published_listing).
        var slots = (await (
            from s in db.Set<BookedSlot>().AsNoTracking()
            where ids.Contains(s.BookingId)
            join slot in db.Set<Warehouse.Domain.Services.ServiceSlot>().IgnoreQueryFilters() on new { s.TenantId, Id = s.SlotId } equals new { slot.TenantId, slot.Id }
            join service in db.Set<Warehouse.Domain.Services.ServiceOffering>().IgnoreQueryFilters() on new { slot.TenantId, Id = slot.ServiceId } equals new { service.TenantId, service.Id }
            select new { s.BookingId, View = new BookedSlotView(s.SlotId, service.ServiceTypeCode, slot.StartsAt, slot.EndsAt, s.Quantity) })
            .ToListAsync(ct)).ToLookup(x => x.BookingId, x => x.View);
        return rows.Select(r => new BookingView(
            r.b.Id, r.b.OfferId, r.b.WarehouseId, r.b.WarehouseName, r.b.Unit, r.b.Quantity, r.b.StartsOn, r.b.EndsOn, r.b.Days,
            StatusOf(r.b, today), r.b.HoldExpiresAt, PlaceBooking.ToView(r.b.Quote),
            // Each side sees the other's company and contact for this booking; nothing more of either.
            Party(r.op), Party(r.tr), slots[r.b.Id].OrderBy(v => v.StartsAt).ToList(), r.b.CreatedAt, r.b.DecidedAt, r.b.DecisionReason,
            CanReview: viewer == r.b.TraderId && !r.Reviewed && r.b.IsCompleted(today) && today <= r.b.EndsOn.AddDays(BookingReview.WindowDays)))
            .ToList();
    }

    /// <summary>
    /// The view of a booking just placed, built from the booking in hand and its two parties' views instead of read back: what
    /// <see cref="LoadAsync"/> would return for it once committed. Numbers carry the scale of their columns (a read
    /// returns 2 as "2.0" for a quantity), times are already whole microseconds (the caller made them so).
    /// </summary>
    public static BookingView ForNew(Booking b, PartyView @operator, PartyView trader, IReadOnlyList<BookedSlotView> slots, DateOnly today, Guid viewer)
    {
        var q = b.Quote;
        var quote = new PlaceBooking.QuoteView(Scaled(q.TotalOriginal, 2), q.Currency, Scaled(q.TotalCny, 2), Scaled(q.RateCnyPerUnit, 8), q.RateAsOf, q.Explanation);
        return new BookingView(
            b.Id, b.OfferId, b.WarehouseId, b.WarehouseName, b.Unit, Scaled(b.Quantity, 1), b.StartsOn, b.EndsOn, b.Days,
            StatusOf(b, today), b.HoldExpiresAt, quote, @operator, trader, slots.OrderBy(v => v.StartsAt).ToList(),
            b.CreatedAt, b.DecidedAt, b.DecisionReason,
            // A new booking has no review yet.
            CanReview: viewer == b.TraderId && b.IsCompleted(today) && today <= b.EndsOn.AddDays(BookingReview.WindowDays));
    }

    /// <summary>
    /// <paramref name="value"/> as a numeric(p, <paramref name="scale"/>) column gives it back: rounded half away from
    /// zero as PostgreSQL rounds, with exactly that many decimals (adding a zero of that scale sets it).
    /// </summary>
    private static decimal Scaled(decimal value, int scale)
        => decimal.Round(value, scale, MidpointRounding.AwayFromZero) + new decimal(0, 0, 0, false, (byte)scale);

    private static PartyView Party(Organisation o) => new(o.Id, o.LegalNameZh, o.LegalNameEn, o.Contact.Name, o.Contact.Phone, o.Contact.Email);
}
