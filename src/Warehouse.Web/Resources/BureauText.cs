namespace Warehouse.Web.Resources;

/// <summary>
/// Anchor of the bureau pages' strings: <c>BureauText.resx</c> holds Simplified Chinese (the neutral language),
/// <c>BureauText.en.resx</c> English. Every key exists in both.
/// </summary>
public sealed class BureauText;
