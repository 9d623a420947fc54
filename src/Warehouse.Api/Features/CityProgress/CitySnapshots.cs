using Microsoft.EntityFrameworkCore;
using Quartz;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Jobs;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.CityProgress;

/// <summary>
/// Takes the city's area snapshot for a date: the deliberate cross-tenant path of the bureau's statistics. Each
/// operator is visited in its own tenant scope (<see cref="TenantScopes.ForEachOperatorAsync"/>), so it reads only
/// that operator's warehouses under all three locks, and writes that operator's aggregates for the date into the
/// global <c>area_snapshot_rows</c>: delete then insert, in the operator's one transaction, so a second run for the
/// same date replaces its rows and never adds to them. The date's header row is upserted last.
/// </summary>
public static class CitySnapshots
{
    /// <summary>Suzhou keeps no daylight saving: a snapshot's as-of date is the date in UTC+8.</summary>
    public static readonly TimeSpan CityOffset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(CityOffset).DateTime);

    public sealed record Taken(DateOnly SnapshotDate, DateTimeOffset TakenAt, string Source, int Operators, int Rows, DuplicateSites.Detected? Duplicates);

    public static async Task<Taken> TakeAsync(IServiceProvider services, DateOnly date, string source, TimeProvider clock, CancellationToken ct)
    {
        var settings = DuplicateSites.Settings.From(services.GetRequiredService<IConfiguration>());
        // Same-site decisions are the bureau's; they are resolved first (on the areas observed by the previous pass)
        // and handed to each operator's pass as the warehouses not to count.
        Dictionary<Guid, Guid> excluded = [];
        await TenantScopes.AsBureauAsync(services, async (scope, token) =>
            excluded = await DuplicateSites.ExclusionsAsync(scope.GetRequiredService<WarehouseDb>(), token), ct);

        var operators = 0;
        var rows = 0;
        await TenantScopes.ForEachOperatorAsync(services, async (scope, token) =>
        {
            // The full pass leaves the change register alone: the refresh pass claims what it finds there, and its
            // figures are stored at once rather than at the end of this longer pass.
            var written = await VisitCurrentOperatorAsync(scope.GetRequiredService<WarehouseDb>(), date, source, excluded.Keys.ToHashSet(), clock, claimSeenIn: null, token);
            if (written > 0) operators++;
            rows += written;
        }, ct);

        DuplicateSites.Detected? duplicates = null;
        await TenantScopes.AsBureauAsync(services, async (scope, token) =>
        {
            var db = scope.GetRequiredService<WarehouseDb>();
            await SerialiseAsync(db, Guid.Empty, token);
            // A same-site decision taken while this (long) pass ran may have reached some operators' rows after the
            // refresh pass had already written them: register every operator of a decided pair again, so the next
            // refresh rewrites them with the decisions as they are now.
            var now = await DuplicateSites.ExclusionsAsync(db, token);
            if (now.Count != excluded.Count || now.Any(e => !excluded.TryGetValue(e.Key, out var counted) || counted != e.Value))
                await db.Database.ExecuteSqlRawAsync("""
                    SELECT mark_area_changed(o) FROM (SELECT operator_a AS o FROM site_pairs WHERE decided_at IS NOT NULL
                                                      UNION SELECT operator_b FROM site_pairs WHERE decided_at IS NOT NULL) decided
                    """, token);
            duplicates = await DuplicateSites.DetectAsync(db, settings, clock.GetUtcNow(), token);
        }, ct);

        var takenAt = clock.GetUtcNow();
        await using var header = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var headerDb = header.ServiceProvider.GetRequiredService<WarehouseDb>();
        await ProgressRollup.StoreAsync(headerDb, date, takenAt, source, ct);
        return new Taken(date, takenAt, source, operators, rows, duplicates);
    }

    /// <summary>
    /// Keeps today's snapshot within a minute of the operators' data: re-aggregates only the operators whose
    /// warehouses, certificates or district changed since their last pass (the <c>area_changes</c> register, written
    /// by triggers in the writer's transaction; migration ProgressRollup), then the date's figures. Without a
    /// snapshot for the date yet (a new day) it takes the full snapshot. Duplicate detection stays with the full
    /// pass (<see cref="CitySnapshotJob"/>); same-site decisions mark both operators changed.
    /// </summary>
    public static async Task<Taken> RefreshChangedAsync(IServiceProvider services, DateOnly date, TimeProvider clock, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        List<Guid> changed;
        await using (var listing = scopes.CreateAsyncScope())
        {
            var db = listing.ServiceProvider.GetRequiredService<WarehouseDb>();
            if (!await db.Set<AreaSnapshot>().AnyAsync(s => s.SnapshotDate == date, ct))
                return await TakeAsync(services, date, "job", clock, ct);
            // A global register of operator ids only (nothing of their data): readable without a tenant.
            changed = await db.Database.SqlQueryRaw<Guid>("SELECT operator_id AS \"Value\" FROM area_changes").ToListAsync(ct);
        }

        var operators = 0;
        var rows = 0;
        if (changed.Count > 0)
        {
            Dictionary<Guid, Guid> excluded = [];
            // The database snapshot taken before the decisions are read: a change is claimed only if its writer had
            // committed by then, so the decisions used here include it; later ones stay registered for the next pass.
            var seen = "";
            await TenantScopes.AsBureauAsync(services, async (scope, token) =>
            {
                var db = scope.GetRequiredService<WarehouseDb>();
                seen = await db.Database.SqlQueryRaw<string>("SELECT pg_current_snapshot()::text AS \"Value\"").SingleAsync(token);
                excluded = await DuplicateSites.ExclusionsAsync(db, token);
            }, ct);
            await TenantScopes.ForEachOperatorAsync(services, async (scope, token) =>
            {
                var written = await VisitCurrentOperatorAsync(scope.GetRequiredService<WarehouseDb>(), date, "refresh", excluded.Keys.ToHashSet(), clock, claimSeenIn: seen, token);
                if (written > 0) operators++;
                rows += written;
            }, ct, only: changed);
        }

        // The header says when the figures were last known current, changed or not.
        var takenAt = clock.GetUtcNow();
        await using var header = scopes.CreateAsyncScope();
        var headerDb = header.ServiceProvider.GetRequiredService<WarehouseDb>();
        if (changed.Count > 0)
            await ProgressRollup.StoreAsync(headerDb, date, takenAt, "refresh", ct);
        else
            await headerDb.Database.ExecuteSqlInterpolatedAsync($"UPDATE area_snapshots SET taken_at = {takenAt} WHERE snapshot_date = {date} AND taken_at < {takenAt}", ct);
        return new Taken(date, takenAt, "refresh", operators, rows, null);
    }

    /// <summary>
    /// One operator's part of a pass, in its scope and transaction: given <paramref name="claimSeenIn"/> (the snapshot
    /// the pass read the same-site decisions in), claims its entry in <c>area_changes</c> first if that snapshot saw
    /// the change (a writer still holding the entry makes this wait; a change committed later stays registered for the
    /// next pass; a failed pass rolls the claim back), then observes its sites and replaces its rows for the date.
    /// Returns the number of rows written (0 when there was nothing to claim).
    /// </summary>
    private static async Task<int> VisitCurrentOperatorAsync(WarehouseDb db, DateOnly date, string source, IReadOnlySet<Guid> notCounted, TimeProvider clock,
        string? claimSeenIn, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId!.Value;
        await SerialiseAsync(db, tenantId, ct);
        // Nothing claimed: another refresh took the entry, or the change is newer than the decisions this pass read
        // (rows written now could count a site the bureau has just merged); the operator is left for the next pass.
        if (claimSeenIn is not null && await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM area_changes WHERE operator_id = {tenantId} AND pg_visible_in_snapshot(changed_by, {claimSeenIn}::pg_snapshot)", ct) == 0)
            return 0;
        await DuplicateSites.ObserveCurrentOperatorAsync(db, clock.GetUtcNow(), ct);
        return await SnapshotCurrentOperatorAsync(db, date, source, notCounted, ct);
    }

    /// <summary>
    /// Two passes at once (the job on two nodes, or the job and a bureau's "snapshot now") would each delete and then
    /// insert the same rows, and the second insert would hit the first's keys. A transaction-scoped advisory lock per
    /// operator (and one for the bureau's detection, key <see cref="Guid.Empty"/>) makes the second wait and then
    /// replace the first's rows; it is released with the transaction, so nothing can leave it held.
    /// </summary>
    public static async Task SerialiseAsync(WarehouseDb db, Guid key, CancellationToken ct)
        => await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({SnapshotLockClass}, hashtext({key.ToString()}))", ct);

    /// <summary>The advisory-lock class of city snapshot passes ("CSNP").</summary>
    private const int SnapshotLockClass = 0x43534E50;

    /// <summary>
    /// Replaces the current tenant's rows for <paramref name="date"/> with fresh aggregates of its warehouses; runs
    /// inside the tenant's unit of work. Warehouses in <paramref name="notCounted"/> (the bureau marked them the same
    /// site as another record that counts) are left out of the counts and areas and shown as duplicates instead.
    /// Returns the number of rows written.
    /// </summary>
    public static async Task<int> SnapshotCurrentOperatorAsync(WarehouseDb db, DateOnly date, string source, IReadOnlySet<Guid> notCounted, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("A snapshot of an operator needs that operator's tenant scope.");
        var district = await db.Organisations.Where(o => o.Id == tenantId).Select(o => o.DistrictCode).SingleOrDefaultAsync(ct);

        await db.Set<AreaSnapshotRow>().Where(r => r.SnapshotDate == date && r.OperatorId == tenantId).ExecuteDeleteAsync(ct);
        // Only operators registered in Suzhou count; every operator has a district, but the rule is kept explicit.
        if (string.IsNullOrWhiteSpace(district)) return 0;

        var warehouses = await db.Warehouses.AsNoTracking()
            .Select(w => new { w.Id, w.CountryCode, w.OpenedOn, w.Status, w.Areas.ExistingM2, w.Areas.InUseM2, w.Areas.UnderConstructionM2 })
            .ToListAsync(ct);
        // Certificates valid on the date (the operator's own, read in its scope); the higher level wins.
        var levels = (await db.Set<Certification.Certificate>().AsNoTracking()
                .Where(c => c.RevokedAt == null && c.ValidFrom <= date && c.ValidUntil >= date)
                .Select(c => new { c.WarehouseId, c.Level }).ToListAsync(ct))
            .GroupBy(c => c.WarehouseId)
            .ToDictionary(g => g.Key, g => g.Any(c => c.Level == Domain.Certification.CertificationLevel.Provincial)
                ? CertificationLevels.Provincial : CertificationLevels.Municipal);
        var rows = warehouses
            .GroupBy(w => (w.CountryCode, Year: w.OpenedOn?.Year ?? 0, Level: levels.GetValueOrDefault(w.Id, CertificationLevels.None)))
            .Select(g =>
            {
                var activeAll = g.Where(w => w.Status == WarehouseStatus.Active).ToList();
                var duplicates = activeAll.Where(w => notCounted.Contains(w.Id)).ToList();
                var active = activeAll.Except(duplicates).ToList();
                return new AreaSnapshotRow
                {
                    SnapshotDate = date,
                    OperatorId = tenantId,
                    DistrictCode = district,
                    CountryCode = g.Key.CountryCode,
                    YearOpened = g.Key.Year,
                    CertificationLevel = g.Key.Level,
                    ActiveCount = active.Count,
                    DraftCount = g.Count(w => w.Status == WarehouseStatus.Draft),
                    SuspendedCount = g.Count(w => w.Status == WarehouseStatus.Suspended),
                    ClosedCount = g.Count(w => w.Status == WarehouseStatus.Closed),
                    // Areas count only while the warehouse is active; the three are kept apart.
                    ExistingM2 = active.Sum(w => w.ExistingM2),
                    InUseM2 = active.Sum(w => w.InUseM2),
                    UnderConstructionM2 = active.Sum(w => w.UnderConstructionM2),
                    DuplicateCount = duplicates.Count,
                    DuplicateExistingM2 = duplicates.Sum(w => w.ExistingM2),
                    Source = source,
                };
            })
            .ToList();
        db.Set<AreaSnapshotRow>().AddRange(rows);
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }
}

/// <summary>
/// Takes today's snapshot (as-of date in Suzhou). Fires hourly by default (<c>Jobs:CityProgressSnapshot:Interval</c>)
/// so a missed or failed firing is made good the same day; every firing of a date replaces that date's snapshot, so
/// the last one of the day stands and there is one snapshot per date.
/// </summary>
/// <summary>
/// Every 30 s by default (<c>Jobs:CityProgressRefresh:Interval</c>): re-aggregates the operators that changed since
/// their last pass, so the bureau's figures are at most about a minute old (<see cref="CitySnapshots.RefreshChangedAsync"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class CityProgressRefreshJob(IServiceProvider services, TimeProvider clock, ILogger<CityProgressRefreshJob> logger) : IJob
{
    public const string Name = "CityProgressRefresh";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var taken = await CitySnapshots.RefreshChangedAsync(services, CitySnapshots.Today(clock), clock, cancellationToken);
        if (taken.Operators > 0)
            logger.LogInformation("City area figures for {Date} refreshed: {Operators} changed operators, {Rows} rows.", taken.SnapshotDate, taken.Operators, taken.Rows);
    }
}

[DisallowConcurrentExecution]
public sealed class CitySnapshotJob(IServiceProvider services, TimeProvider clock, ILogger<CitySnapshotJob> logger) : IJob
{
    public const string Name = "CityProgressSnapshot";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var taken = await CitySnapshots.TakeAsync(services, CitySnapshots.Today(clock), "job", clock, cancellationToken);
        logger.LogInformation("City area snapshot for {Date}: {Operators} operators, {Rows} rows.", taken.SnapshotDate, taken.Operators, taken.Rows);
    }
}
