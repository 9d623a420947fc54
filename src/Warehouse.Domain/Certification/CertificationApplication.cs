using System.Globalization;
using System.Text;

namespace Warehouse.Domain.Certification;

public enum ApplicationStatus { Draft, Submitted, MoreInfoRequested, Approved, Rejected }

/// <summary>The bureau's answer to one submission round of an application.</summary>
public enum DecisionKind { Approve, Reject, RequestMoreInfo }

/// <summary>One line of declared construction investment: amount in CNY and the invoice/contract it rests on.</summary>
public sealed record InvestmentLine(InvestmentCategory Category, decimal AmountCny, string Reference, string? Description)
{
    /// <summary>
    /// The reference as compared for double claims: NFC, upper case, without whitespace or the usual separators, so
    /// "inv-2025 001" and "INV2025001" are the same invoice.
    /// </summary>
    public string ReferenceKey => Key(Reference);

    public static string Key(string reference)
    {
        var builder = new StringBuilder();
        foreach (var c in reference.Normalize(NormalizationForm.FormKC).ToUpperInvariant())
            if (!char.IsWhiteSpace(c) && c is not ('-' or '_' or '/' or '.' or '#')) builder.Append(c);
        return builder.ToString();
    }

    public static InvestmentLine Create(InvestmentCategory? category, decimal? amount, string? reference, string? description, string field)
    {
        if (category is null) throw new DomainException("investment.category", "Give the category: equipment, lease, renovation, it or other.", $"{field}.category");
        if (amount is not { } a || a <= 0 || a > 10_000_000_000m)
            throw new DomainException("investment.amount", "A positive amount in CNY up to 10 billion.", $"{field}.amountCny");
        if (decimal.Round(a, 2) != a) throw new DomainException("money.fen", "Amounts are in CNY with at most 2 decimals (fen).", $"{field}.amountCny");
        var text = DomainText.Required(reference, $"{field}.reference", 100);
        if (Key(text).Length == 0) throw new DomainException("investment.reference", "The invoice or contract number needs letters or digits.", $"{field}.reference");
        return new InvestmentLine(category.Value, a, text, DomainText.Optional(description, $"{field}.description", 500));
    }
}

/// <summary>
/// An operator's application (申请) to certify one of its warehouses as a public overseas warehouse under one programme.
/// Invariants: only a draft or an application sent back for more information can be amended or submitted; submitting
/// needs the commitment declaration signed and accepted and starts a new submission round; only a submitted
/// application can be decided, once per round (also a database constraint).
/// </summary>
public sealed class CertificationApplication : ITenantOwned, IAudited
{
    public Guid TenantId { get; private set; }
    public Guid Id { get; private set; }
    public Guid ProgrammeId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public ApplicationStatus Status { get; private set; }
    /// <summary>The warehouse as described when the application was last saved, so the bureau reviews what was submitted.</summary>
    public string WarehouseNameZh { get; private set; } = "";
    public string? WarehouseNameEn { get; private set; }
    public string WarehouseCountryCode { get; private set; } = "";
    public string WarehouseCity { get; private set; } = "";
    /// <summary>0 while a draft; 1 after the first submission, +1 at each resubmission.</summary>
    public int SubmissionRound { get; private set; }

    public decimal YearsRegisteredInProvince { get; private set; }
    public decimal YearsOperatingOverseas { get; private set; }
    public decimal EquityPercent { get; private set; }
    public string? OdiCertificateNumber { get; private set; }
    public bool NoSeriousViolations { get; private set; }
    public int Staff { get; private set; }
    public int? ServedEnterprisesDeclared { get; private set; }
    public List<string> ServicesDeclared { get; private set; } = [];
    public bool HasWms { get; private set; }
    public string? WmsName { get; private set; }
    public string? CommitmentSignedName { get; private set; }
    public bool CommitmentAccepted { get; private set; }

    /// <summary>The platform's facts (JSON) as counted at the last submission, and the evaluation made with them.</summary>
    public string? VerifiedFactsJson { get; private set; }
    public string? EvaluationJson { get; private set; }
    public CriterionOutcome? EvaluationOutcome { get; private set; }
    /// <summary>The programme version the last evaluation used.</summary>
    public int? EvaluatedProgrammeVersion { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    /// <summary>Last amended (every amendment writes the row, so a stale version is always caught).</summary>
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>Optimistic concurrency token (xmin).</summary>
    public uint Version { get; private set; }

    private CertificationApplication() { }

    public static CertificationApplication Start(Guid tenantId, Guid programmeId, Guid warehouseId, DeclaredFacts facts, Commitment commitment, Guid by, DateTimeOffset now)
    {
        var application = new CertificationApplication
        {
            TenantId = tenantId, Id = Guid.CreateVersion7(now), ProgrammeId = programmeId, WarehouseId = warehouseId,
            Status = ApplicationStatus.Draft, CreatedAt = now, CreatedBy = by,
        };
        application.Amend(facts, commitment, now);
        return application;
    }

    public bool IsEditable => Status is ApplicationStatus.Draft or ApplicationStatus.MoreInfoRequested;

    public void Amend(DeclaredFacts facts, Commitment commitment, DateTimeOffset now)
    {
        if (!IsEditable) throw new DomainException("application.notEditable", $"An application that is {Status} cannot be changed.", "status");
        YearsRegisteredInProvince = facts.YearsRegisteredInProvince;
        YearsOperatingOverseas = facts.YearsOperatingOverseas;
        EquityPercent = facts.EquityPercent;
        OdiCertificateNumber = facts.OdiCertificateNumber;
        NoSeriousViolations = facts.NoSeriousViolations;
        Staff = facts.Staff;
        ServedEnterprisesDeclared = facts.ServedEnterprises;
        ServicesDeclared = facts.Services.Distinct().Order(StringComparer.Ordinal).ToList();
        HasWms = facts.HasWms;
        WmsName = facts.WmsName;
        CommitmentSignedName = commitment.SignedName;
        CommitmentAccepted = commitment.Accepted;
        UpdatedAt = now;
    }

    public void DescribeWarehouse(string nameZh, string? nameEn, string countryCode, string city)
        => (WarehouseNameZh, WarehouseNameEn, WarehouseCountryCode, WarehouseCity) = (nameZh, nameEn, countryCode, city);

    public DeclaredFacts Declared => new(YearsRegisteredInProvince, YearsOperatingOverseas, EquityPercent, OdiCertificateNumber,
        NoSeriousViolations, Staff, ServedEnterprisesDeclared, ServicesDeclared, HasWms, WmsName);

    public void Submit(int programmeVersion, string verifiedFactsJson, string evaluationJson, CriterionOutcome outcome, DateTimeOffset now)
    {
        if (!IsEditable) throw new DomainException("application.notSubmittable", $"An application that is {Status} cannot be submitted.", "status");
        if (!CommitmentAccepted || string.IsNullOrWhiteSpace(CommitmentSignedName))
            throw new DomainException("commitment.required", "Sign the commitment declaration (name and acceptance) before submitting.", "commitment");
        Status = ApplicationStatus.Submitted;
        SubmissionRound++;
        SubmittedAt = now;
        VerifiedFactsJson = verifiedFactsJson;
        EvaluationJson = evaluationJson;
        EvaluationOutcome = outcome;
        EvaluatedProgrammeVersion = programmeVersion;
    }

    public void Decide(DecisionKind decision, DateTimeOffset now)
    {
        if (Status != ApplicationStatus.Submitted)
            throw new DomainException("application.notSubmitted", $"Only a submitted application can be decided; this one is {Status}.", "status");
        Status = decision switch
        {
            DecisionKind.Approve => ApplicationStatus.Approved,
            DecisionKind.Reject => ApplicationStatus.Rejected,
            _ => ApplicationStatus.MoreInfoRequested,
        };
        DecidedAt = now;
    }
}

/// <summary>The signed commitment declaration (承诺书): the signatory's name and their acceptance of its text.</summary>
public sealed record Commitment(string? SignedName, bool Accepted);

/// <summary>A certificate number: SZ-PW-{year}-{M|P}-{sequence:0000}, e.g. SZ-PW-2026-M-0001 (市级) or SZ-PW-2026-P-0003 (省级).</summary>
public static class CertificateNumber
{
    public static string Format(int year, CertificationLevel level, int sequence)
        => string.Create(CultureInfo.InvariantCulture, $"SZ-PW-{year}-{(level == CertificationLevel.Municipal ? 'M' : 'P')}-{sequence:0000}");

    /// <summary>Valid from the day of approval for <paramref name="years"/> years: the last valid day is the day before the anniversary.</summary>
    public static DateOnly ValidUntil(DateOnly from, int years) => from.AddYears(years).AddDays(-1);
}
