using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Bookings;
using Warehouse.Domain.Certification;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Services;

namespace Warehouse.Api.Features.Certification;

// The bureau's deliberate cross-tenant paths for certification, both visible here and in migration Certification:
// - Reading goes through SELECT-only row policies (bureau_review) that show submitted applications, their
// items, attachments, decisions and certificates to a unit of work whose tenant is the bureau organisation. The tenant
// comes from the signed-in officer's membership, so it cannot be spoofed, and the queue is one paged query across
// operators rather than one transaction per operator per page view. Drafts stay private to their operator. In EF
// these reads say IgnoreQueryFilters() explicitly, with the status condition stated in the query too.
// - Writing (a decision, a certificate, a revocation) happens in a separate unit of work whose tenant is the
// operator that owns the application, opened by TenantScopes.AsOperatorAsync with the officer as the acting user,
// as booking does. The policies above grant no write, so the bureau's own
// unit of work can never change an operator's rows.

/// <summary>
/// The facts the platform knows about a warehouse, counted in the owning operator's unit of work: they are pre-filled on
/// the application and marked verified.
/// </summary>
public static class PlatformFacts
{
    /// <summary>
    /// Served enterprises = distinct traders with a completed booking (confirmed, last day before today) at the
    /// warehouse; services = the service types it publishes; areas from the warehouse record; WMS from
    /// <see cref="WmsEvidence"/>.
    /// </summary>
    public static async Task<VerifiedFacts?> CountAsync(WarehouseDb db, Guid warehouseId, DateOnly today, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.AsNoTracking().Where(w => w.Id == warehouseId)
            .Select(w => new { w.Areas.ExistingM2, w.Areas.InUseM2, w.Areas.UnderConstructionM2 }).SingleOrDefaultAsync(ct);
        if (warehouse is null) return null;
        var tenantId = db.CurrentTenantId;
        var served = await db.Bookings.AsNoTracking()
            .Where(b => b.TenantId == tenantId && b.WarehouseId == warehouseId && b.Status == BookingStatus.Confirmed && b.EndsOn < today)
            .Select(b => b.TraderId).Distinct().CountAsync(ct);
        var services = await db.Set<ServiceOffering>().AsNoTracking()
            .Where(s => s.WarehouseId == warehouseId && s.IsPublished)
            .Select(s => s.ServiceTypeCode).Distinct().OrderBy(s => s).ToListAsync(ct);
        var wms = await WmsEvidence.IsConnectedAsync(db, warehouseId, ct);
        return new VerifiedFacts(served, services, wms, warehouse.ExistingM2, warehouse.InUseM2, warehouse.UnderConstructionM2);
    }
}

/// <summary>
/// The single place where evidence of a connected warehouse management system enters certification: a warehouse whose
/// live-capacity feed (Features/Feeds) delivered a good update within the last 7 days has a connected WMS, verified by
/// the platform. Without one there is no evidence either way (null), and a declared WMS is evaluated as "needs review".
/// </summary>
public static class WmsEvidence
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    public static async Task<bool?> IsConnectedAsync(WarehouseDb db, Guid warehouseId, CancellationToken ct)
        => await Feeds.FeedEvidence.HasConnectedFeedAsync(db, warehouseId, TimeProvider.System.GetUtcNow(), MaxAge, ct) ? true : null;
}
