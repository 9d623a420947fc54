namespace Warehouse.Web.Resources;

/// <summary>
/// Anchor of the web's UI strings: <c>SharedResource.resx</c> holds Simplified Chinese (the neutral
/// language), <c>SharedResource.en.resx</c> English. Every key exists in both.
/// </summary>
public sealed class SharedResource;
