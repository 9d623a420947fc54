using Warehouse.Domain.Certification;

namespace Warehouse.Domain.Tests.Certification;

public sealed class CriteriaEvaluationTests
{
    private static readonly CertificationCriteria Defaults = CertificationCriteria.Defaults;
    private static readonly string[] AllServices = ["afterSalesRepair", "consolidationTransfer", "dropShipping", "returnsRelabel"];

    /// <summary>An application that passes every default criterion; each case changes one fact.</summary>
    private static DeclaredFacts Good => new(3, 3, 100, "ODI-3200-2024-001", true, 25, 80, AllServices, true, "Acme WMS");
    private static VerifiedFacts GoodVerified => new(60, AllServices, true, 5000, 4000, 0);

    private static CriterionResult Result(string criterion, DeclaredFacts declared, VerifiedFacts verified, CertificationCriteria? criteria = null)
        => CriteriaEvaluation.Evaluate(criteria ?? Defaults, declared, verified).Criteria.Single(c => c.Criterion == criterion);

    public static TheoryData<string, decimal, CriterionOutcome> Numbers => new()
    {
        // Years registered in the province: ≥ 2 by default.
        { CriteriaEvaluation.YearsRegistered, 2m, CriterionOutcome.Pass },     // exactly at the threshold
        { CriteriaEvaluation.YearsRegistered, 1.9m, CriterionOutcome.Fail },
        { CriteriaEvaluation.YearsRegistered, 0m, CriterionOutcome.Fail },
        { CriteriaEvaluation.YearsRegistered, 10m, CriterionOutcome.Pass },
        // Years operating overseas: ≥ 2 by default.
        { CriteriaEvaluation.YearsOverseas, 2m, CriterionOutcome.Pass },
        { CriteriaEvaluation.YearsOverseas, 1.9m, CriterionOutcome.Fail },
        // Equity: strictly more than 50 %.
        { CriteriaEvaluation.Equity, 50m, CriterionOutcome.Fail },             // exactly 50 % is not "more than half"
        { CriteriaEvaluation.Equity, 50.01m, CriterionOutcome.Pass },
        { CriteriaEvaluation.Equity, 49.99m, CriterionOutcome.Fail },
        { CriteriaEvaluation.Equity, 100m, CriterionOutcome.Pass },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Declared_numbers_are_compared_with_the_threshold_edges_included(string criterion, decimal value, CriterionOutcome expected)
    {
        var declared = criterion switch
        {
            CriteriaEvaluation.YearsRegistered => Good with { YearsRegisteredInProvince = value },
            CriteriaEvaluation.YearsOverseas => Good with { YearsOperatingOverseas = value },
            _ => Good with { EquityPercent = value },
        };
        var result = Result(criterion, declared, GoodVerified);
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(FactSource.Declared, result.Source);
    }

    public static TheoryData<int, int?, CriterionOutcome, FactSource> Served => new()
    {
        // platform count, declared count → outcome: the platform's figure decides; the declared one can only send it to review.
        { 50, null, CriterionOutcome.Pass, FactSource.Verified },   // exactly 50
        { 49, null, CriterionOutcome.Fail, FactSource.Verified },
        { 49, 49, CriterionOutcome.Fail, FactSource.Verified },
        { 49, 50, CriterionOutcome.NeedsReview, FactSource.Declared },
        { 0, 500, CriterionOutcome.NeedsReview, FactSource.Declared },
        { 60, 10, CriterionOutcome.Pass, FactSource.Verified },      // a lower declaration does not undo the platform's count
    };

    [Theory]
    [MemberData(nameof(Served))]
    public void Served_enterprises_pass_on_the_platform_count_and_need_review_on_a_declaration_alone(int platform, int? declared, CriterionOutcome expected, FactSource source)
    {
        var result = Result(CriteriaEvaluation.ServedEnterprises, Good with { ServedEnterprises = declared }, GoodVerified with { ServedEnterprises = platform });
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(source, result.Source);
        Assert.Equal("≥ 50", result.Threshold);
        Assert.StartsWith($"{platform} on the platform", result.Actual);
    }

    public static TheoryData<bool?, bool, bool, CriterionOutcome> Wms => new()
    {
        // feed evidence, declared, required → outcome
        { true, false, true, CriterionOutcome.Pass },
        { null, true, true, CriterionOutcome.NeedsReview },   // today: no feeds, a declared WMS is reviewed
        { false, true, true, CriterionOutcome.NeedsReview },
        { null, false, true, CriterionOutcome.Fail },
        { null, false, false, CriterionOutcome.Pass },
    };

    [Theory]
    [MemberData(nameof(Wms))]
    public void A_wms_passes_only_on_feed_evidence(bool? connected, bool declared, bool required, CriterionOutcome expected)
        => Assert.Equal(expected, Result(CriteriaEvaluation.Wms, Good with { HasWms = declared }, GoodVerified with { WmsConnected = connected },
            Defaults with { WmsRequired = required }).Outcome);

    public static TheoryData<string[], string[], CriterionOutcome> Services => new()
    {
        // on the platform, declared → outcome
        { AllServices, [], CriterionOutcome.Pass },
        { ["dropShipping", "consolidationTransfer", "afterSalesRepair"], ["returnsRelabel"], CriterionOutcome.NeedsReview },
        { ["dropShipping", "consolidationTransfer", "afterSalesRepair"], [], CriterionOutcome.Fail },
        { [], AllServices, CriterionOutcome.NeedsReview },
        { ["fulfilment"], ["fulfilment"], CriterionOutcome.Fail },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_coverage_needs_every_required_service(string[] platform, string[] declared, CriterionOutcome expected)
    {
        var result = Result(CriteriaEvaluation.ServiceCoverage, Good with { Services = declared }, GoodVerified with { Services = platform });
        Assert.Equal(expected, result.Outcome);
        if (expected == CriterionOutcome.Fail) Assert.StartsWith("Missing: ", result.Note);
    }

    [Theory]
    [InlineData("ODI-1", true, CriterionOutcome.Pass)]
    [InlineData(null, true, CriterionOutcome.Fail)]
    [InlineData("  ", true, CriterionOutcome.Fail)]
    [InlineData(null, false, CriterionOutcome.Pass)]
    public void An_odi_certificate_number_is_required_when_the_programme_says_so(string? number, bool required, CriterionOutcome expected)
        => Assert.Equal(expected, Result(CriteriaEvaluation.Odi, Good with { OdiCertificateNumber = number }, GoodVerified,
            Defaults with { OdiCertificateRequired = required }).Outcome);

    [Theory]
    [InlineData(true, true, CriterionOutcome.Pass)]
    [InlineData(false, true, CriterionOutcome.Fail)]
    [InlineData(false, false, CriterionOutcome.Pass)]
    public void Serious_violations_are_self_declared(bool none, bool required, CriterionOutcome expected)
        => Assert.Equal(expected, Result(CriteriaEvaluation.NoViolations, Good with { NoSeriousViolations = none }, GoodVerified,
            Defaults with { NoSeriousViolationsRequired = required }).Outcome);

    [Fact]
    public void Overall_is_fail_over_review_over_pass_and_every_criterion_is_reported_with_actual_and_threshold()
    {
        var pass = CriteriaEvaluation.Evaluate(Defaults, Good, GoodVerified);
        Assert.Equal(CriterionOutcome.Pass, pass.Overall);
        Assert.Equal(CriteriaEvaluation.All, pass.Criteria.Select(c => c.Criterion));
        Assert.All(pass.Criteria, c => { Assert.NotEmpty(c.Actual); Assert.NotEmpty(c.Threshold); });

        var review = CriteriaEvaluation.Evaluate(Defaults, Good, GoodVerified with { WmsConnected = null });
        Assert.Equal(CriterionOutcome.NeedsReview, review.Overall);

        var fail = CriteriaEvaluation.Evaluate(Defaults, Good with { EquityPercent = 50 }, GoodVerified with { WmsConnected = null });
        Assert.Equal(CriterionOutcome.Fail, fail.Overall);
        var equity = fail.Criteria.Single(c => c.Criterion == CriteriaEvaluation.Equity);
        Assert.Equal("50 %", equity.Actual);
        Assert.Equal("> 50 %", equity.Threshold);
    }

    [Fact]
    public void Thresholds_come_from_the_programme_not_from_the_code()
    {
        var fujian = Defaults with { MinYearsRegisteredInProvince = 1, MinYearsOperatingOverseas = 1, MinServedEnterprises = 10 };
        var facts = Good with { YearsRegisteredInProvince = 1, YearsOperatingOverseas = 1 };
        var verified = GoodVerified with { ServedEnterprises = 10 };
        Assert.Equal(CriterionOutcome.Fail, CriteriaEvaluation.Evaluate(Defaults, facts, verified).Overall);
        Assert.Equal(CriterionOutcome.Pass, CriteriaEvaluation.Evaluate(fujian, facts, verified).Overall);
    }

    [Theory]
    [InlineData(2019, 0.3, 1000, 10000, 3, "year")]
    [InlineData(2026, 0, 1000, 10000, 3, "subsidyRate")]
    [InlineData(2026, 1.5, 1000, 10000, 3, "subsidyRate")]
    [InlineData(2026, 0.3, 0, 10000, 3, "capPerWarehouseCny")]
    [InlineData(2026, 0.3, 1000.001, 10000, 3, "capPerWarehouseCny")]
    [InlineData(2026, 0.3, 1000, -1, 3, "budgetCny")]
    [InlineData(2026, 0.3, 1000, 10000, 0, "certificateValidityYears")]
    public void Programme_terms_refuse_bad_values_naming_the_field(int year, double rate, double cap, double budget, int validity, string field)
    {
        var e = Assert.Throws<DomainException>(() => ProgrammeTerms.Create(year, CertificationLevel.Municipal, "2026年市级公共海外仓", null,
            new(2026, 1, 1), new(2026, 12, 31), Defaults, ProgrammeTerms.DefaultCategories, (decimal)rate, (decimal)cap, (decimal)budget,
            AllocationRule.ProRata, validity, AllServices));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Criteria_refuse_unknown_services_and_equity_of_100_percent_or_more()
    {
        Assert.Equal("criteria.requiredServices[1]", Assert.Throws<DomainException>(() =>
            (Defaults with { RequiredServices = ["dropShipping", "teleportation"] }).Validated(AllServices)).Field);
        Assert.Equal("criteria.minEquityPercentExclusive", Assert.Throws<DomainException>(() =>
            (Defaults with { MinEquityPercentExclusive = 100 }).Validated(AllServices)).Field);
    }

    [Theory]
    [InlineData("INV-2025 001", "INV2025001")]
    [InlineData("inv/2025.001", "INV2025001")]
    [InlineData("ＩＮＶ２０２５００１", "INV2025001")] // full-width characters, as typed with a Chinese input method
    public void Investment_references_compare_without_case_spacing_or_separators(string reference, string key)
        => Assert.Equal(key, InvestmentLine.Key(reference));

    [Fact]
    public void Certificate_numbers_and_validity_follow_the_format()
    {
        Assert.Equal("SZ-PW-2026-M-0001", CertificateNumber.Format(2026, CertificationLevel.Municipal, 1));
        Assert.Equal("SZ-PW-2026-P-0123", CertificateNumber.Format(2026, CertificationLevel.Provincial, 123));
        Assert.Equal(new DateOnly(2029, 11, 26), CertificateNumber.ValidUntil(new DateOnly(2026, 11, 27), 3));
    }
}
