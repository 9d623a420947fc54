using Microsoft.EntityFrameworkCore;

namespace Warehouse.Api.Features.CityProgress;

/// <summary>
/// Demo only: a year of plausible snapshot history so the trend and projection show on first run. Runs only while
/// no snapshot exists: takes today's real snapshot, then writes the 365 days before it ramping up to today's real
/// figures. Every backfilled row and header is marked <c>source = 'demo-backfill'</c>, so it is never mistaken for a
/// measurement (and can be removed with one DELETE).
/// </summary>
public static class CityProgressDemo
{
    public const string Source = "demo-backfill";
    public const int Days = 365;

    public static async Task BackfillAsync(IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        await using (var check = scopes.CreateAsyncScope())
            if (await check.ServiceProvider.GetRequiredService<Platform.Data.WarehouseDb>().Set<AreaSnapshot>().AnyAsync(ct)) return;

        var today = CitySnapshots.Today(clock);
        await CitySnapshots.TakeAsync(services, today, "on-demand", clock, ct);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Platform.Data.WarehouseDb>();
        var current = await db.Set<AreaSnapshotRow>().AsNoTracking().Where(r => r.SnapshotDate == today).ToListAsync(ct);
        var takenAt = clock.GetUtcNow();
        for (var k = Days; k >= 1; k--)
        {
            var date = today.AddDays(-k);
            // From about 45 % a year ago to today's figures, a little faster lately, with steps on Mondays.
            var progress = (double)(Days - k + (int)date.DayOfWeek % 7 / 7.0) / Days;
            var factor = (decimal)(0.45 + 0.55 * Math.Pow(Math.Clamp(progress, 0, 1), 1.3));
            db.Set<AreaSnapshot>().Add(new AreaSnapshot { SnapshotDate = date, TakenAt = takenAt, Source = Source });
            foreach (var row in current.Where(r => r.YearOpened == 0 || r.YearOpened <= date.Year))
            {
                db.Set<AreaSnapshotRow>().Add(new AreaSnapshotRow
                {
                    SnapshotDate = date,
                    OperatorId = row.OperatorId,
                    DistrictCode = row.DistrictCode,
                    CountryCode = row.CountryCode,
                    YearOpened = row.YearOpened,
                    CertificationLevel = row.CertificationLevel,
                    ActiveCount = row.ActiveCount == 0 ? 0 : Math.Max(1, (int)Math.Round(row.ActiveCount * factor)),
                    DraftCount = row.DraftCount,
                    SuspendedCount = row.SuspendedCount,
                    ClosedCount = row.ClosedCount,
                    ExistingM2 = decimal.Round(row.ExistingM2 * factor, 1),
                    InUseM2 = decimal.Round(row.InUseM2 * factor * factor, 1),
                    UnderConstructionM2 = decimal.Round(row.UnderConstructionM2 * (2 - factor), 1),
                    Source = Source,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        // The trend reads each date's totals from its header.
        await ProgressRollup.FillMissingTotalsAsync(db, ct);
    }
}
