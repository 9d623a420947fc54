using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Reference;
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
        progress.MapGet("/", Get).WithAccess(Access.Members(OrganisationKind.Bureau))
            .WithSummary("Existing area against the target, pipeline, breakdowns, trend and projection, as of a date (latest snapshot on or before it)");
        progress.MapPost("/snapshots", TakeSnapshot).WithAccess(Access.Admins(OrganisationKind.Bureau))
            .WithMetadata(OwnsTransaction.Instance) // each operator is visited in its own scope and transaction
            .WithSummary("Take today's snapshot now (the same work as the daily job; replaces today's snapshot)");
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

    public static async Task<Ok<Headline>> Summary(WarehouseDb db, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var today = CitySnapshots.Today(clock);
        var target = Target(configuration);
        var header = await LatestAsync(db, today, ct);
        if (header is null) return TypedResults.Ok(new Headline(target, 0, 0, 0, 0, 0, null));
        var rows = await RowsAsync(db, header.SnapshotDate, ct);
        var existing = rows.Sum(r => r.ExistingM2);
        return TypedResults.Ok(new Headline(target, existing, Percent(existing, target),
            rows.Select(r => r.OperatorId).Distinct().Count(), rows.Sum(r => r.ActiveCount),
            rows.Select(r => r.CountryCode).Distinct().Count(), header.SnapshotDate));
    }

    public static async Task<Ok<Progress>> Get(DateOnly? asOf, WarehouseDb db, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var requested = asOf ?? CitySnapshots.Today(clock);
        var target = Target(configuration);
        var header = await LatestAsync(db, requested, ct);
        var rows = header is null ? [] : await RowsAsync(db, header.SnapshotDate, ct);

        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Code, ct);
        var countries = await db.Set<Country>().AsNoTracking().Select(c => new { c.Alpha2, c.NameZh, c.NameEn }).ToDictionaryAsync(c => c.Alpha2, ct);
        var groups = await db.Set<MarketGroup>().AsNoTracking().ToDictionaryAsync(g => g.Code, ct);
        var members = await db.Set<MarketGroupMember>().AsNoTracking().ToListAsync(ct);
        var operatorIds = rows.Select(r => r.OperatorId).Distinct().ToList();
        // Organisations are a global table: legal names are public registry facts.
        var names = await db.Organisations.AsNoTracking().Where(o => operatorIds.Contains(o.Id))
            .Select(o => new { o.Id, o.LegalNameZh, o.LegalNameEn }).ToDictionaryAsync(o => o.Id, ct);

        var byDistrict = Slices(rows, r => r.DistrictCode, code => districts.TryGetValue(code, out var d) ? (d.NameZh, d.NameEn) : (null, null));
        var byCountry = Slices(rows, r => r.CountryCode, code => countries.TryGetValue(code, out var c) ? (c.NameZh, c.NameEn) : (null, null));
        var groupsOf = members.ToLookup(m => m.CountryCode.Trim(), m => m.GroupCode);
        var byGroup = Slices(rows.SelectMany(r => groupsOf[r.CountryCode.Trim()].Select(g => (Group: g, Row: r))).ToList(), x => x.Group, x => x.Row,
            code => groups.TryGetValue(code, out var g) ? (g.NameZh, g.NameEn) : (null, null));
        // Operators are listed by legal name and district, not by their id.
        var byOperator = Slices(rows, r => r.OperatorId.ToString(), _ => (null, null))
            .Select(s => names.TryGetValue(Guid.Parse(s.Code), out var n)
                ? s with { Code = rows.First(r => r.OperatorId == n.Id).DistrictCode, NameZh = n.LegalNameZh, NameEn = n.LegalNameEn }
                : s with { Code = "?" })
            .ToList();
        var byYear = Slices(rows, r => r.YearOpened == 0 ? "unknown" : r.YearOpened.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => (null, null))
            .OrderBy(s => s.Code).ToList();

        var trend = await TrendAsync(db, requested, ct);
        var projection = Projection.Compute(trend.Select(t => (t.Date, t.ExistingM2)).ToList(), header?.SnapshotDate ?? requested, target, Deadline);
        var existing = rows.Sum(r => r.ExistingM2);
        return TypedResults.Ok(new Progress(
            target, requested, header?.SnapshotDate, header?.TakenAt, header?.Source,
            existing, Percent(existing, target), rows.Sum(r => r.InUseM2), rows.Sum(r => r.UnderConstructionM2),
            rows.Where(r => r.ActiveCount > 0).Select(r => r.OperatorId).Distinct().Count(), rows.Sum(r => r.ActiveCount),
            rows.Where(r => r.ActiveCount > 0).Select(r => r.CountryCode).Distinct().Count(),
            new StatusCounts(rows.Sum(r => r.ActiveCount), rows.Sum(r => r.DraftCount), rows.Sum(r => r.SuspendedCount), rows.Sum(r => r.ClosedCount)),
            CountingRules, byDistrict, byCountry, byGroup, MarketGroupNote, byOperator, byYear, trend, projection,
            new DuplicateSummary(rows.Sum(r => r.DuplicateCount), rows.Sum(r => r.DuplicateExistingM2),
                await db.Set<SitePair>().CountAsync(p => p.Status == SitePairStatus.Flagged, ct)),
            Slices(rows, r => r.CertificationLevel, level => CertificationLevels.Name(level))));
    }

    private static List<Slice> Slices(List<AreaSnapshotRow> rows, Func<AreaSnapshotRow, string> key, Func<string, (string?, string?)> name)
        => Slices(rows, key, r => r, name);

    private static List<Slice> Slices<T>(List<T> items, Func<T, string> key, Func<T, AreaSnapshotRow> row, Func<string, (string?, string?)> name)
        => items.Where(i => row(i).ActiveCount > 0).GroupBy(key).Select(g =>
            {
                var (zh, en) = name(g.Key);
                var rows = g.Select(row).ToList();
                return new Slice(g.Key, zh, en, rows.Select(r => r.OperatorId).Distinct().Count(), rows.Sum(r => r.ActiveCount),
                    rows.Sum(r => r.ExistingM2), rows.Sum(r => r.InUseM2), rows.Sum(r => r.UnderConstructionM2));
            })
            .OrderByDescending(s => s.ExistingM2).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();

    private static Task<AreaSnapshot?> LatestAsync(WarehouseDb db, DateOnly asOf, CancellationToken ct)
        => db.Set<AreaSnapshot>().AsNoTracking().Where(s => s.SnapshotDate <= asOf).OrderByDescending(s => s.SnapshotDate).FirstOrDefaultAsync(ct);

    private static Task<List<AreaSnapshotRow>> RowsAsync(WarehouseDb db, DateOnly date, CancellationToken ct)
        => db.Set<AreaSnapshotRow>().AsNoTracking().Where(r => r.SnapshotDate == date).ToListAsync(ct);

    /// <summary>Daily totals of every snapshot up to <paramref name="asOf"/>, oldest first.</summary>
    public static async Task<List<TrendPoint>> TrendAsync(WarehouseDb db, DateOnly asOf, CancellationToken ct)
    {
        var headers = await db.Set<AreaSnapshot>().AsNoTracking().Where(s => s.SnapshotDate <= asOf).OrderBy(s => s.SnapshotDate).ToListAsync(ct);
        var totals = await db.Set<AreaSnapshotRow>().AsNoTracking().Where(r => r.SnapshotDate <= asOf)
            .GroupBy(r => r.SnapshotDate)
            .Select(g => new { Date = g.Key, Existing = g.Sum(r => r.ExistingM2), InUse = g.Sum(r => r.InUseM2), Building = g.Sum(r => r.UnderConstructionM2) })
            .ToDictionaryAsync(t => t.Date, ct);
        return headers.Select(h => totals.TryGetValue(h.SnapshotDate, out var t)
                ? new TrendPoint(h.SnapshotDate, t.Existing, t.InUse, t.Building, h.Source)
                : new TrendPoint(h.SnapshotDate, 0, 0, 0, h.Source))
            .ToList();
    }
}
