namespace Warehouse.Web.Resources;

/// <summary>
/// Anchor of the operator pages' strings: <c>OperatorText.resx</c> holds Simplified Chinese (the neutral language),
/// <c>OperatorText.en.resx</c> English. Every key exists in both.
/// </summary>
public sealed class OperatorText;
