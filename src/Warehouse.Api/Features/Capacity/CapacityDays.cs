using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Capacity;

namespace Warehouse.Api.Features.Capacity;

/// <summary>
/// The per-day capacity rows behind every offer, maintained in SQL: one statement per change rather than one row
/// object per day (a three-year window is over a thousand rows). All of it runs in the caller's transaction, after
/// <see cref="LockOfferAsync"/> has taken the offer's row lock, the same lock bookings take.
/// </summary>
public static class CapacityDays
{
    public sealed record Conflict(DateOnly Day, decimal Booked);

    /// <summary>
    /// Loads the offer for update (SELECT … FOR NO KEY UPDATE), serialising changes to it with bookings. Not FOR UPDATE:
    /// an offer's key never changes, and FOR UPDATE would also conflict with the key-share lock that inserting a booking
    /// row takes on its offer through the foreign key (see BookingDesk.PlaceAsync).
    /// </summary>
    public static async Task<CapacityOffer?> LockOfferAsync(WarehouseDb db, Guid offerId, CancellationToken ct)
    {
        // The tenant condition is stated as well as enforced by row security; the entity is then loaded normally.
        var locked = await db.Database.SqlQuery<Guid>(
            $"SELECT id AS value FROM capacity_offers WHERE tenant_id = {db.CurrentTenantId} AND id = {offerId} FOR NO KEY UPDATE").ToListAsync(ct);
        return locked.Count == 0 ? null : await db.Offers.SingleAsync(o => o.Id == offerId, ct);
    }

    /// <summary>Days that bookings would overflow under a new window and quantity.</summary>
    public static async Task<List<Conflict>> ConflictsAsync(WarehouseDb db, Guid offerId, DateOnly from, DateOnly to, decimal quantity, CancellationToken ct)
        => await db.CapacityDays.AsNoTracking()
            .Where(d => d.OfferId == offerId && d.Booked > 0 && (d.Day < from || d.Day > to || d.Booked > quantity))
            .OrderBy(d => d.Day)
            .Select(d => new Conflict(d.Day, d.Booked))
            .ToListAsync(ct);

    /// <summary>
    /// Makes the day rows match the offer: drops days outside the window, sets every day's capacity, adds missing days.
    /// Days are counted in C# (a series of integers), so no date value can make the series unbounded.
    /// </summary>
    public static async Task ReshapeAsync(WarehouseDb db, CapacityOffer offer, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM capacity_days
            WHERE tenant_id = {offer.TenantId} AND offer_id = {offer.Id} AND (day < {offer.AvailableFrom} OR day > {offer.AvailableTo})
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE capacity_days SET capacity = {offer.Quantity}
            WHERE tenant_id = {offer.TenantId} AND offer_id = {offer.Id} AND capacity <> {offer.Quantity}
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO capacity_days (tenant_id, offer_id, day, capacity, booked)
            SELECT {offer.TenantId}, {offer.Id}, {offer.AvailableFrom}::date + i, {offer.Quantity}, 0
            FROM generate_series(0, {offer.AvailableTo.DayNumber - offer.AvailableFrom.DayNumber}) AS i
            ON CONFLICT (tenant_id, offer_id, day) DO NOTHING
            """, ct);
    }

    /// <summary>"2026-12-01–2026-12-03, 2026-12-07" style ranges for an error message.</summary>
    public static string Describe(IReadOnlyList<Conflict> days)
    {
        var ranges = new List<string>();
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1].Day == days[j].Day.AddDays(1)) j++;
            ranges.Add(i == j ? $"{days[i].Day:yyyy-MM-dd}" : $"{days[i].Day:yyyy-MM-dd}–{days[j].Day:yyyy-MM-dd}");
            i = j + 1;
        }
        return string.Join(", ", ranges.Take(10)) + (ranges.Count > 10 ? ", …" : "");
    }
}
