using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Certification;
using Warehouse.Domain.Warehouses;
using static Warehouse.Api.Features.Certification.ApplicationViews;

namespace Warehouse.Api.Features.Certification;

/// <summary>
/// An operator applies to an open programme for one of its own warehouses: draft → submitted (evaluated) → approved,
/// rejected or sent back for more information (amend and resubmit). Other operators' applications do not exist here (404).
/// </summary>
public static class Applications
{
    public const int MaxItems = 200;

    public sealed record ItemInput(InvestmentCategory? Category, decimal? AmountCny, string? Reference, string? Description);
    public sealed record CommitmentInput(string? SignedName, bool? Accepted);

    public sealed record Request(
        Guid? ProgrammeId, Guid? WarehouseId,
        decimal? YearsRegisteredInProvince, decimal? YearsOperatingOverseas, decimal? EquityPercent, string? OdiCertificateNumber,
        bool? NoSeriousViolations, int? Staff, int? ServedEnterprisesDeclared, IReadOnlyList<string?>? ServicesDeclared,
        bool? HasWms, string? WmsName, IReadOnlyList<ItemInput?>? InvestmentItems, CommitmentInput? Commitment, uint? Version = null);

    public static async Task<Results<Ok<List<Summary>>, ValidationProblem>> List(WarehouseDb db, string? status, CancellationToken ct)
        => StatusFilter.TryParse(status, out var filter, out var problem)
            ? TypedResults.Ok(await ListAsync(db, asBureau: false, filter, null, ct))
            : problem;

    public static async Task<Results<Ok<ApplicationView>, NotFound>> Get(Guid applicationId, WarehouseDb db, TimeProvider clock, CancellationToken ct)
        => await LoadAsync(db, applicationId, asBureau: false, clock, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Results<Created<ApplicationView>, ValidationProblem>> Create(Request request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.ProgrammeId is null) errors.Add("programmeId", "Name the programme to apply to.");
        if (request.WarehouseId is null) errors.Add("warehouseId", "Name the warehouse to certify.");
        if (request.Version is not null) errors.Add("version", "A new application has no version; send it only when amending.");
        var (facts, commitment, items) = ValidateFacts(request, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var today = CitySnapshots.Today(clock);
        var programme = await CurrentTermsAsync(db, request.ProgrammeId!.Value, ct);
        if (programme is null) errors.Add("programmeId", "No such programme.");
        else if (!programme.Terms.IsOpenOn(today))
            errors.Add("programmeId", $"This programme accepts applications from {programme.OpensOn:yyyy-MM-dd} to {programme.ClosesOn:yyyy-MM-dd}.");
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == request.WarehouseId!.Value, ct);
        if (warehouse is null) errors.Add("warehouseId", "No such warehouse among yours.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        if (await db.Set<CertificationApplication>().AnyAsync(a => a.ProgrammeId == programme!.ProgrammeId && a.WarehouseId == warehouse!.Id && a.Status != ApplicationStatus.Rejected, ct))
            throw new ConflictException("application.exists", "This warehouse already has an application in this programme; amend that one.");

        var application = CertificationApplication.Start(db.Tenant.RequiredTenantId, programme!.ProgrammeId, warehouse!.Id, facts!, commitment!, db.Tenant.RequiredUserId, clock.GetUtcNow());
        application.DescribeWarehouse(warehouse.NameZh, warehouse.NameEn, warehouse.CountryCode, warehouse.City);
        db.Add(application);
        ReplaceItems(db, application, [], items!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/certification/applications/{application.Id}", (await LoadAsync(db, application.Id, false, clock, ct))!);
    }

    /// <summary>Amends a draft, or an application sent back for more information. Send the <c>version</c> you edited; stale → 409.</summary>
    public static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound>> Update(
        Guid applicationId, Request request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var application = await db.Set<CertificationApplication>().SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return TypedResults.NotFound();
        var errors = new FieldErrors();
        if (request.ProgrammeId is { } p && p != application.ProgrammeId) errors.Add("programmeId", "The programme of an application cannot change; start a new one.");
        if (request.WarehouseId is { } w && w != application.WarehouseId) errors.Add("warehouseId", "The warehouse of an application cannot change; start a new one.");
        if (request.Version is null) errors.Add("version", "Send the version you edited (from the last GET) so concurrent edits are not lost.");
        var (facts, commitment, items) = ValidateFacts(request, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (!application.IsEditable) throw new ConflictException("application.notEditable", $"An application that is {application.Status} cannot be changed.");

        db.Entry(application).Property(a => a.Version).OriginalValue = request.Version!.Value;
        application.Amend(facts!, commitment!, clock.GetUtcNow());
        var warehouse = await db.Warehouses.AsNoTracking().SingleAsync(x => x.Id == application.WarehouseId, ct);
        application.DescribeWarehouse(warehouse.NameZh, warehouse.NameEn, warehouse.CountryCode, warehouse.City);
        var existing = await db.Set<InvestmentItem>().Where(i => i.ApplicationId == application.Id).ToListAsync(ct);
        ReplaceItems(db, application, existing, items!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await LoadAsync(db, application.Id, false, clock, ct))!);
    }

    /// <summary>
    /// Submits (or resubmits) the application: checks that no investment line is claimed elsewhere (409 naming it), claims
    /// its lines, counts the platform's facts and evaluates every criterion against the programme's current version,
    /// which the evaluation records. Holds a share lock on the programme row meanwhile, so an edit of the programme waits
    /// and then sees this submission (and adds a version instead of changing this one).
    /// </summary>
    public static async Task<Results<Ok<ApplicationView>, NotFound>> Submit(Guid applicationId, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var application = await db.Set<CertificationApplication>().SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return TypedResults.NotFound();
        if (!application.IsEditable) throw new ConflictException("application.notSubmittable", $"An application that is {application.Status} cannot be submitted.");

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM certification_programmes WHERE id = {application.ProgrammeId} FOR SHARE", ct);
        var version = (await CurrentTermsAsync(db, application.ProgrammeId, ct))!;
        var today = CitySnapshots.Today(clock);
        // A first submission needs the window open; a resubmission answers the bureau's request and may come later.
        if (application.SubmissionRound == 0 && !version.Terms.IsOpenOn(today))
            throw new ConflictException("programme.closed", $"This programme accepts applications from {version.OpensOn:yyyy-MM-dd} to {version.ClosesOn:yyyy-MM-dd}.");
        var warehouse = await db.Warehouses.AsNoTracking().SingleAsync(w => w.Id == application.WarehouseId, ct);
        if (warehouse.Status != WarehouseStatus.Active)
            throw new ConflictException("warehouse.notActive", "Only an active warehouse can be certified; activate it first.");

        var items = await db.Set<InvestmentItem>().Where(i => i.ApplicationId == application.Id).OrderBy(i => i.Position).ToListAsync(ct);
        var keys = items.Select(i => i.ReferenceKey).ToList();
        var clash = await (from other in db.Set<InvestmentItem>()
                           join a in db.Set<CertificationApplication>() on other.ApplicationId equals a.Id
                           where other.Claimed && other.ApplicationId != application.Id && keys.Contains(other.ReferenceKey)
                           orderby other.Position
                           select new { other.Reference, other.ReferenceKey, a.ProgrammeId, ApplicationId = a.Id }).FirstOrDefaultAsync(ct);
        if (clash is not null)
        {
            var mine = items.First(i => i.ReferenceKey == clash.ReferenceKey);
            var programme = await ProgrammeRefAsync(db, clash.ProgrammeId, ct);
            throw new ConflictException("investment.alreadyClaimed",
                $"Investment item '{mine.Reference}' is already claimed in application {clash.ApplicationId} of programme {programme.Year} {programme.NameZh}; an item can be claimed in one programme only.");
        }
        foreach (var item in items) item.Claimed = true;

        var facts = (await PlatformFacts.CountAsync(db, application.WarehouseId, today, ct))!;
        var evaluation = CriteriaEvaluation.Evaluate(version.Criteria, application.Declared, facts);
        application.DescribeWarehouse(warehouse.NameZh, warehouse.NameEn, warehouse.CountryCode, warehouse.City);
        application.Submit(version.Version, JsonSerializer.Serialize(new StoredFacts(today, facts), Json), JsonSerializer.Serialize(evaluation, Json),
            evaluation.Overall, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await LoadAsync(db, application.Id, false, clock, ct))!);
    }

    internal static Task<ProgrammeVersion?> CurrentTermsAsync(WarehouseDb db, Guid programmeId, CancellationToken ct)
        => (from p in db.Set<CertificationProgramme>().AsNoTracking()
            join v in db.Set<ProgrammeVersion>().AsNoTracking() on new { p.Id, Version = p.LatestVersion } equals new { Id = v.ProgrammeId, v.Version }
            where p.Id == programmeId
            select v).SingleOrDefaultAsync(ct);

    private static void ReplaceItems(WarehouseDb db, CertificationApplication application, List<InvestmentItem> existing, List<InvestmentLine> lines)
    {
        db.RemoveRange(existing);
        db.AddRange(lines.Select((l, i) => new InvestmentItem
        {
            TenantId = application.TenantId, Id = Guid.CreateVersion7(), ApplicationId = application.Id, Position = i,
            Category = l.Category, AmountCny = l.AmountCny, Reference = l.Reference, ReferenceKey = l.ReferenceKey, Description = l.Description,
        }));
    }

    private static (DeclaredFacts?, Commitment?, List<InvestmentLine>?) ValidateFacts(Request r, FieldErrors errors)
    {
        Range(r.YearsRegisteredInProvince, "yearsRegisteredInProvince", 0, 100, 1, "Years registered in Jiangsu province (0–100, one decimal).", errors);
        Range(r.YearsOperatingOverseas, "yearsOperatingOverseas", 0, 100, 1, "Years the warehouse has operated overseas (0–100, one decimal).", errors);
        Range(r.EquityPercent, "equityPercent", 0, 100, 2, "Equity held in the overseas operating entity, 0–100 %.", errors);
        if (r.NoSeriousViolations is null) errors.Add("noSeriousViolations", "Declare whether there were serious violations in the last 2 years (true = none).");
        if (r.Staff is not (>= 0 and <= 1_000_000)) errors.Add("staff", "Staff at the warehouse, 0–1,000,000.");
        if (r.ServedEnterprisesDeclared is < 0 or > 10_000_000) errors.Add("servedEnterprisesDeclared", "Enterprises served in total (on and off the platform), 0–10,000,000.");
        if (r.HasWms is null) errors.Add("hasWms", "Say whether the warehouse runs a warehouse management system.");
        var services = (r.ServicesDeclared ?? []).ToList();
        for (var i = 0; i < services.Count; i++)
            if (services[i] is not { } code || !Programmes.KnownServices.Contains(code.Trim()))
                errors.Add($"servicesDeclared[{i}]", "Not a service type (see /api/reference/service-types).");
        var odi = errors.Capture(() => Domain.DomainText.Optional(r.OdiCertificateNumber, "odiCertificateNumber", 100), "odiCertificateNumber");
        var wmsName = errors.Capture(() => Domain.DomainText.Optional(r.WmsName, "wmsName", 200), "wmsName");
        var signed = errors.Capture(() => Domain.DomainText.Optional(r.Commitment?.SignedName, "commitment.signedName", 100), "commitment.signedName");

        var inputs = (r.InvestmentItems ?? []).ToList();
        if (inputs.Count > MaxItems) errors.Add("investmentItems", $"At most {MaxItems} investment items.");
        var lines = new List<InvestmentLine>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(inputs.Count, MaxItems); i++)
        {
            var field = $"investmentItems[{i}]";
            if (inputs[i] is not { } input) { errors.Add(field, "An item is required."); continue; }
            var line = errors.Capture(() => InvestmentLine.Create(input.Category, input.AmountCny, input.Reference, input.Description, field), field);
            if (line is null) continue;
            if (seen.TryGetValue(line.ReferenceKey, out var first))
                errors.Add($"{field}.reference", $"The same invoice/contract as investmentItems[{first}]: list each item once.");
            else seen[line.ReferenceKey] = i;
            lines.Add(line);
        }
        if (errors.Any) return (null, null, null);
        return (new DeclaredFacts(decimal.Round(r.YearsRegisteredInProvince!.Value, 1), decimal.Round(r.YearsOperatingOverseas!.Value, 1),
                decimal.Round(r.EquityPercent!.Value, 2), odi, r.NoSeriousViolations!.Value, r.Staff!.Value, r.ServedEnterprisesDeclared,
                services.Select(s => s!.Trim()).ToList(), r.HasWms!.Value, wmsName),
            new Commitment(signed, r.Commitment?.Accepted ?? false), lines);
    }

    private static void Range(decimal? value, string field, decimal min, decimal max, int decimals, string message, FieldErrors errors)
    {
        if (value is not { } v || v < min || v > max || decimal.Round(v, decimals) != v) errors.Add(field, message);
    }
}
