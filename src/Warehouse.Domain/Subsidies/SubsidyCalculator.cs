using System.Globalization;
using Warehouse.Domain.Certification;

namespace Warehouse.Domain.Subsidies;

/// <summary>One eligible warehouse's investment, by category, in CNY; <see cref="Order"/> is its approval order (earliest first).</summary>
public sealed record SubsidyClaim(Guid Key, string Label, IReadOnlyDictionary<InvestmentCategory, decimal> InvestmentByCategory, int Order);

public sealed record SubsidyRules(decimal Rate, decimal CapPerWarehouseCny, decimal BudgetCny, AllocationRule Rule, IReadOnlyList<InvestmentCategory> EligibleCategories);

/// <summary>
/// One warehouse's figure. <see cref="Requested"/> = min(<see cref="RateAmount"/>, cap), where RateAmount = rate ×
/// <see cref="EligibleInvestment"/> rounded to the fen; <see cref="Allocated"/> is what the budget gives it.
/// </summary>
public sealed record SubsidyLine(
    Guid Key, string Label, decimal EligibleInvestment, decimal ExcludedInvestment, decimal RateAmount, bool Capped,
    decimal Requested, decimal Allocated, string Arithmetic);

/// <summary>
/// The programme's subsidies. <see cref="Factor"/> is budget ÷ total requested when pro rata applies (1 otherwise);
/// <see cref="TotalAllocated"/> never exceeds the budget and equals the sum of the lines.
/// </summary>
public sealed record SubsidyResult(
    IReadOnlyList<SubsidyLine> Lines, decimal TotalRequested, decimal BudgetCny, bool OverBudget, AllocationRule Rule,
    decimal Factor, decimal TotalAllocated, string Explanation);

/// <summary>
/// Subsidy arithmetic, all in decimal CNY. Per warehouse: eligible = Σ items in the eligible categories;
/// rate amount = round(rate × eligible, 2, half away from zero); requested = min(rate amount, cap).
/// When Σ requested ≤ budget each gets its requested amount. Otherwise:
/// <list type="bullet">
/// <item><b>Pro rata</b>: each exact share = requested × budget ÷ Σ requested is rounded <i>down</i> to the fen, and the
/// fen left over (fewer than the number of warehouses) go one each to the largest remainders (ties: larger requested
/// amount, then key), so the allocated total equals the budget exactly and never exceeds it, and no one gets more
/// than requested.</item>
/// <item><b>Decision order</b>: paid in approval order, each min(requested, what is left of the budget).</item>
/// </list>
/// </summary>
public static class SubsidyCalculator
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static SubsidyResult Compute(SubsidyRules rules, IReadOnlyList<SubsidyClaim> claims)
    {
        var eligibleSet = rules.EligibleCategories.ToHashSet();
        var basics = claims.Select(c =>
        {
            var eligible = c.InvestmentByCategory.Where(i => eligibleSet.Contains(i.Key)).Sum(i => i.Value);
            var excluded = c.InvestmentByCategory.Where(i => !eligibleSet.Contains(i.Key)).Sum(i => i.Value);
            var rateAmount = decimal.Round(rules.Rate * eligible, 2, MidpointRounding.AwayFromZero);
            var requested = Math.Min(rateAmount, rules.CapPerWarehouseCny);
            return (Claim: c, Eligible: eligible, Excluded: excluded, RateAmount: rateAmount, Requested: requested);
        }).ToList();

        var total = basics.Sum(b => b.Requested);
        var over = total > rules.BudgetCny;
        var allocated = new decimal[basics.Count];
        var factor = 1m;
        if (!over)
        {
            for (var i = 0; i < basics.Count; i++) allocated[i] = basics[i].Requested;
        }
        else if (rules.Rule == AllocationRule.ProRata)
        {
            factor = rules.BudgetCny / total;
            var remainders = new decimal[basics.Count];
            for (var i = 0; i < basics.Count; i++)
            {
                var exact = basics[i].Requested * rules.BudgetCny / total;
                allocated[i] = Math.Floor(exact * 100) / 100;
                remainders[i] = exact - allocated[i];
            }
            var leftFen = (int)decimal.Round((rules.BudgetCny - allocated.Sum()) * 100);
            foreach (var i in Enumerable.Range(0, basics.Count)
                         .OrderByDescending(i => remainders[i]).ThenByDescending(i => basics[i].Requested).ThenBy(i => basics[i].Claim.Key)
                         .Take(leftFen))
                allocated[i] += 0.01m;
        }
        else
        {
            var left = rules.BudgetCny;
            foreach (var i in Enumerable.Range(0, basics.Count).OrderBy(i => basics[i].Claim.Order).ThenBy(i => basics[i].Claim.Key))
            {
                allocated[i] = Math.Min(basics[i].Requested, left);
                left -= allocated[i];
            }
        }

        var lines = basics.Select((b, i) => new SubsidyLine(
            b.Claim.Key, b.Claim.Label, b.Eligible, b.Excluded, b.RateAmount, b.RateAmount > rules.CapPerWarehouseCny, b.Requested, allocated[i],
            Arithmetic(rules, b.Eligible, b.RateAmount, b.Requested, allocated[i], over, factor))).ToList();
        var explanation = over
            ? rules.Rule == AllocationRule.ProRata
                ? $"Requested {M(total)} exceeds the budget {M(rules.BudgetCny)}: every amount is scaled by {F(factor)} (budget ÷ requested), rounded down to the fen, and the fen left over go to the largest remainders, so the total is exactly the budget."
                : $"Requested {M(total)} exceeds the budget {M(rules.BudgetCny)}: paid in order of approval until the budget is used up."
            : $"Requested {M(total)} is within the budget {M(rules.BudgetCny)}: every warehouse receives its requested amount.";
        return new SubsidyResult(lines, total, rules.BudgetCny, over, rules.Rule, decimal.Round(factor, 6), lines.Sum(l => l.Allocated), explanation);
    }

    private static string Arithmetic(SubsidyRules rules, decimal eligible, decimal rateAmount, decimal requested, decimal allocated, bool over, decimal factor)
    {
        var text = $"min({F(rules.Rate)} × {M(eligible)}, cap {M(rules.CapPerWarehouseCny)}) = min({M(rateAmount)}, {M(rules.CapPerWarehouseCny)}) = {M(requested)}";
        if (!over) return text;
        return rules.Rule == AllocationRule.ProRata
            ? $"{text}; × {F(factor)} (pro rata) → {M(allocated)}"
            : $"{text}; paid in approval order → {M(allocated)}";
    }

    private static string M(decimal amount) => "¥" + amount.ToString("#,0.00", Invariant);
    private static string F(decimal value) => decimal.Round(value, 6).ToString("0.######", Invariant);
}
