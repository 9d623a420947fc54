using Microsoft.EntityFrameworkCore;

namespace Warehouse.Api.Features.Feeds;

/// <summary>
/// Demo data: the demo operator's first active warehouse (its Duisburg one if it has one) is connected by a push feed. Its key is issued and thrown away
/// (printed nowhere); whoever runs the demo takes a fresh one with <c>POST /api/feeds/{id}/push-key</c>, as the README
/// shows, and pushes with it.
/// </summary>
public static class FeedDemo
{
    public static async Task SeedAsync(IServiceProvider services, Guid operatorId, TimeProvider clock, CancellationToken ct)
        => await FeedScope.AsOperatorAsync(services, operatorId, null, async (db, _) =>
        {
            var warehouse = await db.Warehouses.Where(w => w.Status == Domain.Warehouses.WarehouseStatus.Active)
                .OrderByDescending(w => w.City == "Duisburg").ThenBy(w => w.CreatedAt).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
            if (warehouse is null || await db.Set<CapacityFeed>().AnyAsync(f => f.WarehouseId == warehouse, ct)) return 0;
            var now = clock.GetUtcNow();
            var feed = new CapacityFeed
            {
                TenantId = operatorId, Id = Guid.CreateVersion7(now), WarehouseId = warehouse.Value, Mode = FeedMode.Push, CreatedAt = now,
                PushKeyHash = FeedSecrets.Hash(FeedSecrets.NewPushKey(operatorId)), PushKeyHint = "wfk_(demo)…", PushKeyIssuedAt = now,
            };
            db.Add(feed);
            await db.SaveChangesAsync(ct);
            await FeedHealth.MirrorAsync(db, feed, now, ct);
            return 1;
        }, ct);
}
