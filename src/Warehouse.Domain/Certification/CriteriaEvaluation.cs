using System.Globalization;

namespace Warehouse.Domain.Certification;

public enum CriterionOutcome { Pass, Fail, NeedsReview }

/// <summary>Where the actual value of a criterion came from: the applicant's word, or the platform's own data.</summary>
public enum FactSource { Declared, Verified }

/// <summary>What the applicant states (with attachments as evidence); the bureau checks it.</summary>
public sealed record DeclaredFacts(
    decimal YearsRegisteredInProvince, decimal YearsOperatingOverseas, decimal EquityPercent, string? OdiCertificateNumber,
    bool NoSeriousViolations, int Staff, int? ServedEnterprises, IReadOnlyList<string> Services, bool HasWms, string? WmsName);

/// <summary>
/// What the platform knows itself, counted when the application is submitted. <see cref="WmsConnected"/> is null when
/// no feed evidence exists either way (no connected feed), so a declared WMS can only be reviewed, not verified.
/// </summary>
public sealed record VerifiedFacts(int ServedEnterprises, IReadOnlyList<string> Services, bool? WmsConnected, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2);

/// <summary>One criterion's result: actual vs threshold, as values and as text for the reviewer.</summary>
public sealed record CriterionResult(string Criterion, CriterionOutcome Outcome, string Actual, string Threshold, FactSource Source, string Note);

public sealed record Evaluation(CriterionOutcome Overall, IReadOnlyList<CriterionResult> Criteria);

/// <summary>
/// The automatic evaluation of an application against a programme version's criteria. Pure: the same facts and
/// criteria give the same result. Overall is fail when any criterion fails, needs review when any needs review,
/// else pass. Declared numbers are compared as stated (the attachments are the evidence the bureau checks); a fact
/// the platform can count (served enterprises, services) passes on the platform's figure, and where only the
/// applicant's larger figure meets the threshold it needs review rather than failing.
/// </summary>
public static class CriteriaEvaluation
{
    public const string YearsRegistered = "yearsRegisteredInProvince";
    public const string YearsOverseas = "yearsOperatingOverseas";
    public const string Equity = "equityPercent";
    public const string Odi = "odiCertificate";
    public const string NoViolations = "noSeriousViolations";
    public const string ServedEnterprises = "servedEnterprises";
    public const string Wms = "wms";
    public const string ServiceCoverage = "serviceCoverage";

    public static readonly IReadOnlyList<string> All = [YearsRegistered, YearsOverseas, Equity, Odi, NoViolations, ServedEnterprises, Wms, ServiceCoverage];

    public static Evaluation Evaluate(CertificationCriteria criteria, DeclaredFacts declared, VerifiedFacts verified)
    {
        var results = new List<CriterionResult>
        {
            AtLeast(YearsRegistered, declared.YearsRegisteredInProvince, criteria.MinYearsRegisteredInProvince, "years"),
            AtLeast(YearsOverseas, declared.YearsOperatingOverseas, criteria.MinYearsOperatingOverseas, "years"),
            declared.EquityPercent > criteria.MinEquityPercentExclusive
                ? new(Equity, CriterionOutcome.Pass, $"{N(declared.EquityPercent)} %", $"> {N(criteria.MinEquityPercentExclusive)} %", FactSource.Declared, "Declared; check the shareholding evidence.")
                : new(Equity, CriterionOutcome.Fail, $"{N(declared.EquityPercent)} %", $"> {N(criteria.MinEquityPercentExclusive)} %", FactSource.Declared, "Equity must be strictly more than the threshold."),
            Odi_(criteria, declared),
            NoViolations_(criteria, declared),
            Served(criteria, declared, verified),
            Wms_(criteria, declared, verified),
            Services(criteria, declared, verified),
        };
        var overall = results.Any(r => r.Outcome == CriterionOutcome.Fail) ? CriterionOutcome.Fail
            : results.Any(r => r.Outcome == CriterionOutcome.NeedsReview) ? CriterionOutcome.NeedsReview
            : CriterionOutcome.Pass;
        return new Evaluation(overall, results);
    }

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static CriterionResult AtLeast(string criterion, decimal actual, decimal threshold, string unit)
        => new(criterion, actual >= threshold ? CriterionOutcome.Pass : CriterionOutcome.Fail, $"{N(actual)} {unit}", $"≥ {N(threshold)} {unit}",
            FactSource.Declared, actual >= threshold ? "Declared; check the registration evidence." : "Below the threshold.");

    private static CriterionResult Odi_(CertificationCriteria criteria, DeclaredFacts declared)
    {
        var has = !string.IsNullOrWhiteSpace(declared.OdiCertificateNumber);
        var actual = has ? declared.OdiCertificateNumber! : "none";
        if (!criteria.OdiCertificateRequired) return new(Odi, CriterionOutcome.Pass, actual, "not required", FactSource.Declared, "Not required by this programme.");
        return has
            ? new(Odi, CriterionOutcome.Pass, actual, "required", FactSource.Declared, "Declared; check the certificate or filing attached.")
            : new(Odi, CriterionOutcome.Fail, actual, "required", FactSource.Declared, "No outbound-investment certificate or filing number given.");
    }

    private static CriterionResult NoViolations_(CertificationCriteria criteria, DeclaredFacts declared)
    {
        var actual = declared.NoSeriousViolations ? "none declared" : "violations declared";
        if (!criteria.NoSeriousViolationsRequired) return new(NoViolations, CriterionOutcome.Pass, actual, "not required", FactSource.Declared, "Not required by this programme.");
        return declared.NoSeriousViolations
            ? new(NoViolations, CriterionOutcome.Pass, actual, "none in the last 2 years", FactSource.Declared, "Self-declared; the bureau may override it on its own records.")
            : new(NoViolations, CriterionOutcome.Fail, actual, "none in the last 2 years", FactSource.Declared, "The applicant declares serious violations.");
    }

    private static CriterionResult Served(CertificationCriteria criteria, DeclaredFacts declared, VerifiedFacts verified)
    {
        var threshold = $"≥ {criteria.MinServedEnterprises}";
        var actual = declared.ServedEnterprises is { } d && d != verified.ServedEnterprises
            ? $"{verified.ServedEnterprises} on the platform; {d} declared"
            : $"{verified.ServedEnterprises} on the platform";
        if (verified.ServedEnterprises >= criteria.MinServedEnterprises)
            return new(ServedEnterprises, CriterionOutcome.Pass, actual, threshold, FactSource.Verified, "Counted from completed bookings on the platform.");
        if (declared.ServedEnterprises is { } declaredCount && declaredCount >= criteria.MinServedEnterprises)
            return new(ServedEnterprises, CriterionOutcome.NeedsReview, actual, threshold, FactSource.Declared,
                "Only the declared figure (which includes customers off the platform) meets the threshold: check the customer list.");
        return new(ServedEnterprises, CriterionOutcome.Fail, actual, threshold, FactSource.Verified, "Below the threshold.");
    }

    private static CriterionResult Wms_(CertificationCriteria criteria, DeclaredFacts declared, VerifiedFacts verified)
    {
        var actual = verified.WmsConnected == true ? "connected feed" : declared.HasWms ? $"declared{(declared.WmsName is { } n ? $": {n}" : "")}" : "none";
        if (!criteria.WmsRequired) return new(Wms, CriterionOutcome.Pass, actual, "not required", FactSource.Declared, "Not required by this programme.");
        if (verified.WmsConnected == true) return new(Wms, CriterionOutcome.Pass, actual, "required", FactSource.Verified, "A WMS feed is connected to the platform.");
        if (declared.HasWms) return new(Wms, CriterionOutcome.NeedsReview, actual, "required", FactSource.Declared, "Declared but not connected to the platform: check the system's evidence.");
        return new(Wms, CriterionOutcome.Fail, actual, "required", FactSource.Declared, "No warehouse management system.");
    }

    private static CriterionResult Services(CertificationCriteria criteria, DeclaredFacts declared, VerifiedFacts verified)
    {
        var required = criteria.RequiredServices;
        var threshold = required.Count == 0 ? "none required" : "all of " + string.Join(", ", required);
        var onPlatform = required.Where(verified.Services.Contains).ToList();
        var onlyDeclared = required.Where(s => !verified.Services.Contains(s) && declared.Services.Contains(s)).ToList();
        var missing = required.Where(s => !verified.Services.Contains(s) && !declared.Services.Contains(s)).ToList();
        var actual = $"on the platform: {(verified.Services.Count == 0 ? "none" : string.Join(", ", verified.Services))}"
            + (onlyDeclared.Count > 0 ? $"; declared only: {string.Join(", ", onlyDeclared)}" : "");
        if (missing.Count > 0)
            return new(ServiceCoverage, CriterionOutcome.Fail, actual, threshold, FactSource.Verified, "Missing: " + string.Join(", ", missing));
        if (onlyDeclared.Count > 0)
            return new(ServiceCoverage, CriterionOutcome.NeedsReview, actual, threshold, FactSource.Declared,
                "Declared but not offered on the platform: " + string.Join(", ", onlyDeclared));
        return new(ServiceCoverage, CriterionOutcome.Pass, actual, threshold, FactSource.Verified, "Offered at this warehouse on the platform.");
    }
}
