using Warehouse.Domain.Certification;
using Warehouse.Domain.Subsidies;

namespace Warehouse.Domain.Tests.Subsidies;

public sealed class SubsidyCalculatorTests
{
    private static SubsidyRules Rules(decimal rate = 0.3m, decimal cap = 1_000_000m, decimal budget = 10_000_000m, AllocationRule rule = AllocationRule.ProRata)
        => new(rate, cap, budget, rule, ProgrammeTerms.DefaultCategories);

    private static SubsidyClaim Claim(int order, decimal equipment, decimal lease = 0, decimal renovation = 0, decimal it = 0, decimal other = 0)
        => new(new Guid($"00000000-0000-0000-0000-{order:000000000000}"), $"W{order}", new Dictionary<InvestmentCategory, decimal>
        {
            [InvestmentCategory.Equipment] = equipment, [InvestmentCategory.Lease] = lease, [InvestmentCategory.Renovation] = renovation,
            [InvestmentCategory.It] = it, [InvestmentCategory.Other] = other,
        }, order);

    [Fact]
    public void Amount_is_rate_times_eligible_investment_leases_and_other_excluded_and_capped()
    {
        var result = SubsidyCalculator.Compute(Rules(), [Claim(1, 1_000_000, lease: 5_000_000, renovation: 500_000, it: 100_000, other: 70_000), Claim(2, 9_000_000)]);
        var first = result.Lines[0];
        Assert.Equal(1_600_000m, first.EligibleInvestment);
        Assert.Equal(5_070_000m, first.ExcludedInvestment);
        Assert.Equal(480_000m, first.RateAmount);
        Assert.False(first.Capped);
        Assert.Equal(480_000m, first.Allocated);
        Assert.Equal("min(0.3 × ¥1,600,000.00, cap ¥1,000,000.00) = min(¥480,000.00, ¥1,000,000.00) = ¥480,000.00", first.Arithmetic);
        var second = result.Lines[1];
        Assert.Equal(2_700_000m, second.RateAmount);
        Assert.True(second.Capped);
        Assert.Equal(1_000_000m, second.Requested); // the cap
        Assert.False(result.OverBudget);
        Assert.Equal(1m, result.Factor);
        Assert.Equal(1_480_000m, result.TotalAllocated);
    }

    [Fact]
    public void Exactly_at_the_cap_and_exactly_at_the_budget_nothing_is_scaled()
    {
        var result = SubsidyCalculator.Compute(Rules(cap: 300_000m, budget: 600_000m), [Claim(1, 1_000_000), Claim(2, 1_000_000)]);
        Assert.All(result.Lines, l => { Assert.False(l.Capped); Assert.Equal(300_000m, l.Allocated); });
        Assert.False(result.OverBudget);
        Assert.Equal(600_000m, result.TotalAllocated);
    }

    [Fact]
    public void Over_budget_pro_rata_scales_every_amount_and_the_total_is_exactly_the_budget()
    {
        // Requested 300,000 + 200,000 + 100,000 = 600,000 against 500,000: factor 5/6.
        var result = SubsidyCalculator.Compute(Rules(budget: 500_000m), [Claim(1, 1_000_000), Claim(2, 666_666.67m), Claim(3, 333_333.33m)]);
        Assert.True(result.OverBudget);
        Assert.Equal(600_000m, result.TotalRequested);
        Assert.Equal(0.833333m, result.Factor);
        Assert.Equal([250_000m, 166_666.67m, 83_333.33m], result.Lines.Select(l => l.Allocated));
        Assert.Equal(500_000m, result.TotalAllocated);
        Assert.Contains("× 0.833333 (pro rata) → ¥250,000.00", result.Lines[0].Arithmetic);
    }

    [Fact]
    public void Leftover_fen_go_to_the_largest_remainders_so_the_budget_is_never_exceeded()
    {
        // Three equal requests of 100.00 sharing a budget of 100.00: 33.33 each leaves one fen, which goes to one of them.
        var result = SubsidyCalculator.Compute(Rules(rate: 1m, budget: 100m), [Claim(1, 100), Claim(2, 100), Claim(3, 100)]);
        Assert.Equal(100m, result.TotalAllocated);
        Assert.Equal([33.34m, 33.33m, 33.33m], result.Lines.Select(l => l.Allocated));
        // And many uneven ones: never above the budget, never above what each requested, each in whole fen.
        var random = new Random(5);
        var claims = Enumerable.Range(1, 37).Select(i => Claim(i, random.Next(1, 10_000_000) / 100m)).ToList();
        var many = SubsidyCalculator.Compute(Rules(rate: 0.37m, cap: 5_000m, budget: 12_345.67m), claims);
        Assert.Equal(12_345.67m, many.TotalAllocated);
        Assert.All(many.Lines, l => { Assert.True(l.Allocated <= l.Requested); Assert.Equal(decimal.Round(l.Allocated, 2), l.Allocated); });
    }

    [Fact]
    public void Rate_amounts_round_half_away_from_zero_to_the_fen()
    {
        var result = SubsidyCalculator.Compute(Rules(rate: 0.3m), [Claim(1, 0.05m), Claim(2, 1.15m)]);
        Assert.Equal(0.02m, result.Lines[0].RateAmount);  // 0.015 → 0.02
        Assert.Equal(0.35m, result.Lines[1].RateAmount);  // 0.345 → 0.35
    }

    [Fact]
    public void Over_budget_in_decision_order_pays_the_earliest_approvals_first()
    {
        var result = SubsidyCalculator.Compute(Rules(budget: 500_000m, rule: AllocationRule.DecisionOrder), [Claim(2, 1_000_000), Claim(1, 1_000_000), Claim(3, 1_000_000)]);
        Assert.Equal([200_000m, 300_000m, 0m], result.Lines.Select(l => l.Allocated)); // W1 (order 1) in full, W2 the rest, W3 nothing
        Assert.Equal(500_000m, result.TotalAllocated);
        Assert.Equal(1m, result.Factor);
    }

    [Fact]
    public void No_eligible_warehouses_means_nothing_allocated()
    {
        var result = SubsidyCalculator.Compute(Rules(), []);
        Assert.Empty(result.Lines);
        Assert.Equal(0m, result.TotalAllocated);
        Assert.False(result.OverBudget);
    }
}
