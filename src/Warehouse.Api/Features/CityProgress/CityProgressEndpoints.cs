using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.CityProgress;

/// <summary>
/// Progress to the city's target of existing overseas-warehouse floor area, read by the bureau from the daily
/// snapshots (aggregates only; see <see cref="CitySnapshots"/>), never from tenant rows.
/// </summary>
public static class CityProgressEndpoints
{
    public const string TargetSetting = "CityProgress:TargetM2";
    public const decimal DefaultTargetM2 = 1_500_000m;
    public static readonly DateOnly Deadline = new(2026, 12, 31);

    public static void MapCityProgress(this IEndpointRouteBuilder api)
    {
        var progress = api.MapGroup("/city-progress").WithTags("City progress");
        progress.MapGet("/", Get).WithAccess(Access.Members(OrganisationKind.Bureau)).Produces<Progress>()
            .WithSummary("Existing area against the target, pipeline, breakdowns, trend and projection, as of a date (latest snapshot on or before it)");
        progress.MapPost("/snapshots", TakeSnapshot).WithAccess(Access.Admins(OrganisationKind.Bureau))
            .WithMetadata(OwnsTransaction.Instance) // each operator is visited in its own scope and transaction
            .WithSummary("Take today's snapshot now (the same work as the daily job; replaces today's snapshot)");
        progress.MapPost("/refresh", Refresh).WithAccess(Access.Admins(OrganisationKind.Bureau))
            .WithMetadata(OwnsTransaction.Instance)
            .WithSummary("Bring today's figures up to date now: re-aggregate the operators that changed since their last pass (the same work as the 30-second job)");
        progress.MapGet("/duplicates", DuplicateSitesEndpoints.List).WithAccess(Access.Members(OrganisationKind.Bureau))
            .WithSummary("Probable duplicate sites (records of different operators within 200 m with alike addresses) and the bureau's decisions; ?status=flagged|sameSite|distinct");
        progress.MapPost("/duplicates/{pairId:guid}/decision", DuplicateSitesEndpoints.Decide).WithAccess(Access.Admins(OrganisationKind.Bureau))
            .WithSummary("Mark a pair the same site (counted once) or distinct, with a reason; takes effect at the next snapshot");
        progress.MapGet("/sites", CitySites.List).WithAccess(Access.Members(OrganisationKind.Bureau))
            .WithSummary("Every active warehouse of the city's operators (listed or not) as of the latest snapshot, with its point and operator name: the dashboard's map");
        progress.MapGet("/summary", Summary).WithAccess(Access.Anonymous)
            .WithSummary("Public headline figures: target, existing total, % of target, operators, warehouses, countries, as-of date");
    }

    public sealed record Headline(decimal TargetM2, decimal ExistingM2, decimal PercentOfTarget, int Operators, int Warehouses, int Countries, DateOnly? AsOf);

    public sealed record Slice(string Code, string? NameZh, string? NameEn, int Operators, int Warehouses, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2);

    public sealed record TrendPoint(DateOnly Date, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2, string Source);

    public sealed record StatusCounts(int Active, int Draft, int Suspended, int Closed);

    public sealed record Progress(
        decimal TargetM2, DateOnly RequestedAsOf, DateOnly? AsOf, DateTimeOffset? TakenAt, string? Source,
        decimal ExistingM2, decimal PercentOfTarget, decimal InUseM2, decimal UnderConstructionM2,
        int Operators, int Warehouses, int Countries, StatusCounts WarehousesByStatus, string CountingRules,
        IReadOnlyList<Slice> ByDistrict, IReadOnlyList<Slice> ByCountry, IReadOnlyList<Slice> ByMarketGroup, string MarketGroupNote,
        IReadOnlyList<Slice> ByOperator, IReadOnlyList<Slice> ByYearOpened,
        IReadOnlyList<TrendPoint> Trend, ProjectionResult Projection, DuplicateSummary Duplicates,
        IReadOnlyList<Slice> ByCertificationLevel);

    /// <summary>Records left out because the bureau marked them the same site as a counted one, and pairs awaiting a decision.</summary>
    public sealed record DuplicateSummary(int RecordsNotCounted, decimal ExistingM2NotCounted, int PairsAwaitingDecision);

    public const string CountingRules =
        "Active warehouses of operators registered in a Suzhou district; existing area counts to the target, in-use and under-construction are shown apart (under construction = pipeline). Draft, suspended and closed warehouses are not counted. Each physical site counts once: records the bureau marked as the same site count through the largest of them only. Figures are those of the snapshot named by asOf.";
    public const string MarketGroupNote =
        "Market groups overlap: a country in several groups counts in each, so these slices add up to more than the total.";

    private static decimal Target(IConfiguration configuration) => configuration.GetValue(TargetSetting, DefaultTargetM2);

    private static decimal Percent(decimal part, decimal target) => target <= 0 ? 0 : decimal.Round(part * 100m / target, 2);

    public static async Task<Ok<CitySnapshots.Taken>> TakeSnapshot(IServiceProvider services, TimeProvider clock, CancellationToken ct)
        => TypedResults.Ok(await CitySnapshots.TakeAsync(services, CitySnapshots.Today(clock), "on-demand", clock, ct));

    public static async Task<Ok<CitySnapshots.Taken>> Refresh(IServiceProvider services, TimeProvider clock, CancellationToken ct)
        => TypedResults.Ok(await CitySnapshots.RefreshChangedAsync(services, CitySnapshots.Today(clock), clock, ct));

    public static async Task<Ok<Headline>> Summary(WarehouseDb db, IMemoryCache cache, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var today = CitySnapshots.Today(clock);
        var target = Target(configuration);
        var header = await LatestAsync(db, today, ct);
        if (header is null) return TypedResults.Ok(new Headline(target, 0, 0, 0, 0, 0, null));
        var figures = await FiguresAsync(db, cache, header, ct);
        return TypedResults.Ok(new Headline(target, figures.ExistingM2, Percent(figures.ExistingM2, target),
            figures.OperatorsWithWarehouses, figures.Warehouses, figures.CountriesWithWarehouses, header.SnapshotDate));
    }

    public static async Task<IResult> Get(DateOnly? asOf, WarehouseDb db, IMemoryCache cache, IConfiguration configuration, TimeProvider clock,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        // Sent as the JSON of the kept answer, serialised once per kept answer: with 2,000 operators (the 1M benchmark)
        // serialising the breakdowns on every poll was most of the request (p95 22 ms).
        var progress = await ReadAsync(asOf, db, cache, configuration, clock, ct);
        return Results.Bytes(Serialised.GetValue(progress, p => JsonSerializer.SerializeToUtf8Bytes(p, json.Value.SerializerOptions)), "application/json");
    }

    /// <summary>The JSON of each kept answer, for as long as the answer itself is kept.</summary>
    private static readonly ConditionalWeakTable<Progress, byte[]> Serialised = new();

    /// <summary>The progress answer as of a date (the latest snapshot on or before it), kept a few seconds per snapshot version.</summary>
    public static async Task<Progress> ReadAsync(DateOnly? asOf, WarehouseDb db, IMemoryCache cache, IConfiguration configuration, TimeProvider clock,
        CancellationToken ct)
    {
        var requested = asOf ?? CitySnapshots.Today(clock);
        var target = Target(configuration);
        var header = await LatestAsync(db, requested, ct);
        // The whole answer is kept for a few seconds per snapshot version (a new pass writes a new taken_at, so new
        // figures are never held back): the dashboard polls it, and otherwise each poll re-read the trend and the
        // duplicate count. Only those two can lag, by at most ProgressKeptFor.
        return (await cache.GetOrCreateAsync(("city-progress", requested, target, header), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ProgressKeptFor;
            var f = header is null ? ProgressRollup.Empty : await FiguresAsync(db, cache, header, ct);
            var trend = await TrendAsync(db, requested, ct);
            var projection = Projection.Compute(trend.Select(t => (t.Date, t.ExistingM2)).ToList(), header?.SnapshotDate ?? requested, target, Deadline);
            return new Progress(
                target, requested, header?.SnapshotDate, header?.TakenAt, header?.Source,
                f.ExistingM2, Percent(f.ExistingM2, target), f.InUseM2, f.UnderConstructionM2,
                f.Operators, f.Warehouses, f.Countries, f.WarehousesByStatus,
                CountingRules, f.ByDistrict, f.ByCountry, f.ByMarketGroup, MarketGroupNote, f.ByOperator, f.ByYearOpened, trend, projection,
                new DuplicateSummary(f.DuplicateRecords, f.DuplicateExistingM2,
                    await db.Set<SitePair>().CountAsync(p => p.Status == SitePairStatus.Flagged, ct)),
                f.ByCertificationLevel);
        }))!;
    }

    private static readonly TimeSpan ProgressKeptFor = TimeSpan.FromSeconds(5);

    private sealed record HeaderKey(DateOnly SnapshotDate, DateTimeOffset TakenAt, string Source);

    private static Task<HeaderKey?> LatestAsync(WarehouseDb db, DateOnly asOf, CancellationToken ct)
        => db.Set<AreaSnapshot>().AsNoTracking().Where(s => s.SnapshotDate <= asOf).OrderByDescending(s => s.SnapshotDate)
            .Select(s => new HeaderKey(s.SnapshotDate, s.TakenAt, s.Source)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The header's figures, kept in memory per date and <c>taken_at</c>: every pass that changes them writes a new
    /// <c>taken_at</c> in the same statement (<see cref="ProgressRollup.StoreAsync"/>), so a cached entry is never
    /// stale, and the dashboard reads a few bytes per request instead of the figures' JSON. A snapshot from before the
    /// rollup existed is aggregated from its rows.
    /// </summary>
    private static async Task<ProgressRollup.Figures> FiguresAsync(WarehouseDb db, IMemoryCache cache, HeaderKey header, CancellationToken ct)
        => (await cache.GetOrCreateAsync(("city-progress-figures", header.SnapshotDate, header.TakenAt), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(5);
            var json = await db.Set<AreaSnapshot>().AsNoTracking().Where(s => s.SnapshotDate == header.SnapshotDate).Select(s => s.Figures).SingleAsync(ct);
            return json is null ? await ProgressRollup.ComputeAsync(db, header.SnapshotDate, ct) : ProgressRollup.Deserialise(json);
        }))!;

    /// <summary>Daily totals of every snapshot up to <paramref name="asOf"/>, oldest first.</summary>
    public static async Task<List<TrendPoint>> TrendAsync(WarehouseDb db, DateOnly asOf, CancellationToken ct)
    {
        // The headers carry their date's totals (ProgressRollup): no rows are read, however many the city has.
        var headers = await db.Set<AreaSnapshot>().AsNoTracking().Where(s => s.SnapshotDate <= asOf).OrderBy(s => s.SnapshotDate)
            .Select(s => new { s.SnapshotDate, s.Source, s.ExistingM2, s.InUseM2, s.UnderConstructionM2 })
            .ToListAsync(ct);
        var missing = headers.Where(h => h.ExistingM2 is null).Select(h => h.SnapshotDate).ToList();
        var totals = missing.Count == 0 ? [] : await db.Set<AreaSnapshotRow>().AsNoTracking().Where(r => missing.Contains(r.SnapshotDate))
            .GroupBy(r => r.SnapshotDate)
            .Select(g => new { Date = g.Key, Existing = g.Sum(r => r.ExistingM2), InUse = g.Sum(r => r.InUseM2), Building = g.Sum(r => r.UnderConstructionM2) })
            .ToDictionaryAsync(t => t.Date, ct);
        return headers.Select(h => h.ExistingM2 is { } existing
                ? new TrendPoint(h.SnapshotDate, existing, h.InUseM2 ?? 0, h.UnderConstructionM2 ?? 0, h.Source)
                : totals.TryGetValue(h.SnapshotDate, out var t)
                    ? new TrendPoint(h.SnapshotDate, t.Existing, t.InUse, t.Building, h.Source)
                    : new TrendPoint(h.SnapshotDate, 0, 0, 0, h.Source))
            .ToList();
    }
}
