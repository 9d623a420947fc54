using System.Globalization;
using System.Text;

namespace Warehouse.Domain.Warehouses;

/// <summary>
/// How alike two warehouse addresses are, for flagging probable duplicate sites to the bureau. Addresses arrive in
/// any script and style ("Am Hafen 12, 47059 Duisburg" / "Duisburg, Am Hafen 12"; "迪拜杰贝阿里自贸区 S3 区 7 号"), so
/// the measure is the Dice coefficient of character bigrams of a normalised form: order-insensitive at the word level,
/// works for CJK text (where word-based and PostgreSQL trigram measures see whole runs as one token), and 1.0 for
/// addresses that differ only in case, width, punctuation or spacing.
/// </summary>
public static class AddressSimilarity
{
    /// <summary>Default threshold at or above which two nearby addresses count as "similar".</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>
    /// NFKC (folds full-width digits and letters), lower case, and only letters and digits kept: commas, dashes,
    /// "No." dots and spaces carry no identity.
    /// </summary>
    public static string Normalise(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return "";
        var folded = address.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune) || category == UnicodeCategory.OtherLetter) builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    /// <summary>0 (nothing in common) … 1 (the same after normalisation).</summary>
    public static double Score(string? a, string? b)
    {
        var x = Normalise(a);
        var y = Normalise(b);
        if (x.Length == 0 || y.Length == 0) return 0;
        if (x == y) return 1;
        // One address contained in the other ("Am Hafen 12" within "Am Hafen 12 47059 Duisburg Germany") is the same
        // place written with more or less detail; short fragments are not enough to say so.
        if (Math.Min(x.Length, y.Length) >= 8 && (x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal))) return 0.9;
        if (x.Length < 2 || y.Length < 2) return 0;

        var left = Bigrams(x);
        var right = Bigrams(y);
        var common = 0;
        foreach (var (bigram, count) in left)
            if (right.TryGetValue(bigram, out var other)) common += Math.Min(count, other);
        return 2.0 * common / (x.Length - 1 + y.Length - 1);
    }

    public static bool AreSimilar(string? a, string? b, double threshold = DefaultThreshold) => Score(a, b) >= threshold;

    private static Dictionary<(char, char), int> Bigrams(string s)
    {
        var result = new Dictionary<(char, char), int>();
        for (var i = 0; i < s.Length - 1; i++)
        {
            var key = (s[i], s[i + 1]);
            result[key] = result.TryGetValue(key, out var n) ? n + 1 : 1;
        }
        return result;
    }
}
