using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Platform.Jobs;

/// <summary>
/// The deliberate path for background work that loops over tenants. A job has no request, hence no tenant; it never
/// sets one on its own scope and never reads across tenants. Instead each tenant gets a <b>new DI scope</b> whose
/// <see cref="TenantContext"/> is set to that tenant, and a unit of work (one transaction, so row-level security sees the
/// tenant) that commits when the callback returns. The three locks of tenancy hold inside as they do for a request:
/// EF's filter and PostgreSQL's policies show the callback that tenant's rows only.
/// <code>
/// public sealed class HoldExpiryJob(IServiceProvider services, TimeProvider clock) : IJob
/// {
///     public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
///         await TenantScopes.ForEachOperatorAsync(services, async (tenant, token) =>
///         {
///             var db = tenant.GetRequiredService&lt;WarehouseDb&gt;();
///             var now = clock.GetUtcNow();
///             // A conditional update: a second run (a retry, a recovered firing) finds nothing left to expire.
///             await db.Holds.Where(h =&gt; h.Status == HoldStatus.Held &amp;&amp; h.ExpiresAt &lt;= now)
///                 .ExecuteUpdateAsync(h =&gt; h.SetProperty(x =&gt; x.Status, HoldStatus.Expired), token);
///         }, ct);
/// }
/// </code>
/// <para>
/// <b>Jobs are at-least-once</b>: a node killed mid-run has the firing re-run elsewhere, and a tenant that failed is
/// retried at the next firing while the others have committed. So every side effect is idempotent, one of two ways:
/// a conditional update whose condition the effect itself falsifies (as above: only <c>Held</c> and past due), or an
/// effect keyed by the firing, <c>(context.JobDetail.Key, context.ScheduledFireTimeUtc)</c>, under a unique
/// constraint that includes <c>tenant_id</c>, so a re-run inserts nothing twice (an email sent once per key, not per
/// run). The scheduled fire time, never the actual one or <c>FireInstanceId</c>: only it is the same on a re-run.
/// </para>
/// </summary>
public static class TenantScopes
{
    /// <summary>
    /// Runs <paramref name="work"/> once per operator organisation, each in its own scope, tenant and transaction.
    /// A tenant whose work throws is rolled back and logged and the others still run; the failures are rethrown
    /// together at the end, so the firing is recorded as failed.
    /// </summary>
    /// <remarks><paramref name="only"/>, when given, limits the pass to these operators (ids that are not operator
    /// organisations are skipped): a pass over the tenants known to have changed.</remarks>
    public static async Task ForEachOperatorAsync(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct,
        IReadOnlyCollection<Guid>? only = null)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TenantScopes));

        // Organisations are the registry of tenants, a global table: listing them needs no tenant.
        List<Guid> operators;
        await using (var listing = scopes.CreateAsyncScope())
            operators = await listing.ServiceProvider.GetRequiredService<WarehouseDb>().Organisations
                .Where(o => o.Kind == OrganisationKind.Operator && (only == null || only.Contains(o.Id)))
                .OrderBy(o => o.Id)
                .Select(o => o.Id)
                .ToListAsync(ct);

        var failures = new List<Exception>();
        foreach (var tenantId in operators)
        {
            ct.ThrowIfCancellationRequested();
            // A new scope per tenant: a fresh TenantContext (set once) and a fresh WarehouseDb, nothing carried over.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().SetTenant(tenantId, OrganisationKind.Operator, null);
            var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await work(scope.ServiceProvider, ct);
                await transaction.CommitAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError(e, "Background work for tenant {TenantId} failed and was rolled back.", tenantId);
                failures.Add(e);
            }
        }
        if (failures.Count > 0)
            throw new AggregateException($"Background work failed for {failures.Count} of {operators.Count} operators.", failures);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the city bureau's tenant scope and transaction (there is one bureau
    /// organisation): background work on the bureau's own data, such as its duplicate-site register. Does nothing and
    /// returns false while no bureau is registered yet.
    /// </summary>
    public static async Task<bool> AsBureauAsync(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        Guid? bureau;
        await using (var listing = scopes.CreateAsyncScope())
            bureau = await listing.ServiceProvider.GetRequiredService<WarehouseDb>().Organisations
                .Where(o => o.Kind == OrganisationKind.Bureau).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
        if (bureau is null) return false;

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetTenant(bureau.Value, OrganisationKind.Bureau, null);
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await work(scope.ServiceProvider, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a new unit of work whose tenant is <paramref name="operatorId"/> and whose actor
    /// is <paramref name="actingUserId"/>, committed when it returns: how another party's action on an operator's rows
    /// is carried out (a trader's booking or cancellation, a bureau officer's certification decision). Callers check
    /// beforehand that the actor may act on that resource; inside, all three locks hold for the operator.
    /// </summary>
    public static async Task<T> AsOperatorAsync<T>(IServiceScopeFactory scopes, Guid operatorId, Guid actingUserId,
        Func<WarehouseDb, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.SetUser(actingUserId);
        tenant.SetTenant(operatorId, OrganisationKind.Operator, null);
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work(db);
        await tx.CommitAsync(ct);
        return result;
    }
}
