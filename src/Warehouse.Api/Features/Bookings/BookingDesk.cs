using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Warehouse.Api.Features.Capacity;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Jobs;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Bookings;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Bookings;

/// <summary>
/// The one deliberate cross-tenant path of booking. Capacity, bookings and reviews belong to the operator, so a trader's
/// booking, cancellation or review is carried out in a separate unit of work whose tenant is that operator, opened
/// here explicitly, with the trader's user as the actor. Callers check beforehand that the trader may act on the
/// resource (the offer is published; the booking is the trader's own).
///
/// Never overbooked: every change to an offer's booked counters first locks the offer row (SELECT … FOR NO KEY UPDATE), then
/// checks and updates the day rows; the CHECK (booked &lt;= capacity) on each day row is the backstop.
/// </summary>
public static class BookingDesk
{
    public static Task<T> AsOperatorAsync<T>(IServiceScopeFactory scopes, Guid operatorId, Guid actingUserId,
        Func<WarehouseDb, Task<T>> work, CancellationToken ct)
        => TenantScopes.AsOperatorAsync(scopes, operatorId, actingUserId, db =>
        {
            // This unit of work is committed whole or abandoned whole (every caller lets a failed SaveChanges end it), so
            // EF's automatic savepoint around SaveChanges buys nothing and costs two round trips per booking (benchmarks).
            db.Database.AutoSavepointsEnabled = false;
            return work(db);
        }, ct);

    /// <summary>Days of the range on which fewer than <paramref name="quantity"/> units are free. Call under the offer's lock.</summary>
    public static async Task<List<DateOnly>> ShortDaysAsync(WarehouseDb db, Guid offerId, decimal quantity, DateOnly from, DateOnly to, CancellationToken ct)
        => await db.CapacityDays.AsNoTracking()
            .Where(d => d.OfferId == offerId && d.Day >= from && d.Day <= to && d.Capacity - d.Booked < quantity)
            .OrderBy(d => d.Day).Select(d => d.Day).ToListAsync(ct);

    /// <summary>
    /// <see cref="ShortDaysAsync"/> for a trader reading another operator's published offer (the quote): the tenant
    /// filter would hide the operator's day rows, and no rows would read as "every day fits". The rows are read on the
    /// published read path instead (the published_listing policy on capacity_days), naming the offer's operator.
    /// </summary>
    public static async Task<List<DateOnly>> ShortDaysOnPublishedOfferAsync(
        WarehouseDb db, Guid operatorId, Guid offerId, decimal quantity, DateOnly from, DateOnly to, CancellationToken ct)
        => await db.CapacityDays.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.TenantId == operatorId && d.OfferId == offerId && d.Day >= from && d.Day <= to && d.Capacity - d.Booked < quantity)
            .OrderBy(d => d.Day).Select(d => d.Day).ToListAsync(ct);

    /// <summary>A published offer of this operator on an active warehouse, with what a new booking on it records and shows.</summary>
    public sealed record Bookable(CapacityOffer Offer, string WarehouseName, Organisation Operator, Organisation Trader);

    /// <summary>
    /// The offer if it can be booked (published, its warehouse active), with the warehouse's name and both parties, in
    /// one statement of the operator's unit of work. Not locked: <see cref="LockAndReserveAsync"/> reserves nothing if it
    /// changed meanwhile.
    /// </summary>
    public static async Task<Bookable?> ReadBookableAsync(WarehouseDb db, Guid offerId, Guid traderId, CancellationToken ct)
        => await ReadBookable(db, offerId, traderId, ct);

    // Compiled once: every booking runs this query, and building its expression tree and looking it up in EF's query
    // cache each time cost more CPU than running it. The tenant filters still apply (EF adds them at compilation and
    // reads the context's tenant per execution).
    private static readonly Func<WarehouseDb, Guid, Guid, CancellationToken, Task<Bookable?>> ReadBookable = EF.CompileAsyncQuery(
        (WarehouseDb db, Guid offerId, Guid traderId, CancellationToken ct) => (
            from o in db.Offers.AsNoTracking()
            join w in db.Warehouses on new { o.TenantId, Id = o.WarehouseId } equals new { w.TenantId, w.Id }
            join op in db.Organisations on o.TenantId equals op.Id
            from tr in db.Organisations.Where(t => t.Id == traderId)
            where o.Id == offerId && o.IsPublished && w.Status == WarehouseStatus.Active
            select new Bookable(o, w.NameZh, op, tr)).SingleOrDefault());

    /// <summary>What <see cref="LockAndReserveAsync"/> found: the days were taken, or why not.</summary>
    public enum ReservationOutcome { Reserved, ShortDays, OfferGone, OfferChanged }

    public sealed record Reservation(ReservationOutcome Outcome, IReadOnlyList<DateOnly> ShortDays);

    /// <summary>
    /// Takes the offer's row lock if it is still published, then adds <paramref name="quantity"/> to every day of the
    /// range if the offer is still the version the caller read (<paramref name="readVersion"/>, its xmin) and every day
    /// has room, else to none, naming the days that lack room. Two statements sent as one batch: one round trip inside
    /// the locked section, which on one hot offer is what every other booking waits for.
    /// <para>
    /// The second statement starts after the first has the lock, so its snapshot shows every booking committed before
    /// (READ COMMITTED takes a snapshot per statement, batched or not), and no other booking can change the days until
    /// this transaction ends. The lock is <c>FOR NO KEY UPDATE</c>: it excludes every other writer of the offer (they
    /// all take this lock or an UPDATE's) but not the key-share lock that inserting a booking row takes on its offer
    /// through the foreign key, so the booking row can be written before the lock without two bookings deadlocking.
    /// The CHECK (booked &lt;= capacity) on each day row stays the backstop.
    /// </para>
    /// </summary>
    public static async Task<Reservation> LockAndReserveAsync(WarehouseDb db, Guid offerId, uint readVersion, decimal quantity, DateOnly from, DateOnly to,
        CancellationToken ct)
    {
        var tenant = db.CurrentTenantId!.Value;
        var days = to.DayNumber - from.DayNumber + 1;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Reserve capacity inside the operator's unit of work.");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                // The tenant condition is stated as well as enforced by row security.
                Command("SELECT 1 FROM capacity_offers WHERE tenant_id = $1 AND id = $2 AND is_published FOR NO KEY UPDATE", tenant, offerId),
                // xid has no comparison with a number; as text it reads as the number EF keeps in the offer's Version.
                Command("""
                    WITH unchanged AS (
                        SELECT 1 FROM capacity_offers WHERE tenant_id = $1 AND id = $2 AND is_published AND xmin::text::bigint = $3),
                    short AS (
                        SELECT day FROM capacity_days
                        WHERE tenant_id = $1 AND offer_id = $2 AND day BETWEEN $4 AND $5 AND capacity - booked < $6),
                    taken AS (
                        UPDATE capacity_days SET booked = booked + $6
                        WHERE tenant_id = $1 AND offer_id = $2 AND day BETWEEN $4 AND $5
                          AND EXISTS (SELECT 1 FROM unchanged) AND NOT EXISTS (SELECT 1 FROM short)
                        RETURNING 1)
                    SELECT EXISTS (SELECT 1 FROM unchanged), (SELECT count(*) FROM taken)::int,
                           coalesce((SELECT array_agg(day ORDER BY day) FROM short), ARRAY[]::date[])
                    """, tenant, offerId, (long)readVersion, from, to, quantity),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var locked = await reader.ReadAsync(ct);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        var (unchanged, taken, shortDays) = (reader.GetBoolean(0), reader.GetInt32(1), reader.GetFieldValue<DateOnly[]>(2));
        if (!locked) return new Reservation(ReservationOutcome.OfferGone, []);
        if (!unchanged) return new Reservation(ReservationOutcome.OfferChanged, []);
        if (shortDays.Length > 0) return new Reservation(ReservationOutcome.ShortDays, shortDays);
        if (taken == days) return new Reservation(ReservationOutcome.Reserved, []);
        // Only possible if day rows are missing from the window (or a writer changed them without the offer's lock).
        throw new InvalidOperationException($"Reserved {taken} of {days} days on offer {offerId}; the day rows do not match the window.");
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>A time to the microsecond, as PostgreSQL stores it (Npgsql truncates the rest when it writes).</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % 10));

    /// <summary>Gives a booking's quantity back to its days. Call under the offer's lock, once per status change that releases.</summary>
    public static async Task ReleaseAsync(WarehouseDb db, Booking booking, CancellationToken ct)
    {
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE capacity_days SET booked = booked - {booking.Quantity}
            WHERE tenant_id = {booking.TenantId} AND offer_id = {booking.OfferId} AND day BETWEEN {booking.StartsOn} AND {booking.EndsOn}
            """, ct);
        if (updated != booking.Days) throw new InvalidOperationException($"Released {updated} of {booking.Days} days for booking {booking.Id}.");
        await ReleaseSlotsAsync(db, booking, ct);
    }

    /// <summary>
    /// Takes places in time slots of the booking's warehouse. One slot is one row, so a conditional update is atomic on
    /// its own (no lock of the service needed); a slot that lacks room fails the whole booking. Returns the slots that
    /// could not be booked, in the request's order, and the ones booked as the booking's view shows them.
    /// </summary>
    public static async Task<(List<Guid> Refused, List<BookedSlotView> Booked)> ReserveSlotsAsync(
        WarehouseDb db, Booking booking, IReadOnlyList<(Guid SlotId, int Quantity)> slots, CancellationToken ct)
    {
        var refused = new List<Guid>();
        var booked = new List<BookedSlotView>();
        foreach (var (slotId, quantity) in slots)
        {
            // The slot must be published, of this warehouse, and fall within the booked days.
            var taken = await db.Database.SqlQuery<TakenSlot>($"""
                UPDATE service_slots s SET booked = s.booked + {quantity}
                FROM service_offerings o
                WHERE s.tenant_id = {booking.TenantId} AND s.id = {slotId} AND s.capacity - s.booked >= {quantity}
                  AND o.tenant_id = s.tenant_id AND o.id = s.service_id AND o.is_published AND o.warehouse_id = {booking.WarehouseId}
                  AND s.starts_at >= {booking.StartsOn}::date AND s.starts_at < {booking.EndsOn}::date + 1
                RETURNING o.service_type_code, s.starts_at, s.ends_at
                """).ToListAsync(ct);
            if (taken.Count == 1)
            {
                db.Add(BookedSlot.For(booking, slotId, quantity));
                booked.Add(new BookedSlotView(slotId, taken[0].ServiceTypeCode, taken[0].StartsAt, taken[0].EndsAt, quantity));
            }
            else refused.Add(slotId);
        }
        return (refused, booked);
    }

    /// <summary>What a slot update returns (columns in snake_case, as the naming convention maps them).</summary>
    private sealed record TakenSlot(string ServiceTypeCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    /// <summary>Gives back the slot places of a booking whose status change released its capacity.</summary>
    public static async Task ReleaseSlotsAsync(WarehouseDb db, Booking booking, CancellationToken ct)
        => await db.Database.ExecuteSqlAsync($"""
            UPDATE service_slots s SET booked = s.booked - b.quantity
            FROM booking_slots b
            WHERE b.tenant_id = {booking.TenantId} AND b.booking_id = {booking.Id} AND s.tenant_id = b.tenant_id AND s.id = b.slot_id
            """, ct);

    /// <summary>Locks the booking's offer, then loads the booking (tracked) for a status change.</summary>
    public static async Task<Booking?> LockForChangeAsync(WarehouseDb db, Guid bookingId, CancellationToken ct)
    {
        var offerId = await db.Bookings.Where(b => b.Id == bookingId).Select(b => (Guid?)b.OfferId).SingleOrDefaultAsync(ct);
        if (offerId is null) return null;
        return (await LockForChangeAsync(db, bookingId, offerId.Value, ct))?.Booking;
    }

    /// <summary>
    /// <see cref="LockForChangeAsync(WarehouseDb, Guid, CancellationToken)"/> when the caller already knows the booking's
    /// offer (a booking never moves to another offer): locks and loads the offer, then loads the booking. Null when
    /// either is not this operator's.
    /// </summary>
    public static async Task<(Booking Booking, CapacityOffer Offer)?> LockForChangeAsync(WarehouseDb db, Guid bookingId, Guid offerId, CancellationToken ct)
    {
        var offer = await CapacityDays.LockOfferAsync(db, offerId, ct);
        if (offer is null) return null;
        // Read after the lock: a concurrent change may have moved the status meanwhile.
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId && b.OfferId == offerId, ct);
        return booking is null ? null : (booking, offer);
    }
}
