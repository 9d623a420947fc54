namespace Warehouse.Web.Resources;

/// <summary>
/// Anchor of the trader pages' UI strings (search, listings, booking, my bookings): <c>TraderText.resx</c> holds
/// Simplified Chinese, <c>TraderText.en.resx</c> English. Every key exists in both.
/// </summary>
public sealed class TraderText;
