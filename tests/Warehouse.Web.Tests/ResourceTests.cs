using System.Text.RegularExpressions;
using System.Xml.Linq;
using Warehouse.Web.Tests.Infrastructure;

namespace Warehouse.Web.Tests;

public sealed class ResourceTests
{
    private static readonly string Web = Path.Combine(RepoPaths.Root, "src", "Warehouse.Web");

    [Fact]
    public void Every_UI_string_has_a_Chinese_and_an_English_text()
    {
        var chinese = Strings("SharedResource.resx");
        var english = Strings("SharedResource.en.resx");

        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key));
        Assert.Empty(english.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key));
        Assert.Equal("苏州海外仓公共服务智慧平台", chinese["Platform.Name"]);
    }

    [Fact]
    public void Every_string_key_the_pages_use_exists_in_the_resources()
    {
        var known = Strings("SharedResource.resx").Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(Web, "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), """\bL\["([^"]+)"\]""").Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(known));
        // Keys built from the API's enum names, as in L[$"Role.{role}"].
        foreach (var key in new[] { "OrganisationKind.Operator", "OrganisationKind.Trader", "OrganisationKind.Bureau",
                     "Role.Admin", "Role.Staff", "Role.BureauAdmin", "Role.BureauOfficer" })
        {
            Assert.Contains(key, known);
        }
    }

    private static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(Web, "Resources", file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
