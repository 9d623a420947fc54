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

/// <summary>
/// The evaluation's note on each criterion is one of a few fixed English sentences (Warehouse.Domain's
/// CriteriaEvaluation), two of them followed by service codes; this gives the reader's text for a known one
/// (<c>Note.*</c> in <see cref="CertificationText"/>), or the API's English text, marked as such, for any other.
/// </summary>
public static class EvaluationNote
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        ["Declared; check the registration evidence."] = "Note.CheckRegistration",
        ["Below the threshold."] = "Note.BelowThreshold",
        ["Declared; check the shareholding evidence."] = "Note.CheckShareholding",
        ["Equity must be strictly more than the threshold."] = "Note.EquityStrictlyMore",
        ["Not required by this programme."] = "Note.NotRequired",
        ["Declared; check the certificate or filing attached."] = "Note.CheckOdi",
        ["No outbound-investment certificate or filing number given."] = "Note.NoOdi",
        ["Self-declared; the bureau may override it on its own records."] = "Note.SelfDeclared",
        ["The applicant declares serious violations."] = "Note.ViolationsDeclared",
        ["Counted from completed bookings on the platform."] = "Note.CountedFromBookings",
        ["Only the declared figure (which includes customers off the platform) meets the threshold: check the customer list."] = "Note.OnlyDeclaredServed",
        ["A WMS feed is connected to the platform."] = "Note.WmsConnected",
        ["Declared but not connected to the platform: check the system's evidence."] = "Note.WmsDeclaredOnly",
        ["No warehouse management system."] = "Note.NoWms",
        ["Offered at this warehouse on the platform."] = "Note.ServicesOffered",
    };

    private static readonly (string Prefix, string Key)[] ServiceLists =
    [
        ("Missing: ", "Note.ServicesMissing"),
        ("Declared but not offered on the platform: ", "Note.ServicesDeclaredOnly"),
    ];

    /// <summary>The note in the reader's language, and whether it was translated (false: the API's English text).</summary>
    public static (string Text, bool Translated) Text(string note, IStringLocalizer<CertificationText> texts, Func<string, string> serviceName)
    {
        if (Sentences.TryGetValue(note, out var key)) return (texts[key].Value, true);
        foreach (var (prefix, listKey) in ServiceLists)
        {
            if (note.StartsWith(prefix, StringComparison.Ordinal))
            {
                var services = note[prefix.Length..].Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(serviceName);
                return (texts[listKey, CertificationFormat.List(services)].Value, true);
            }
        }
        return (note, false);
    }
}

/// <summary>Lists joined the way the reader's language does ("、" in Chinese, ", " in English).</summary>
public static class CertificationFormat
{
    public static string List(IEnumerable<string> items) =>
        string.Join(Localization.SupportedCultures.IsEnglish ? ", " : "、", items);
}
