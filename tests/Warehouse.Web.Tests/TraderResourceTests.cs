using System.Text.RegularExpressions;
using System.Xml.Linq;
using Warehouse.Web.Tests.Infrastructure;

namespace Warehouse.Web.Tests;

/// <summary>The trader pages' own strings (<c>TraderText</c>): both languages complete, and every key a page asks for exists.</summary>
public sealed class TraderResourceTests
{
    private static readonly string Web = Path.Combine(RepoPaths.Root, "src", "Warehouse.Web");

    [Fact]
    public void Every_trader_string_has_a_Chinese_and_an_English_text()
    {
        var chinese = Strings("TraderText.resx");
        var english = Strings("TraderText.en.resx");

        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key));
        Assert.Empty(english.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key));
        // Placeholders match, so no translation drops or invents a value.
        foreach (var (key, text) in chinese)
            Assert.True(Placeholders(text).SetEquals(Placeholders(english[key])), $"{key}: '{text}' and '{english[key]}' use different placeholders");
    }

    [Fact]
    public void Every_trader_key_the_pages_use_exists_in_the_resources()
    {
        var known = Strings("TraderText.resx").Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(Web, "Components"), "*.razor", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .Where(text => text.Contains("IStringLocalizer<TraderText> T"))
            .SelectMany(text => Regex.Matches(text, """\bT\["([^"]+)"[\],]""").Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(known));
        // Keys built from the API's values, as in TraderDisplay.Enum(T, "Unit", offer.Unit).
        foreach (var key in new[] { "Enum.Unit.squareMetre", "Enum.Unit.palletPosition", "Enum.Unit.cubicMetre",
                     "Enum.Basis.perSquareMetreMonth", "Enum.Basis.perCubicMetreDay", "Enum.Basis.perPalletWeek", "Enum.Basis.perPalletDay",
                     "Enum.Mode.instant", "Enum.Mode.request", "Enum.Status.held", "Enum.Status.confirmed", "Enum.Status.declined",
                     "Enum.Status.expired", "Enum.Status.cancelled", "Enum.Status.completed", "Enum.HubKind.rail", "Enum.HubKind.port", "Enum.HubKind.air" })
        {
            Assert.Contains(key, known);
        }
    }

    private static HashSet<string> Placeholders(string text) => Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).ToHashSet();

    private static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(Web, "Resources", file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
