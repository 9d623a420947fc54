namespace Warehouse.Domain.Certification;

/// <summary>Level of a public overseas warehouse programme (公共海外仓): municipal (市级) or provincial (省级).</summary>
public enum CertificationLevel { Municipal, Provincial }

/// <summary>Kinds of construction investment an application declares; a programme names which of them its subsidy covers.</summary>
public enum InvestmentCategory { Equipment, Lease, Renovation, It, Other }

/// <summary>
/// How a programme shares its budget when the warehouses' capped amounts add up to more than it:
/// <see cref="ProRata"/> scales every amount by budget ÷ total requested (the default);
/// <see cref="DecisionOrder"/> pays in order of approval until the budget runs out (the last one partly).
/// </summary>
public enum AllocationRule { ProRata, DecisionOrder }

/// <summary>
/// A programme's criteria with their thresholds. Suzhou's own thresholds are not public, so every one is editable;
/// <see cref="Defaults"/> follows the peer provinces' programmes listed in DOMAIN.md (the stricter Guangdong years).
/// Equity must be strictly greater than <see cref="MinEquityPercentExclusive"/> (50 % exactly fails "more than 50 %").
/// </summary>
public sealed record CertificationCriteria(
    decimal MinYearsRegisteredInProvince,
    decimal MinYearsOperatingOverseas,
    decimal MinEquityPercentExclusive,
    bool OdiCertificateRequired,
    bool NoSeriousViolationsRequired,
    int MinServedEnterprises,
    bool WmsRequired,
    IReadOnlyList<string> RequiredServices)
{
    /// <summary>Shenzhen's service coverage: one-piece drop-ship, consolidation/transfer, repair/QC, returns/relabel.</summary>
    public static readonly IReadOnlyList<string> DefaultServices = ["dropShipping", "consolidationTransfer", "afterSalesRepair", "returnsRelabel"];

    public static readonly CertificationCriteria Defaults = new(2, 2, 50, true, true, 50, true, DefaultServices);

    /// <summary>Checks ranges; <paramref name="knownServices"/> is the service catalogue's codes.</summary>
    public CertificationCriteria Validated(IReadOnlyCollection<string> knownServices, string prefix = "criteria")
    {
        if (MinYearsRegisteredInProvince is < 0 or > 100)
            throw new DomainException("criteria.range", "Between 0 and 100 years.", $"{prefix}.minYearsRegisteredInProvince");
        if (MinYearsOperatingOverseas is < 0 or > 100)
            throw new DomainException("criteria.range", "Between 0 and 100 years.", $"{prefix}.minYearsOperatingOverseas");
        if (MinEquityPercentExclusive is < 0 or >= 100)
            throw new DomainException("criteria.range", "A percentage from 0 to below 100 (equity must exceed it).", $"{prefix}.minEquityPercentExclusive");
        if (MinServedEnterprises is < 0 or > 1_000_000)
            throw new DomainException("criteria.range", "Between 0 and 1,000,000 enterprises.", $"{prefix}.minServedEnterprises");
        var services = (RequiredServices ?? []).Select(s => s?.Trim() ?? "").ToList();
        for (var i = 0; i < services.Count; i++)
            if (!knownServices.Contains(services[i]))
                throw new DomainException("criteria.unknownService", $"'{services[i]}' is not a service type (see /api/reference/service-types).", $"{prefix}.requiredServices[{i}]");
        return this with
        {
            MinYearsRegisteredInProvince = decimal.Round(MinYearsRegisteredInProvince, 1),
            MinYearsOperatingOverseas = decimal.Round(MinYearsOperatingOverseas, 1),
            MinEquityPercentExclusive = decimal.Round(MinEquityPercentExclusive, 2),
            RequiredServices = services.Distinct().Order(StringComparer.Ordinal).ToList(),
        };
    }
}

/// <summary>
/// Everything a programme version says: who may apply when, against which criteria, and how the subsidy is computed.
/// Invariants: the window closes on or after it opens; the rate is a fraction in (0, 1]; cap and budget are positive
/// amounts in whole fen; at least one eligible investment category; a certificate is valid 1–10 years.
/// </summary>
public sealed record ProgrammeTerms(
    int Year, CertificationLevel Level, string NameZh, string? NameEn, DateOnly OpensOn, DateOnly ClosesOn,
    CertificationCriteria Criteria, IReadOnlyList<InvestmentCategory> EligibleCategories,
    decimal SubsidyRate, decimal CapPerWarehouseCny, decimal BudgetCny, AllocationRule AllocationRule, int CertificateValidityYears)
{
    public static readonly IReadOnlyList<InvestmentCategory> DefaultCategories = [InvestmentCategory.Equipment, InvestmentCategory.Renovation, InvestmentCategory.It];
    public const int DefaultValidityYears = 3;

    public static ProgrammeTerms Create(
        int year, CertificationLevel level, string? nameZh, string? nameEn, DateOnly opensOn, DateOnly closesOn,
        CertificationCriteria criteria, IReadOnlyList<InvestmentCategory> categories, decimal rate, decimal cap, decimal budget,
        AllocationRule rule, int validityYears, IReadOnlyCollection<string> knownServices)
    {
        if (year is < 2020 or > 2100) throw new DomainException("programme.year", "A year between 2020 and 2100.", "year");
        if (closesOn < opensOn) throw new DomainException("programme.window", "The application window cannot close before it opens.", "closesOn");
        if (rate is <= 0 or > 1) throw new DomainException("programme.rate", "The subsidy rate is a fraction above 0 and at most 1 (0.3 = 30 %).", "subsidyRate");
        if (decimal.Round(rate, 4) != rate) throw new DomainException("programme.rate", "At most 4 decimals (0.3, 0.25, 0.1234).", "subsidyRate");
        CheckMoney(cap, "capPerWarehouseCny");
        CheckMoney(budget, "budgetCny");
        if (categories.Count == 0) throw new DomainException("programme.categories", "Name at least one eligible investment category.", "eligibleCategories");
        if (validityYears is < 1 or > 10) throw new DomainException("programme.validity", "A certificate is valid 1 to 10 years.", "certificateValidityYears");
        return new ProgrammeTerms(year, level, DomainText.Required(nameZh, "nameZh", 200), DomainText.Optional(nameEn, "nameEn", 200),
            opensOn, closesOn, criteria.Validated(knownServices), categories.Distinct().Order().ToList(), rate, cap, budget, rule, validityYears);
    }

    private static void CheckMoney(decimal amount, string field)
    {
        if (amount <= 0 || amount > 100_000_000_000m) throw new DomainException("money.range", "A positive amount in CNY up to 100 billion.", field);
        if (decimal.Round(amount, 2) != amount) throw new DomainException("money.fen", "Amounts are in CNY with at most 2 decimals (fen).", field);
    }

    /// <summary>Applications are accepted from <see cref="OpensOn"/> to <see cref="ClosesOn"/>, both inclusive, in Suzhou's calendar.</summary>
    public bool IsOpenOn(DateOnly day) => day >= OpensOn && day <= ClosesOn;
}
