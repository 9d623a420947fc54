using System.Text.Json;

namespace Warehouse.Web.Contracts;

// The operator's side of certification (programmes open to it, its applications, attachments, decisions, certificates),
// mirrored from Warehouse.Api's Features/Certification (ApplicationViews, Applications, Programmes). Request records carry
// exactly the members the API accepts.

public enum ApplicationStatus { Draft, Submitted, MoreInfoRequested, Approved, Rejected }

public enum CertificationLevel { Municipal, Provincial }

public enum InvestmentCategory { Equipment, Lease, Renovation, It, Other }

public enum CriterionOutcome { Pass, Fail, NeedsReview }

public enum FactSource { Declared, Verified }

public enum AttachmentKind { BusinessLicence, Lease, OdiCertificate, CommitmentLetter, Shareholding, Other }

public enum DecisionAction { Approve, Reject, RequestMoreInfo, Revoke }

public sealed record CertificationCriteria(
    decimal MinYearsRegisteredInProvince, decimal MinYearsOperatingOverseas, decimal MinEquityPercentExclusive,
    bool OdiCertificateRequired, bool NoSeriousViolationsRequired, int MinServedEnterprises, bool WmsRequired,
    IReadOnlyList<string> RequiredServices);

/// <summary>A programme as <c>GET /api/certification/programmes/open</c> shows it (the members the operator's pages use).</summary>
public sealed record OpenProgramme(
    Guid Id, int Version, int Year, CertificationLevel Level, string NameZh, string? NameEn, DateOnly OpensOn, DateOnly ClosesOn,
    CertificationCriteria Criteria, IReadOnlyList<InvestmentCategory> EligibleCategories, decimal SubsidyRate, decimal CapPerWarehouseCny,
    int CertificateValidityYears);

public sealed record ProgrammeRef(Guid Id, int Year, CertificationLevel Level, string NameZh, string? NameEn, int LatestVersion);

public sealed record ApplicationWarehouseRef(Guid Id, string NameZh, string? NameEn, string CountryCode, string City);

public sealed record InvestmentItemView(InvestmentCategory Category, decimal AmountCny, string Reference, string? Description, bool Claimed);

public sealed record CategoryTotal(InvestmentCategory Category, decimal AmountCny);

public sealed record CommitmentView(string? SignedName, bool Accepted);

public sealed record PlatformFactsView(bool Verified, DateOnly CountedOn, bool Live, int ServedEnterprises, IReadOnlyList<string> Services,
    bool? WmsConnected, string WmsEvidence, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2);

public sealed record CriterionResult(string Criterion, CriterionOutcome Outcome, string Actual, string Threshold, FactSource Source, string Note);

public sealed record EvaluationView(CriterionOutcome Overall, int ProgrammeVersion, IReadOnlyList<CriterionResult> Criteria);

public sealed record AttachmentView(Guid Id, AttachmentKind Kind, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record DecisionView(Guid Id, DecisionAction Action, int SubmissionRound, string Reason, string OfficerName, DateTimeOffset DecidedAt,
    Guid ProgrammeId, int ProgrammeVersion, Guid? CertificateId, JsonElement Overrides);

public sealed record CertificateView(Guid Id, string Number, CertificationLevel Level, int ProgrammeYear, string ProgrammeNameZh, string? ProgrammeNameEn,
    int ProgrammeVersion, Guid WarehouseId, DateOnly ValidFrom, DateOnly ValidUntil, DateTimeOffset IssuedAt, bool Revoked, DateTimeOffset? RevokedAt,
    string? RevokedReason, string State);

public sealed record ApplicationView(
    Guid Id, ProgrammeRef Programme, ApplicationWarehouseRef Warehouse, ApplicationStatus Status, int SubmissionRound,
    decimal YearsRegisteredInProvince, decimal YearsOperatingOverseas, decimal EquityPercent, string? OdiCertificateNumber,
    bool NoSeriousViolations, int Staff, int? ServedEnterprisesDeclared, IReadOnlyList<string> ServicesDeclared, bool HasWms, string? WmsName,
    IReadOnlyList<InvestmentItemView> InvestmentItems, IReadOnlyList<CategoryTotal> InvestmentByCategory, decimal InvestmentTotalCny,
    CommitmentView Commitment, PlatformFactsView PlatformFacts, EvaluationView? Evaluation,
    IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<DecisionView> Decisions, CertificateView? Certificate,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, uint Version)
{
    /// <summary>A draft, or sent back for more information: the operator may amend, attach and (re)submit.</summary>
    public bool IsEditable => Status is ApplicationStatus.Draft or ApplicationStatus.MoreInfoRequested;
}

public sealed record ApplicationSummary(
    Guid Id, ProgrammeRef Programme, ApplicationWarehouseRef Warehouse, ApplicationStatus Status, int SubmissionRound,
    CriterionOutcome? EvaluationOutcome, decimal InvestmentTotalCny, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt,
    string? CertificateNumber);

public sealed record InvestmentItemInput(InvestmentCategory? Category, decimal? AmountCny, string? Reference, string? Description);

public sealed record CommitmentInput(string? SignedName, bool? Accepted);

public sealed record ApplicationInput(
    Guid? ProgrammeId, Guid? WarehouseId,
    decimal? YearsRegisteredInProvince, decimal? YearsOperatingOverseas, decimal? EquityPercent, string? OdiCertificateNumber,
    bool? NoSeriousViolations, int? Staff, int? ServedEnterprisesDeclared, IReadOnlyList<string>? ServicesDeclared,
    bool? HasWms, string? WmsName, IReadOnlyList<InvestmentItemInput>? InvestmentItems, CommitmentInput? Commitment, uint? Version = null);
