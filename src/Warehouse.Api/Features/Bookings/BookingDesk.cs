using Microsoft.EntityFrameworkCore;
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

    /// <summary>What <see cref="DecideAsync"/> found: the booking was written, or why nothing was.</summary>
    public enum ReservationOutcome { Reserved, OfferChanged, ShortDays, SlotsRefused, DaysMissing }

    /// <summary>
    /// The outcome, the days that lack room or the slots refused (in the request's order), and for a booking written
    /// its slots and both parties as the booking's view shows them, read in the same round trip.
    /// </summary>
    public sealed record Reservation(ReservationOutcome Outcome, IReadOnlyList<DateOnly> ShortDays, IReadOnlyList<Guid> RefusedSlots,
        IReadOnlyList<BookedSlotView> Slots, PartyView? Operator, PartyView? Trader);

    /// <summary>
    /// A booking ready to be decided: the versions of the offer and warehouse it was priced from, its slots, the rows it
    /// writes if it is taken (booking, slots and audit entry, as SaveChanges would write them, all of the booking's tenant), and
    /// the roles in which the booking user's membership of the trader may book (checked again as it is decided).
    /// </summary>
    public sealed record PendingBooking(Booking Booking, uint OfferVersion, uint WarehouseVersion,
        IReadOnlyList<(Guid SlotId, int Quantity)> Slots, IReadOnlyList<AddedRow> Rows, IReadOnlyList<MembershipRole> TraderRoles);

    /// <summary>
    /// Builds the rows of a new booking for its operator's tenant with the trader's user as the actor (the audit entry
    /// names that user), as a save in the operator's unit of work would; every row carries the booking's tenant, which the
    /// batch's tenant setting and row policies then hold to the operator (<see cref="DecideAsync"/>). Nothing is sent to the
    /// database.
    /// </summary>
    public static PendingBooking Prepare(NewRows newRows, Booking booking, uint offerVersion, uint warehouseVersion,
        IReadOnlyList<(Guid SlotId, int Quantity)> slots, IReadOnlyList<MembershipRole> traderRoles)
    {
        // Every row carries the booking's tenant (the slots copy it): the guard a save applies, stated.
        if (booking.TenantId == Guid.Empty) throw new InvalidOperationException("A booking names the operator whose capacity it takes.");
        var rows = new List<AddedRow>(slots.Count + 2) { newRows.Row(booking) };
        foreach (var (slotId, quantity) in slots) rows.Add(newRows.Row(BookedSlot.For(booking, slotId, quantity)));
        rows.Add(newRows.Audited(booking, booking.CreatedBy, DateTimeOffset.UtcNow));
        return new PendingBooking(booking, offerVersion, warehouseVersion, slots, rows, traderRoles);
    }

    /// <summary>
    /// Decides new bookings of one offer, in order, and takes their capacity, each all or nothing, in one round trip:
    /// one batch that PostgreSQL runs as one implicit transaction, committed when its last statement succeeds.
    /// <list type="number">
    /// <item>the operator's tenant and the first trader's user, set transaction-locally (lock 3 of tenancy, as the first
    /// statement of the transaction, like every unit of work);</item>
    /// <item>the parties' names and contacts, for the answers;</item>
    /// <item>the offer's row lock if it is still published, then the named slots' row locks in id order (if any);</item>
    /// <item>per booking, first (when the trader or user differs from the booking before) the check that its user is still
    /// a member of its trader in a role that may book, which also sets that user (lock 1, see
    /// <see cref="MembershipCache"/>), then one statement that decides and writes: the offer
    /// and its warehouse are still the versions the booking was priced from (xmin; published, active), every day of the
    /// range exists and has room, every slot is open, of this warehouse and within the range; if so it adds the quantity
    /// to the days and slots and inserts the booking's rows, else it writes nothing and names what failed.</item>
    /// </list>
    /// Each deciding statement starts after the locks are held, so its snapshot (READ COMMITTED takes one per statement,
    /// batched or not) shows every booking committed before and every booking of this batch decided before it, and no
    /// other booking can change these days or slots until this batch commits. The lock is released by the commit at the
    /// end of the same round trip: on one hot offer, each batch waits for the one before only for the database's own
    /// work. <c>FOR NO KEY UPDATE</c> excludes every other writer of the offer (they all take it or an UPDATE's) but not
    /// the key-share lock that a booking row's foreign key takes on its offer; neither changes the offer's xmin, so a
    /// booking decided earlier in the batch does not read as a change of terms to the next. The CHECK (booked &lt;=
    /// capacity) on day and slot rows stays the backstop.
    /// <para>An error in any statement (a constraint, a trigger, a timeout) rolls the whole batch back: the caller
    /// decides the bookings again one by one (<see cref="BookingLanes"/>).</para>
    /// </summary>
    public static async Task<IReadOnlyList<Reservation>> DecideAsync(NpgsqlDataSource database, IReadOnlyList<PendingBooking> bookings, CancellationToken ct)
    {
        var first = bookings[0].Booking;
        if (bookings.Any(b => b.Booking.TenantId != first.TenantId || b.Booking.OfferId != first.OfferId))
            throw new ArgumentException("Bookings decided together must be of one offer.", nameof(bookings));

        // A pooled connection, no DbContext: the statements are ours, and the batch sets its own tenant and user.
        await using var connection = await database.OpenConnectionAsync(ct);

        var slotIds = bookings.SelectMany(b => b.Slots).Select(s => s.SlotId).Distinct().Order().ToArray();
        // No NpgsqlTransaction: the batch is its own transaction, and its commit needs no round trip of its own.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command(TenantTransactionInterceptor.SetSql, first.TenantId.ToString(), first.CreatedBy.ToString()),
                Command("SELECT id, legal_name_zh, legal_name_en, contact_name, contact_phone, contact_email FROM organisations WHERE id = ANY($1)",
                    bookings.Select(b => b.Booking.TraderId).Append(first.TenantId).Distinct().ToArray()),
                // The tenant condition is stated as well as enforced by row security.
                Command("SELECT 1 FROM capacity_offers WHERE tenant_id = $1 AND id = $2 AND is_published FOR NO KEY UPDATE", first.TenantId, first.OfferId),
            },
        };
        if (slotIds.Length > 0)
            batch.BatchCommands.Add(Command("SELECT 1 FROM service_slots WHERE tenant_id = $1 AND id = ANY($2) ORDER BY id FOR NO KEY UPDATE",
                first.TenantId, slotIds));
        // Which results are a membership check to step over. The check fails the batch (SQLSTATE WH001) if the membership
        // no longer holds; the bookings are then decided one by one and only that booking's request is refused. It also
        // sets its user, so each deciding statement runs as the user whose booking it is (row policies, audit).
        var checksMember = new bool[bookings.Count];
        (Guid Trader, Guid User)? member = null;
        for (var i = 0; i < bookings.Count; i++)
        {
            var booking = bookings[i];
            var next = (booking.Booking.TraderId, booking.Booking.CreatedBy);
            if (member != next)
            {
                member = next;
                batch.BatchCommands.Add(Command("SELECT set_acting_member($1, $2, $3)", next.TraderId, next.CreatedBy,
                    TenantTransactionInterceptor.RoleNames(booking.TraderRoles)));
                checksMember[i] = true;
            }
            batch.BatchCommands.Add(DecideAndWrite(booking));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var parties = new Dictionary<Guid, PartyView>();
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            parties[reader.GetGuid(0)] = new PartyView(reader.GetGuid(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5));
        await reader.NextResultAsync(ct);
        if (slotIds.Length > 0) await reader.NextResultAsync(ct);
        var reservations = new List<Reservation>(bookings.Count);
        for (var i = 0; i < bookings.Count; i++)
        {
            if (checksMember[i]) await reader.NextResultAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            reservations.Add(Read(reader, bookings[i], parties));
        }
        // Reading to the end surfaces a failed commit before anything is reported as booked.
        await reader.DisposeAsync();
        return reservations;
    }

    private static Reservation Read(NpgsqlDataReader reader, PendingBooking pending, Dictionary<Guid, PartyView> parties)
    {
        var unchanged = reader.GetBoolean(0);
        var whole = reader.GetBoolean(1);
        var shortDays = reader.GetFieldValue<DateOnly[]>(2);
        var refusedSlots = reader.GetFieldValue<Guid[]>(3);
        var (slotIds, types, starts, ends) = (reader.GetFieldValue<Guid[]>(4), reader.GetFieldValue<string[]>(5),
            reader.GetFieldValue<DateTimeOffset[]>(6), reader.GetFieldValue<DateTimeOffset[]>(7));
        if (!unchanged) return Refused(ReservationOutcome.OfferChanged);
        if (shortDays.Length > 0) return Refused(ReservationOutcome.ShortDays) with { ShortDays = shortDays };
        if (refusedSlots.Length > 0) return Refused(ReservationOutcome.SlotsRefused) with { RefusedSlots = refusedSlots };
        // Only possible if day rows are missing from the window (nothing was written for this booking). Not thrown here:
        // the batch's other bookings are committed and must get their answers.
        if (!whole) return Refused(ReservationOutcome.DaysMissing);
        var booking = pending.Booking;
        var bookedSlots = slotIds.Select((id, i) => new BookedSlotView(id, types[i], starts[i], ends[i], pending.Slots.Single(s => s.SlotId == id).Quantity)).ToList();
        return new Reservation(ReservationOutcome.Reserved, [], [], bookedSlots, parties[booking.TenantId], parties[booking.TraderId]);
    }

    private static Reservation Refused(ReservationOutcome outcome) => new(outcome, [], [], [], null, null);

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    /// <summary>The deciding statement of one booking in <see cref="DecideAsync"/>: every write in it happens only if all checks pass.</summary>
    private static NpgsqlBatchCommand DecideAndWrite(PendingBooking pending)
    {
        var (booking, offerVersion, warehouseVersion, slots, rows, _) = pending;
        var p = new PositionalParameters();
        var (tenant, offer, warehouse) = (p.Add(booking.TenantId), p.Add(booking.OfferId), p.Add(booking.WarehouseId));
        var (from, to, quantity, days) = (p.Add(booking.StartsOn), p.Add(booking.EndsOn), p.Add(booking.Quantity), p.Add((long)booking.Days));
        // xid has no comparison with a number; as text it reads as the number EF keeps in Version.
        var (offerXmin, warehouseXmin) = (p.Add((long)offerVersion), p.Add((long)warehouseVersion));
        var (slotIds, slotQuantities) = (p.Add(slots.Select(s => s.SlotId).ToArray()), p.Add(slots.Select(s => s.Quantity).ToArray()));
        const string Go = "(SELECT ok FROM go)";
        var inserts = string.Join(",\n", rows.Select((row, i) => $"row_{i} AS ({row.InsertWhere(p, Go)})"));
        return p.Command($"""
            WITH unchanged AS (
                SELECT 1 FROM capacity_offers o JOIN overseas_warehouses w ON w.tenant_id = o.tenant_id AND w.id = o.warehouse_id
                WHERE o.tenant_id = {tenant} AND o.id = {offer} AND o.is_published AND o.xmin::text::bigint = {offerXmin}
                  AND w.id = {warehouse} AND w.status = '{nameof(WarehouseStatus.Active)}' AND w.xmin::text::bigint = {warehouseXmin}),
            range AS (
                SELECT day, capacity - booked >= {quantity} AS fits FROM capacity_days
                WHERE tenant_id = {tenant} AND offer_id = {offer} AND day BETWEEN {from} AND {to}),
            wanted AS (SELECT * FROM unnest({slotIds}::uuid[], {slotQuantities}::int[]) WITH ORDINALITY AS r (slot_id, quantity, position)),
            open_slots AS (
                SELECT r.slot_id, r.quantity, o.service_type_code, s.starts_at, s.ends_at
                FROM wanted r
                JOIN service_slots s ON s.tenant_id = {tenant} AND s.id = r.slot_id
                JOIN service_offerings o ON o.tenant_id = s.tenant_id AND o.id = s.service_id
                WHERE s.capacity - s.booked >= r.quantity AND o.is_published AND o.warehouse_id = {warehouse}
                  AND s.starts_at >= {from}::date AND s.starts_at < {to}::date + 1),
            decision AS (
                SELECT EXISTS (SELECT 1 FROM unchanged) AS unchanged,
                       (SELECT count(*) FROM range) = {days} AS whole,
                       ARRAY(SELECT day FROM range WHERE NOT fits ORDER BY day) AS short_days,
                       ARRAY(SELECT slot_id FROM wanted WHERE slot_id NOT IN (SELECT slot_id FROM open_slots) ORDER BY position) AS refused_slots),
            go AS (SELECT unchanged AND whole AND cardinality(short_days) = 0 AND cardinality(refused_slots) = 0 AS ok FROM decision),
            days_taken AS (
                UPDATE capacity_days SET booked = booked + {quantity}
                WHERE tenant_id = {tenant} AND offer_id = {offer} AND day BETWEEN {from} AND {to} AND {Go}),
            slots_taken AS (
                UPDATE service_slots s SET booked = s.booked + r.quantity FROM open_slots r
                WHERE s.tenant_id = {tenant} AND s.id = r.slot_id AND {Go}),
            {inserts}
            SELECT d.unchanged, d.whole, d.short_days, d.refused_slots,
                   ARRAY(SELECT slot_id FROM open_slots ORDER BY starts_at, slot_id),
                   ARRAY(SELECT service_type_code FROM open_slots ORDER BY starts_at, slot_id),
                   ARRAY(SELECT starts_at FROM open_slots ORDER BY starts_at, slot_id),
                   ARRAY(SELECT ends_at FROM open_slots ORDER BY starts_at, slot_id)
            FROM decision d
            """);
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
