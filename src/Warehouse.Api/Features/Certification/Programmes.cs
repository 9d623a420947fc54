using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain;
using Warehouse.Domain.Certification;
using Warehouse.Domain.Services;

namespace Warehouse.Api.Features.Certification;

/// <summary>
/// Certification programmes (认定批次): bureau admins create and edit them, bureau members read every version, operators
/// list the open ones. Editing a version that an application was submitted under adds a new version (the old one stays,
/// read-only); otherwise the edit changes the version in place.
/// </summary>
public static class Programmes
{
    /// <summary>Criteria as sent; a missing threshold takes the default of <see cref="CertificationCriteria.Defaults"/>.</summary>
    public sealed record CriteriaInput(
        decimal? MinYearsRegisteredInProvince = null, decimal? MinYearsOperatingOverseas = null, decimal? MinEquityPercentExclusive = null,
        bool? OdiCertificateRequired = null, bool? NoSeriousViolationsRequired = null, int? MinServedEnterprises = null,
        bool? WmsRequired = null, IReadOnlyList<string?>? RequiredServices = null);

    public sealed record Request(
        int? Year, CertificationLevel? Level, string? NameZh, string? NameEn, DateOnly? OpensOn, DateOnly? ClosesOn,
        CriteriaInput? Criteria, IReadOnlyList<InvestmentCategory>? EligibleCategories,
        decimal? SubsidyRate, decimal? CapPerWarehouseCny, decimal? BudgetCny, AllocationRule? AllocationRule, int? CertificateValidityYears,
        uint? Revision = null);

    public sealed record VersionSummary(int Version, DateTimeOffset CreatedAt, bool InUse);

    public sealed record ProgrammeView(
        Guid Id, int Version, int LatestVersion, bool IsLatest, uint Revision, bool IsOpen,
        int Year, CertificationLevel Level, string NameZh, string? NameEn, DateOnly OpensOn, DateOnly ClosesOn,
        CertificationCriteria Criteria, IReadOnlyList<InvestmentCategory> EligibleCategories,
        decimal SubsidyRate, decimal CapPerWarehouseCny, decimal BudgetCny, AllocationRule AllocationRule, string AllocationRuleText,
        int CertificateValidityYears, DateTimeOffset CreatedAt, IReadOnlyList<VersionSummary>? Versions);

    public sealed record Defaults(CertificationCriteria Criteria, IReadOnlyList<InvestmentCategory> EligibleCategories, AllocationRule AllocationRule,
        string AllocationRuleText, int CertificateValidityYears, string Sources);

    public static string RuleText(AllocationRule rule) => rule == AllocationRule.ProRata
        ? "Pro rata: when the capped amounts exceed the budget, each is multiplied by budget ÷ total, rounded down to the fen; the fen left over go to the largest remainders, so the total equals the budget."
        : "Decision order: when the capped amounts exceed the budget, warehouses are paid in the order they were approved until the budget is used up (the last one partly).";

    public static IReadOnlyCollection<string> KnownServices { get; } = ServiceCatalogue.All.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);

    public static Ok<Defaults> GetDefaults() => TypedResults.Ok(new Defaults(
        CertificationCriteria.Defaults, ProgrammeTerms.DefaultCategories, AllocationRule.ProRata, RuleText(AllocationRule.ProRata), ProgrammeTerms.DefaultValidityYears,
        "Thresholds seen in peer provinces' public-warehouse programmes (Guangdong, Fujian, Shenzhen); Suzhou's own are not public, so every one is editable."));

    public static async Task<Ok<List<ProgrammeView>>> List(WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = CitySnapshots.Today(clock);
        var rows = await (from p in db.Set<CertificationProgramme>().AsNoTracking()
                          join v in db.Set<ProgrammeVersion>().AsNoTracking() on new { p.Id, Version = p.LatestVersion } equals new { Id = v.ProgrammeId, v.Version }
                          orderby v.Year descending, v.OpensOn descending, p.Id
                          select new { p, v }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => View(r.p, r.v, today, null)).ToList());
    }

    /// <summary>The programmes open for applications today (Suzhou's date), latest version: what an operator may apply to.</summary>
    public static async Task<Ok<List<ProgrammeView>>> ListOpen(WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = CitySnapshots.Today(clock);
        var rows = await (from p in db.Set<CertificationProgramme>().AsNoTracking()
                          join v in db.Set<ProgrammeVersion>().AsNoTracking() on new { p.Id, Version = p.LatestVersion } equals new { Id = v.ProgrammeId, v.Version }
                          where v.OpensOn <= today && v.ClosesOn >= today
                          orderby v.ClosesOn, p.Id
                          select new { p, v }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => View(r.p, r.v, today, null)).ToList());
    }

    public static async Task<Results<Ok<ProgrammeView>, NotFound>> Get(Guid programmeId, WarehouseDb db, TimeProvider clock, CancellationToken ct)
        => await LoadAsync(db, programmeId, null, CitySnapshots.Today(clock), ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Results<Ok<ProgrammeView>, NotFound>> GetVersion(Guid programmeId, int version, WarehouseDb db, TimeProvider clock, CancellationToken ct)
        => await LoadAsync(db, programmeId, version, CitySnapshots.Today(clock), ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Results<Created<ProgrammeView>, ValidationProblem>> Create(Request request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var terms = Validate(request, errors);
        if (request.Revision is not null) errors.Add("revision", "A new programme has no revision; send it only when editing.");
        if (terms is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var now = clock.GetUtcNow();
        var user = db.Tenant.RequiredUserId;
        var programme = new CertificationProgramme { Id = Guid.CreateVersion7(now), LatestVersion = 1, CreatedAt = now, CreatedBy = user, UpdatedAt = now };
        var version = new ProgrammeVersion { ProgrammeId = programme.Id, Version = 1, CreatedAt = now, CreatedBy = user };
        version.Apply(terms);
        db.AddRange(programme, version);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/certification/programmes/{programme.Id}", (await LoadAsync(db, programme.Id, null, CitySnapshots.Today(clock), ct))!);
    }

    /// <summary>
    /// Edits the latest version, or adds a version when an application was already submitted under it. Takes the
    /// programme row's lock first: a submission holds a share lock on it while it evaluates, so an edit never changes
    /// a version under an evaluation in flight, and the in-use check sees every committed submission.
    /// </summary>
    public static async Task<Results<Ok<ProgrammeView>, ValidationProblem, NotFound>> Update(
        Guid programmeId, Request request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS value FROM certification_programmes WHERE id = {programmeId} FOR UPDATE").ToListAsync(ct);
        if (locked.Count == 0) return TypedResults.NotFound();
        var programme = await db.Set<CertificationProgramme>().SingleAsync(p => p.Id == programmeId, ct);
        var errors = new FieldErrors();
        var terms = Validate(request, errors);
        if (request.Revision is null) errors.Add("revision", "Send the revision you edited (from the last GET) so concurrent edits are not lost.");
        if (terms is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        db.Entry(programme).Property(p => p.Revision).OriginalValue = request.Revision!.Value;
        var now = clock.GetUtcNow();
        var latest = await db.Set<ProgrammeVersion>().SingleAsync(v => v.ProgrammeId == programmeId && v.Version == programme.LatestVersion, ct);
        if (await InUseAsync(db, programmeId, latest.Version, ct))
        {
            var next = new ProgrammeVersion { ProgrammeId = programmeId, Version = latest.Version + 1, CreatedAt = now, CreatedBy = db.Tenant.RequiredUserId };
            next.Apply(terms);
            db.Add(next);
            programme.LatestVersion = next.Version;
        }
        else
        {
            latest.Apply(terms);
        }
        programme.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await LoadAsync(db, programmeId, null, CitySnapshots.Today(clock), ct))!);
    }

    /// <summary>
    /// A version is in use once an application was submitted (evaluated) under it. Read on the bureau's review path:
    /// submitted applications of every operator are visible to the bureau (policy bureau_review), drafts are not, and
    /// a draft is evaluated against the version current when it is submitted.
    /// </summary>
    private static Task<bool> InUseAsync(WarehouseDb db, Guid programmeId, int version, CancellationToken ct)
        => db.Set<CertificationApplication>().IgnoreQueryFilters()
            .AnyAsync(a => a.ProgrammeId == programmeId && a.EvaluatedProgrammeVersion == version && a.Status != ApplicationStatus.Draft, ct);

    private static ProgrammeTerms? Validate(Request r, FieldErrors errors)
    {
        if (r.Year is null) errors.Add("year", "The programme year is required.");
        if (r.Level is null) errors.Add("level", "The level is required: municipal or provincial.");
        if (r.OpensOn is null) errors.Add("opensOn", "The first day applications are accepted is required.");
        if (r.ClosesOn is null) errors.Add("closesOn", "The last day applications are accepted is required.");
        if (r.SubsidyRate is null) errors.Add("subsidyRate", "The subsidy rate is required, as a fraction (0.3 = 30 %).");
        if (r.CapPerWarehouseCny is null) errors.Add("capPerWarehouseCny", "The cap per warehouse in CNY is required.");
        if (r.BudgetCny is null) errors.Add("budgetCny", "The programme's total budget in CNY is required.");
        var c = r.Criteria ?? new CriteriaInput();
        var d = CertificationCriteria.Defaults;
        var services = c.RequiredServices?.ToList();
        if (services is not null)
            for (var i = 0; i < services.Count; i++)
                if (string.IsNullOrWhiteSpace(services[i])) errors.Add($"criteria.requiredServices[{i}]", "A service type code is required.");
        if (errors.Any) return null;
        var criteria = new CertificationCriteria(
            c.MinYearsRegisteredInProvince ?? d.MinYearsRegisteredInProvince, c.MinYearsOperatingOverseas ?? d.MinYearsOperatingOverseas,
            c.MinEquityPercentExclusive ?? d.MinEquityPercentExclusive, c.OdiCertificateRequired ?? d.OdiCertificateRequired,
            c.NoSeriousViolationsRequired ?? d.NoSeriousViolationsRequired, c.MinServedEnterprises ?? d.MinServedEnterprises,
            c.WmsRequired ?? d.WmsRequired, services?.Select(s => s!).ToList() ?? d.RequiredServices);
        return errors.Capture(() => ProgrammeTerms.Create(r.Year!.Value, r.Level!.Value, r.NameZh, r.NameEn, r.OpensOn!.Value, r.ClosesOn!.Value,
            criteria, r.EligibleCategories ?? ProgrammeTerms.DefaultCategories, r.SubsidyRate!.Value, r.CapPerWarehouseCny!.Value, r.BudgetCny!.Value,
            r.AllocationRule ?? AllocationRule.ProRata, r.CertificateValidityYears ?? ProgrammeTerms.DefaultValidityYears, KnownServices), "programme");
    }

    public static async Task<ProgrammeView?> LoadAsync(WarehouseDb db, Guid programmeId, int? version, DateOnly today, CancellationToken ct)
    {
        var programme = await db.Set<CertificationProgramme>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == programmeId, ct);
        if (programme is null) return null;
        var versions = await db.Set<ProgrammeVersion>().AsNoTracking().Where(v => v.ProgrammeId == programmeId).OrderBy(v => v.Version).ToListAsync(ct);
        var chosen = versions.SingleOrDefault(v => v.Version == (version ?? programme.LatestVersion));
        if (chosen is null) return null;
        var used = await db.Set<CertificationApplication>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ProgrammeId == programmeId && a.Status != ApplicationStatus.Draft && a.EvaluatedProgrammeVersion != null)
            .Select(a => a.EvaluatedProgrammeVersion!.Value).Distinct().ToListAsync(ct);
        return View(programme, chosen, today, versions.Select(v => new VersionSummary(v.Version, v.CreatedAt, used.Contains(v.Version))).ToList());
    }

    public static ProgrammeView View(CertificationProgramme p, ProgrammeVersion v, DateOnly today, IReadOnlyList<VersionSummary>? versions) => new(
        p.Id, v.Version, p.LatestVersion, v.Version == p.LatestVersion, p.Revision, v.Version == p.LatestVersion && v.Terms.IsOpenOn(today),
        v.Year, v.Level, v.NameZh, v.NameEn, v.OpensOn, v.ClosesOn, v.Criteria, v.EligibleCategories, v.SubsidyRate, v.CapPerWarehouseCny,
        v.BudgetCny, v.AllocationRule, RuleText(v.AllocationRule), v.CertificateValidityYears, v.CreatedAt, versions);
}
