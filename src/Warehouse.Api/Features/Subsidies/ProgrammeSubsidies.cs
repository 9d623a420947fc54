using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Certification;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Certification;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Subsidies;

namespace Warehouse.Api.Features.Subsidies;

public static class SubsidiesEndpoints
{
    public static void MapSubsidies(this IEndpointRouteBuilder api)
        => api.MapGet("/subsidies/programmes/{programmeId:guid}", ProgrammeSubsidies.Get).WithTags("Subsidies")
            .WithAccess(Access.Members(OrganisationKind.Bureau))
            .WithSummary("The programme's construction-investment subsidies: eligible warehouses, min(rate × eligible investment, cap) each with the arithmetic, and the allocation when over budget")
            .WithDescription("Eligible: applications approved in this programme whose certificate is not revoked. Eligible investment: the sum of the application's items in the " +
                "programme's eligible categories. Computed with the programme's latest version. Money is decimal CNY rounded to the fen: " +
                "rate × eligible rounds half away from zero; pro rata shares round down and the fen left over go to the largest remainders, so the total never exceeds the budget.");
}

/// <summary>
/// A programme's subsidy figures, read on the bureau's review path (see Features/Certification/CertificationDesk.cs): approved
/// applications with a certificate that is not revoked, and their investment items.
/// </summary>
public static class ProgrammeSubsidies
{
    public sealed record Line(
        Guid ApplicationId, ApplicationViews.OperatorRef Operator, ApplicationViews.WarehouseRef Warehouse, string CertificateNumber,
        IReadOnlyList<ApplicationViews.CategoryTotal> InvestmentByCategory, decimal EligibleInvestmentCny, decimal ExcludedInvestmentCny,
        decimal RateAmountCny, bool Capped, decimal RequestedCny, decimal AllocatedCny, string Arithmetic);

    public sealed record Response(
        Guid ProgrammeId, int ProgrammeVersion, int Year, CertificationLevel Level, string NameZh, string? NameEn,
        decimal SubsidyRate, decimal CapPerWarehouseCny, decimal BudgetCny, IReadOnlyList<InvestmentCategory> EligibleCategories,
        AllocationRule AllocationRule, string AllocationRuleText, string RoundingRule,
        int EligibleWarehouses, decimal TotalRequestedCny, bool OverBudget, decimal Factor, decimal TotalAllocatedCny, string Explanation,
        IReadOnlyList<Line> Lines);

    public const string RoundingRule =
        "Decimal CNY, rounded to the fen: rate × eligible investment rounds half away from zero; when pro rata applies each share is rounded down " +
        "and the fen left over go one each to the largest remainders (ties: larger requested amount, then application id), so the allocated total equals the budget and never exceeds it.";

    public static async Task<Results<Ok<Response>, NotFound>> Get(Guid programmeId, WarehouseDb db, CancellationToken ct)
        => await ComputeAsync(db, programmeId, ct) is { } response ? TypedResults.Ok(response) : TypedResults.NotFound();

    public static async Task<Response?> ComputeAsync(WarehouseDb db, Guid programmeId, CancellationToken ct)
    {
        var version = await Applications.CurrentTermsAsync(db, programmeId, ct);
        if (version is null) return null;

        // The review path: IgnoreQueryFilters with the conditions stated; the bureau_review policies enforce them too.
        var eligible = await (from c in db.Set<Certificate>().IgnoreQueryFilters().AsNoTracking()
                              join a in db.Set<CertificationApplication>().IgnoreQueryFilters().AsNoTracking()
                                  on new { c.TenantId, Id = c.ApplicationId } equals new { a.TenantId, a.Id }
                              join o in db.Organisations.AsNoTracking() on c.TenantId equals o.Id
                              where c.ProgrammeId == programmeId && c.RevokedAt == null && a.Status == ApplicationStatus.Approved
                              orderby c.IssuedAt, c.Id
                              select new { c.Number, c.IssuedAt, a, o.LegalNameZh, o.LegalNameEn, o.CreditCode, o.DistrictCode }).ToListAsync(ct);
        var ids = eligible.Select(e => e.a.Id).ToList();
        var items = await db.Set<InvestmentItem>().IgnoreQueryFilters().AsNoTracking().Where(i => ids.Contains(i.ApplicationId))
            .GroupBy(i => new { i.ApplicationId, i.Category }).Select(g => new { g.Key.ApplicationId, g.Key.Category, Amount = g.Sum(i => i.AmountCny) })
            .ToListAsync(ct);
        var byApplication = items.ToLookup(i => i.ApplicationId);

        var claims = eligible.Select((e, index) => new SubsidyClaim(e.a.Id, e.Number,
            byApplication[e.a.Id].ToDictionary(i => i.Category, i => i.Amount), index)).ToList();
        var rules = new SubsidyRules(version.SubsidyRate, version.CapPerWarehouseCny, version.BudgetCny, version.AllocationRule, version.EligibleCategories);
        var result = SubsidyCalculator.Compute(rules, claims);

        var lines = result.Lines.Select((l, i) =>
        {
            var e = eligible[i];
            return new Line(e.a.Id, new ApplicationViews.OperatorRef(e.a.TenantId, e.LegalNameZh, e.LegalNameEn, e.CreditCode, e.DistrictCode),
                new ApplicationViews.WarehouseRef(e.a.WarehouseId, e.a.WarehouseNameZh, e.a.WarehouseNameEn, e.a.WarehouseCountryCode, e.a.WarehouseCity),
                e.Number, byApplication[e.a.Id].OrderBy(x => x.Category).Select(x => new ApplicationViews.CategoryTotal(x.Category, x.Amount)).ToList(),
                l.EligibleInvestment, l.ExcludedInvestment, l.RateAmount, l.Capped, l.Requested, l.Allocated, l.Arithmetic);
        }).ToList();
        return new Response(programmeId, version.Version, version.Year, version.Level, version.NameZh, version.NameEn,
            version.SubsidyRate, version.CapPerWarehouseCny, version.BudgetCny, version.EligibleCategories, version.AllocationRule,
            Programmes.RuleText(version.AllocationRule), RoundingRule, lines.Count, result.TotalRequested, result.OverBudget, result.Factor,
            result.TotalAllocated, result.Explanation, lines);
    }
}
