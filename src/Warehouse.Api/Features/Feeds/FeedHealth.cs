using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Features.Feeds;

/// <summary>
/// A feed's health: computed from its timestamps when read, so <i>stale</i> is reached by time passing alone.
/// <list type="bullet">
/// <item><c>healthy</c>: the last good update is younger than <see cref="FeedSettings.StaleAfter"/> and the last try worked;</item>
/// <item><c>failing</c>: the data is still fresh, but the last try failed (its error is shown);</item>
/// <item><c>stale</c>: no good update for longer than <see cref="FeedSettings.StaleAfter"/>; the last good data stays in place;</item>
/// <item><c>pending</c>: nothing received yet; <c>disabled</c>: switched off by the operator; <c>noKey</c>: a push feed whose key is revoked.</item>
/// </list>
/// </summary>
public static class FeedHealth
{
    public sealed record View(
        string State, DateTimeOffset? LastAttemptAt, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError,
        int ConsecutiveFailures, string BreakerState, long? LastSequence);

    public static string StateOf(bool enabled, FeedMode mode, bool hasKey, DateTimeOffset? lastSuccess, int failures, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (!enabled) return "disabled";
        if (mode == FeedMode.Push && !hasKey) return "noKey";
        if (lastSuccess is null) return failures > 0 ? "failing" : "pending";
        if (now - lastSuccess.Value > staleAfter) return "stale";
        return failures > 0 ? "failing" : "healthy";
    }

    public static View Of(CapacityFeed f, DateTimeOffset now, TimeSpan staleAfter) => new(
        StateOf(f.Enabled, f.Mode, f.PushKeyHash is not null && f.PushKeyRevokedAt is null, f.LastSuccessAt, f.ConsecutiveFailures, now, staleAfter),
        f.LastAttemptAt, f.LastSuccessAt, f.LastErrorAt, f.LastError, f.ConsecutiveFailures, f.BreakerState, f.LastSequence);

    public static void RecordSuccess(CapacityFeed feed, DateTimeOffset now)
    {
        feed.LastAttemptAt = now;
        feed.LastSuccessAt = now;
        feed.ConsecutiveFailures = 0;
    }

    public static void RecordFailure(CapacityFeed feed, DateTimeOffset now, string error)
    {
        feed.LastAttemptAt = now;
        feed.LastErrorAt = now;
        feed.LastError = error.Length > 500 ? error[..500] : error;
        feed.ConsecutiveFailures++;
    }

    /// <summary>
    /// Copies the feed's health into the global <c>feed_health</c> table, from inside the operator's own unit of work:
    /// the only way the bureau and the certification check learn about it.
    /// </summary>
    public static async Task MirrorAsync(WarehouseDb db, CapacityFeed feed, DateTimeOffset now, CancellationToken ct)
    {
        var place = await db.Warehouses.AsNoTracking().Where(w => w.Id == feed.WarehouseId)
            .Select(w => new { w.CountryCode, w.City }).SingleAsync(ct);
        var hasKey = feed.Mode == FeedMode.Pull || (feed.PushKeyHash is not null && feed.PushKeyRevokedAt is null);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO feed_health (feed_id, operator_id, warehouse_id, mode, enabled, country_code, city, last_attempt_at,
                last_success_at, last_error_at, last_error, consecutive_failures, breaker_state, updated_at)
            VALUES ({feed.Id}, {feed.TenantId}, {feed.WarehouseId}, {feed.Mode.ToString()}, {feed.Enabled && hasKey}, {place.CountryCode}, {place.City},
                {feed.LastAttemptAt}, {feed.LastSuccessAt}, {feed.LastErrorAt}, {feed.LastError}, {feed.ConsecutiveFailures}, {feed.BreakerState}, {now})
            ON CONFLICT (feed_id) DO UPDATE SET enabled = excluded.enabled, country_code = excluded.country_code, city = excluded.city,
                last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at,
                last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures, breaker_state = excluded.breaker_state,
                updated_at = excluded.updated_at
            """, ct);
    }

    public static async Task ForgetAsync(WarehouseDb db, Guid feedId, CancellationToken ct)
        => await db.Database.ExecuteSqlAsync($"DELETE FROM feed_health WHERE feed_id = {feedId}", ct);
}

/// <summary>
/// For the certification feature: whether a warehouse has a connected, healthy feed, which a programme may count as
/// evidence of "warehouse management system connected to the platform". Reads the global <c>feed_health</c> table, so
/// it answers the same from the operator's scope (its application) and from the bureau's (its review).
/// </summary>
public static class FeedEvidence
{
    public sealed record Evidence(Guid WarehouseId, FeedMode Mode, DateTimeOffset LastSuccessAt, int ConsecutiveFailures);

    /// <summary>
    /// True when the warehouse has an enabled feed (a pull feed, or a push feed with a live key) whose last good update
    /// is at most <paramref name="maxAge"/> (default <see cref="FeedSettings.DefaultStaleAfter"/>) older than <paramref name="asOf"/>.
    /// </summary>
    public static async Task<bool> HasConnectedFeedAsync(WarehouseDb db, Guid warehouseId, DateTimeOffset asOf, TimeSpan? maxAge = null, CancellationToken ct = default)
        => await FindAsync(db, warehouseId, asOf, maxAge, ct) is not null;

    /// <summary>The evidence behind <see cref="HasConnectedFeedAsync"/>, to show how the answer was reached; null when there is none.</summary>
    public static async Task<Evidence?> FindAsync(WarehouseDb db, Guid warehouseId, DateTimeOffset asOf, TimeSpan? maxAge = null, CancellationToken ct = default)
    {
        var since = asOf - (maxAge ?? FeedSettings.DefaultStaleAfter);
        return await db.Set<FeedHealthRow>().AsNoTracking()
            .Where(h => h.WarehouseId == warehouseId && h.Enabled && h.LastSuccessAt != null && h.LastSuccessAt >= since && h.LastSuccessAt <= asOf)
            .OrderByDescending(h => h.LastSuccessAt)
            .Select(h => new Evidence(h.WarehouseId, h.Mode, h.LastSuccessAt!.Value, h.ConsecutiveFailures))
            .FirstOrDefaultAsync(ct);
    }
}
