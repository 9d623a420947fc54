using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Warehouse.Web.Resources;

namespace Warehouse.Web.Components.Ops;

/// <summary>
/// The automatic evaluation states each criterion's measured value and threshold as short English text
/// ("5 years", "≥ 2 years", "not required", "12 on the platform; 120 declared"). This puts the known words of that text
/// into the reader's language (<c>Value.*</c> in <see cref="CertificationText"/>) and service codes into service names,
/// leaving numbers and free text (a certificate number, a WMS name) as they are.
/// </summary>
public static partial class EvaluationText
{
    private static readonly (string Phrase, string Key)[] Phrases =
    [
        ("none in the last 2 years", "Value.NoneInTwoYears"),
        ("violations declared", "Value.ViolationsDeclared"),
        ("none declared", "Value.NoneDeclared"),
        ("none required", "Value.NoneRequired"),
        ("not required", "Value.NotRequired"),
        ("required", "Value.Required"),
        ("connected feed", "Value.ConnectedFeed"),
        ("on the platform", "Value.OnPlatform"),
        ("declared only", "Value.DeclaredOnly"),
        ("declared", "Value.Declared"),
        ("all of", "Value.AllOf"),
        ("years", "Value.Years"),
        ("none", "Value.None"),
    ];

    private static readonly Dictionary<string, string> KeyOf = Phrases.ToDictionary(p => p.Phrase, p => p.Key, StringComparer.Ordinal);

    // Longest phrases first, whole words only, one pass: a replaced phrase is never replaced again.
    [GeneratedRegex(@"\b(none in the last 2 years|violations declared|none declared|none required|not required|required|connected feed|on the platform|declared only|declared|all of|years|none)\b|\b([a-z]+[A-Z][A-Za-z]+)\b")]
    private static partial Regex Words();

    public static string Value(string text, IStringLocalizer<CertificationText> texts, Func<string, string>? serviceName = null) =>
        Words().Replace(text, m =>
            m.Groups[1].Success ? texts[KeyOf[m.Groups[1].Value]].Value
            : serviceName is not null ? serviceName(m.Groups[2].Value)
            : m.Value);
}

/// <summary>Lists joined the way the reader's language does ("、" in Chinese, ", " in English).</summary>
public static class CertificationFormat
{
    public static string List(IEnumerable<string> items) =>
        string.Join(Localization.SupportedCultures.IsEnglish ? ", " : "、", items);
}
