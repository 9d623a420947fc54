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
            var db = scope.GetRequiredService<WarehouseDb>();
            await SerialiseAsync(db, db.CurrentTenantId!.Value, token);
            await DuplicateSites.ObserveCurrentOperatorAsync(db, clock.GetUtcNow(), token);
            var written = await SnapshotCurrentOperatorAsync(db, date, source, excluded.Keys.ToHashSet(), token);
            if (written > 0) operators++;
            rows += written;
        }, ct);

        DuplicateSites.Detected? duplicates = null;
        await TenantScopes.AsBureauAsync(services, async (scope, token) =>
        {
            var db = scope.GetRequiredService<WarehouseDb>();
            await SerialiseAsync(db, Guid.Empty, token);
            duplicates = await DuplicateSites.DetectAsync(db, settings, clock.GetUtcNow(), token);
        }, ct);

        var takenAt = clock.GetUtcNow();
        await using var header = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var headerDb = header.ServiceProvider.GetRequiredService<WarehouseDb>();
        await headerDb.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO area_snapshots (snapshot_date, taken_at, source) VALUES ({date}, {takenAt}, {source})
            ON CONFLICT (snapshot_date) DO UPDATE SET taken_at = excluded.taken_at, source = excluded.source
            """, ct);
        return new Taken(date, takenAt, source, operators, rows, duplicates);
    }

    /// <summary>
    /// Two passes at once (the job on two nodes, or the job and a bureau's "snapshot now") would each delete and then
    /// insert the same rows, and the second insert would hit the first's keys. A transaction-scoped advisory lock per
    /// operator (and one for the bureau's detection, key <see cref="Guid.Empty"/>) makes the second wait and then
    /// replace the first's rows; it is released with the transaction, so nothing can leave it held.
    /// </summary>
    private static async Task SerialiseAsync(WarehouseDb db, Guid key, CancellationToken ct)
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
