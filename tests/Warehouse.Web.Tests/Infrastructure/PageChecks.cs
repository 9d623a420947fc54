using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>Checks any page can be put through: untranslated resource keys, and axe-core's serious and critical findings.</summary>
public static partial class PageChecks
{
    /// <summary>
    /// A resource key shown instead of its text: <c>IStringLocalizer</c> answers a missing key with the key itself,
    /// and every key of the web's resources is dotted PascalCase (<c>Nav.Search</c>, <c>Search.Place.Hub</c>).
    /// </summary>
    /// Segments have two characters at least, so abbreviations such as "U.S." are not mistaken for keys.
    [GeneratedRegex(@"(?<![\w.@/-])[A-Z][A-Za-z0-9]+\.[A-Z][A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*(?![\w@/-])")]
    private static partial Regex KeyLike();

    /// <summary>Key-like words in the page's visible text and in the labels a screen reader reads (aria-label, title, placeholder, alt).</summary>
    public static async Task<IReadOnlyList<string>> UntranslatedKeysAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>("""
            () => [document.title, document.body.innerText,
                   ...Array.from(document.querySelectorAll('[aria-label],[title],[placeholder],[alt]'))
                       .flatMap(e => ['aria-label', 'title', 'placeholder', 'alt'].map(a => e.getAttribute(a) || ''))].join('\n')
            """);
        return KeyLike().Matches(text).Select(m => m.Value).Distinct().ToList();
    }

    /// <summary>axe-core's serious and critical violations on the page as it is now, one line each with where they are.</summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        AxeResult result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }
}
