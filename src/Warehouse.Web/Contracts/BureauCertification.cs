using System.Text.Json;

namespace Warehouse.Web.Contracts;

// The bureau's side of certification, subsidies and the city's sites (Warehouse.Api Features/Certification,
// Features/Subsidies, Features/CityProgress/CitySites). Statuses, outcomes, levels and categories are strings as the
// API spells them (camelCase), so the pages key their texts on them.

public sealed record CertProgrammeRef(Guid Id, int Year, string Level, string NameZh, string? NameEn, int LatestVersion);

public sealed record CertWarehouseRef(Guid Id, string NameZh, string? NameEn, string CountryCode, string City);

public sealed record CertOperatorRef(Guid Id, string LegalNameZh, string? LegalNameEn, string? CreditCode, string? DistrictCode);

public sealed record CertItem(string Category, decimal AmountCny, string Reference, string? Description, bool Claimed);

public sealed record CertCategoryTotal(string Category, decimal AmountCny);

public sealed record CertCommitment(string? SignedName, bool Accepted);

public sealed record CertPlatformFacts(bool Verified, DateOnly CountedOn, bool Live, int ServedEnterprises, IReadOnlyList<string> Services,
    bool? WmsConnected, string WmsEvidence, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2);

public sealed record CertCriterionResult(string Criterion, string Outcome, string Actual, string Threshold, string Source, string Note);

public sealed record CertEvaluation(string Overall, int ProgrammeVersion, IReadOnlyList<CertCriterionResult> Criteria);

public sealed record CertAttachment(Guid Id, string Kind, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record CertDecision(Guid Id, string Action, int SubmissionRound, string Reason, string OfficerName, DateTimeOffset DecidedAt,
    Guid ProgrammeId, int ProgrammeVersion, Guid? CertificateId, JsonElement Overrides);

public sealed record CertCertificate(Guid Id, string Number, string Level, int ProgrammeYear, string ProgrammeNameZh, string? ProgrammeNameEn,
    int ProgrammeVersion, Guid WarehouseId, DateOnly ValidFrom, DateOnly ValidUntil, DateTimeOffset IssuedAt, bool Revoked, DateTimeOffset? RevokedAt,
    string? RevokedReason, string State);

public sealed record CertApplication(
    Guid Id, CertProgrammeRef Programme, CertWarehouseRef Warehouse, CertOperatorRef? Operator, string Status, int SubmissionRound,
    decimal YearsRegisteredInProvince, decimal YearsOperatingOverseas, decimal EquityPercent, string? OdiCertificateNumber,
    bool NoSeriousViolations, int Staff, int? ServedEnterprisesDeclared, IReadOnlyList<string> ServicesDeclared, bool HasWms, string? WmsName,
    IReadOnlyList<CertItem> InvestmentItems, IReadOnlyList<CertCategoryTotal> InvestmentByCategory, decimal InvestmentTotalCny,
    CertCommitment Commitment, CertPlatformFacts PlatformFacts, CertEvaluation? Evaluation,
    IReadOnlyList<CertAttachment> Attachments, IReadOnlyList<CertDecision> Decisions, CertCertificate? Certificate,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, uint Version);

public sealed record CertApplicationSummary(
    Guid Id, CertProgrammeRef Programme, CertWarehouseRef Warehouse, CertOperatorRef? Operator, string Status, int SubmissionRound,
    string? EvaluationOutcome, decimal InvestmentTotalCny, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt,
    string? CertificateNumber);

public sealed record CertOverride(string Criterion, string Outcome, string Note);

/// <summary>decision: approve, reject or requestMoreInfo.</summary>
public sealed record CertDecisionRequest(string Decision, string Reason, IReadOnlyList<CertOverride>? Overrides = null);

public sealed record CertRevokeRequest(string Reason);

public sealed record CertCertificateEntry(CertCertificate Certificate, Guid ApplicationId, CertOperatorRef Operator, CertWarehouseRef Warehouse);

public sealed record CertCriteria(
    decimal MinYearsRegisteredInProvince, decimal MinYearsOperatingOverseas, decimal MinEquityPercentExclusive,
    bool OdiCertificateRequired, bool NoSeriousViolationsRequired, int MinServedEnterprises, bool WmsRequired, IReadOnlyList<string> RequiredServices);

public sealed record CertProgrammeVersionSummary(int Version, DateTimeOffset CreatedAt, bool InUse);

public sealed record CertProgramme(
    Guid Id, int Version, int LatestVersion, bool IsLatest, uint Revision, bool IsOpen,
    int Year, string Level, string NameZh, string? NameEn, DateOnly OpensOn, DateOnly ClosesOn,
    CertCriteria Criteria, IReadOnlyList<string> EligibleCategories,
    decimal SubsidyRate, decimal CapPerWarehouseCny, decimal BudgetCny, string AllocationRule, string AllocationRuleText,
    int CertificateValidityYears, DateTimeOffset CreatedAt, IReadOnlyList<CertProgrammeVersionSummary>? Versions);

public sealed record CertCriteriaInput(
    decimal? MinYearsRegisteredInProvince, decimal? MinYearsOperatingOverseas, decimal? MinEquityPercentExclusive,
    bool? OdiCertificateRequired, bool? NoSeriousViolationsRequired, int? MinServedEnterprises, bool? WmsRequired, IReadOnlyList<string>? RequiredServices);

public sealed record CertProgrammeInput(
    int? Year, string? Level, string? NameZh, string? NameEn, DateOnly? OpensOn, DateOnly? ClosesOn,
    CertCriteriaInput Criteria, IReadOnlyList<string>? EligibleCategories,
    decimal? SubsidyRate, decimal? CapPerWarehouseCny, decimal? BudgetCny, string? AllocationRule, int? CertificateValidityYears, uint? Revision);

public sealed record SubsidyLine(
    Guid ApplicationId, CertOperatorRef Operator, CertWarehouseRef Warehouse, string CertificateNumber,
    IReadOnlyList<CertCategoryTotal> InvestmentByCategory, decimal EligibleInvestmentCny, decimal ExcludedInvestmentCny,
    decimal RateAmountCny, bool Capped, decimal RequestedCny, decimal AllocatedCny, string Arithmetic);

public sealed record SubsidyTable(
    Guid ProgrammeId, int ProgrammeVersion, int Year, string Level, string NameZh, string? NameEn,
    decimal SubsidyRate, decimal CapPerWarehouseCny, decimal BudgetCny, IReadOnlyList<string> EligibleCategories,
    string AllocationRule, string AllocationRuleText, string RoundingRule,
    int EligibleWarehouses, decimal TotalRequestedCny, bool OverBudget, decimal Factor, decimal TotalAllocatedCny, string Explanation,
    IReadOnlyList<SubsidyLine> Lines);

public sealed record CitySite(
    Guid WarehouseId, string WarehouseName, string CountryCode, double Latitude, double Longitude,
    decimal ExistingM2, string? OperatorNameZh, string? OperatorNameEn, DateTimeOffset ObservedAt);

public sealed record CitySites(int Count, decimal ExistingM2, IReadOnlyList<CitySite> Items);

