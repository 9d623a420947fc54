using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Capacity;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Services;

namespace Warehouse.Api.Features.Feeds;

public enum ApplyOutcome { Applied, Duplicate, OutOfOrder, Rejected }

/// <summary>
/// Applies an availability update to one feed's warehouse, in the operator's unit of work, whole or not at all.
/// <para>
/// Idempotent: the feed's row is locked first (<c>FOR UPDATE</c>), so two deliveries of one update (a push retried, a
/// poll racing a push) are serialised; the second finds its sequence already applied and changes nothing, and an older
/// sequence is ignored. Then, offer by offer in id order, the offer row is locked exactly as bookings lock it
/// (<see cref="CapacityDays.LockOfferAsync"/>) and each reported day's capacity becomes <c>booked + max(free, 0)</c> in
/// one statement. Capacity therefore never drops below booked, the <c>CHECK (booked &lt;= capacity)</c> holds, and no
/// booking is cancelled or overbooked; a negative free quantity is recorded in <c>feed_conflicts</c> for the operator.
/// Slots take the same rule in one conditional statement per service (a slot is one row, as in slot bookings).
/// </para>
/// </summary>
public static class AvailabilityApplier
{
    public sealed record Result(ApplyOutcome Outcome, long? LastSequence, int Days, int Slots, int Conflicts, FieldErrors? Errors = null);

    /// <summary>Locks and returns the feed, or null when this tenant has no such feed.</summary>
    public static async Task<CapacityFeed?> LockFeedAsync(WarehouseDb db, Guid feedId, CancellationToken ct)
    {
        var locked = await db.Database.SqlQuery<Guid>(
            $"SELECT id AS value FROM capacity_feeds WHERE tenant_id = {db.CurrentTenantId} AND id = {feedId} FOR UPDATE").ToListAsync(ct);
        return locked.Count == 0 ? null : await db.Set<CapacityFeed>().SingleAsync(f => f.Id == feedId, ct);
    }

    /// <summary>Applies <paramref name="update"/> (already shape-validated) to the locked <paramref name="feed"/>; saves the feed's health too.</summary>
    public static async Task<Result> ApplyAsync(WarehouseDb db, CapacityFeed feed, AvailabilityUpdate update, DateTimeOffset now, CancellationToken ct)
    {
        var sequence = update.Sequence!.Value;
        if (feed.LastSequence is { } last && sequence <= last)
        {
            // Delivered again, or overtaken by a newer one: nothing to apply. The partner answered with the contract,
            // so the connection is healthy and what the platform holds is confirmed current.
            FeedHealth.RecordSuccess(feed, now);
            await SaveAsync(db, feed, now, ct);
            return new Result(sequence == last ? ApplyOutcome.Duplicate : ApplyOutcome.OutOfOrder, last, 0, 0, 0);
        }

        var errors = await CheckReferencesAsync(db, feed, update, ct);
        if (errors.Any)
        {
            FeedHealth.RecordFailure(feed, now, $"Update {sequence} was refused: {Summarise(errors)}");
            await SaveAsync(db, feed, now, ct);
            return new Result(ApplyOutcome.Rejected, feed.LastSequence, 0, 0, 0, errors);
        }

        var tenant = feed.TenantId;
        int days = 0, slots = 0, conflicts = 0;
        foreach (var offer in (update.Offers ?? []).OrderBy(o => o.OfferId))
        {
            await CapacityDays.LockOfferAsync(db, offer.OfferId!.Value, ct);
            var dates = offer.Days!.Select(d => d.Date!.Value).ToArray();
            var frees = offer.Days!.Select(d => d.Free!.Value).ToArray();
            conflicts += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO feed_conflicts (tenant_id, id, feed_id, sequence, offer_id, day, booked, reported_free, detected_at)
                SELECT d.tenant_id, gen_random_uuid(), {feed.Id}, {sequence}, d.offer_id, d.day, d.booked, v.free, {now}
                FROM capacity_days d JOIN unnest({dates}::date[], {frees}::numeric[]) AS v(day, free) ON v.day = d.day
                WHERE d.tenant_id = {tenant} AND d.offer_id = {offer.OfferId} AND v.free < 0
                """, ct);
            days += await db.Database.ExecuteSqlAsync($"""
                UPDATE capacity_days d SET capacity = d.booked + GREATEST(v.free, 0)
                FROM unnest({dates}::date[], {frees}::numeric[]) AS v(day, free)
                WHERE d.tenant_id = {tenant} AND d.offer_id = {offer.OfferId} AND d.day = v.day
                """, ct);
        }
        foreach (var service in update.Services ?? [])
        {
            var ids = service.Slots!.Select(s => s.SlotId!.Value).ToArray();
            var frees = service.Slots!.Select(s => s.Free!.Value).ToArray();
            conflicts += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO feed_conflicts (tenant_id, id, feed_id, sequence, slot_id, booked, reported_free, detected_at)
                SELECT s.tenant_id, gen_random_uuid(), {feed.Id}, {sequence}, s.id, s.booked, v.free, {now}
                FROM service_slots s JOIN unnest({ids}::uuid[], {frees}::int[]) AS v(id, free) ON v.id = s.id
                WHERE s.tenant_id = {tenant} AND s.service_id = {service.ServiceId} AND v.free < 0
                """, ct);
            slots += await db.Database.ExecuteSqlAsync($"""
                UPDATE service_slots s SET capacity = s.booked + GREATEST(v.free, 0)
                FROM unnest({ids}::uuid[], {frees}::int[]) AS v(id, free)
                WHERE s.tenant_id = {tenant} AND s.service_id = {service.ServiceId} AND s.id = v.id
                """, ct);
        }

        feed.LastSequence = sequence;
        FeedHealth.RecordSuccess(feed, now);
        await SaveAsync(db, feed, now, ct);
        return new Result(ApplyOutcome.Applied, sequence, days, slots, conflicts);
    }

    /// <summary>Records a failed try (fetch failed, not the contract, too large) on the locked feed.</summary>
    public static async Task RecordFailureAsync(WarehouseDb db, CapacityFeed feed, string error, DateTimeOffset now, CancellationToken ct)
    {
        FeedHealth.RecordFailure(feed, now, error);
        await SaveAsync(db, feed, now, ct);
    }

    private static async Task SaveAsync(WarehouseDb db, CapacityFeed feed, DateTimeOffset now, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await FeedHealth.MirrorAsync(db, feed, now, ct);
    }

    /// <summary>Every offer, day, service and slot must be the feed warehouse's own, and every day inside its offer's window.</summary>
    private static async Task<FieldErrors> CheckReferencesAsync(WarehouseDb db, CapacityFeed feed, AvailabilityUpdate update, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var offerIds = (update.Offers ?? []).Select(o => o.OfferId!.Value).ToList();
        var offers = await db.Offers.AsNoTracking().Where(o => offerIds.Contains(o.Id) && o.WarehouseId == feed.WarehouseId)
            .Select(o => new { o.Id, o.AvailableFrom, o.AvailableTo }).ToDictionaryAsync(o => o.Id, ct);
        for (var i = 0; i < offerIds.Count; i++)
        {
            if (!offers.TryGetValue(offerIds[i], out var offer))
            {
                errors.Add($"offers[{i}].offerId", "No offer with this id at the feed's warehouse.");
                continue;
            }
            var days = update.Offers![i].Days!;
            for (var j = 0; j < days.Count; j++)
                if (days[j].Date < offer.AvailableFrom || days[j].Date > offer.AvailableTo)
                    errors.Add($"offers[{i}].days[{j}].date", $"Outside the offer's window {offer.AvailableFrom:yyyy-MM-dd}–{offer.AvailableTo:yyyy-MM-dd}.");
        }
        var services = update.Services ?? [];
        var serviceIds = services.Select(s => s.ServiceId!.Value).ToList();
        var known = await db.Set<ServiceOffering>().AsNoTracking().Where(s => serviceIds.Contains(s.Id) && s.WarehouseId == feed.WarehouseId)
            .Select(s => s.Id).ToListAsync(ct);
        var slotIds = services.SelectMany(s => s.Slots!.Select(x => x.SlotId!.Value)).ToList();
        var slotOwners = await db.Set<ServiceSlot>().AsNoTracking().Where(s => slotIds.Contains(s.Id))
            .Select(s => new { s.Id, s.ServiceId }).ToDictionaryAsync(s => s.Id, s => s.ServiceId, ct);
        for (var i = 0; i < services.Count; i++)
        {
            if (!known.Contains(serviceIds[i]))
            {
                errors.Add($"services[{i}].serviceId", "No service with this id at the feed's warehouse.");
                continue;
            }
            var slots = services[i].Slots!;
            for (var j = 0; j < slots.Count; j++)
                if (!slotOwners.TryGetValue(slots[j].SlotId!.Value, out var owner) || owner != serviceIds[i])
                    errors.Add($"services[{i}].slots[{j}].slotId", "No slot with this id in this service.");
        }
        return errors;
    }

    public static string Summarise(FieldErrors errors)
    {
        var all = errors.ToDictionary();
        var first = all.Take(3).Select(e => $"{e.Key}: {e.Value[0]}");
        return string.Join("; ", first) + (all.Count > 3 ? $" (and {all.Count - 3} more)" : "");
    }
}
