using Microsoft.EntityFrameworkCore;
using Quartz;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Jobs;
using Warehouse.Domain.Bookings;

namespace Warehouse.Api.Features.Bookings;

/// <summary>
/// Expires holds the operator did not answer in time and gives their capacity back. Runs every minute on one node of
/// the cluster, per operator in that operator's own scope. Safe to run twice (or concurrently with an operator's
/// accept): each hold is re-checked under its offer's lock and expires at most once, so capacity is released once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class HoldExpiryJob(IServiceProvider services, TimeProvider clock, ILogger<HoldExpiryJob> logger) : IJob
{
    public const string Name = "HoldExpiry";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = 0;
        await TenantScopes.ForEachOperatorAsync(services, async (scope, ct) =>
            expired += await ExpireDueAsync(scope.GetRequiredService<WarehouseDb>(), now, ct), cancellationToken);
        if (expired > 0) logger.LogInformation("Expired {Count} unanswered holds.", expired);
    }

    /// <summary>Expires the current operator's holds that are due at <paramref name="now"/>; returns how many it expired.</summary>
    public static async Task<int> ExpireDueAsync(WarehouseDb db, DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.Bookings.AsNoTracking()
            .Where(b => b.TenantId == db.CurrentTenantId && b.Status == BookingStatus.Held && b.HoldExpiresAt <= now)
            .OrderBy(b => b.OfferId).ThenBy(b => b.Id)
            .Select(b => b.Id).ToListAsync(ct);
        var expired = 0;
        foreach (var id in due)
        {
            var booking = await BookingDesk.LockForChangeAsync(db, id, ct);
            // Re-checked under the lock: accepted, declined, cancelled or expired by another run meanwhile.
            if (booking is null || booking.Status != BookingStatus.Held || booking.HoldExpiresAt > now) continue;
            booking.Expire(now);
            await BookingDesk.ReleaseAsync(db, booking, ct);
            await db.SaveChangesAsync(ct);
            expired++;
        }
        return expired;
    }
}
