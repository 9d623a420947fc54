namespace Warehouse.Web.Resources;

/// <summary>
/// Anchor of the certification names both sides share (application and certificate states, criteria, outcomes,
/// investment categories, attachment kinds, decisions): <c>CertificationText.resx</c> holds Simplified Chinese (the
/// neutral language), <c>CertificationText.en.resx</c> English. Keys are stable: <c>Status.{ApplicationStatus}</c>,
/// <c>Criterion.{criterion key}</c>, <c>Outcome.{CriterionOutcome}</c>, <c>Source.{FactSource}</c>,
/// <c>Category.{InvestmentCategory}</c>, <c>AttachmentKind.{AttachmentKind}</c>, <c>Decision.{DecisionAction}</c>,
/// <c>Level.{CertificationLevel}</c>, <c>CertificateState.{state}</c>.
/// </summary>
public sealed class CertificationText;
