using System.Text.RegularExpressions;
using System.Xml.Linq;
using Warehouse.Web.Tests.Infrastructure;

namespace Warehouse.Web.Tests;

/// <summary>The operator and bureau pages' own strings (OperatorText, BureauText): both languages, every key used.</summary>
public sealed class OpsResourceTests
{
    private static readonly string Web = Path.Combine(RepoPaths.Root, "src", "Warehouse.Web");

    [Theory]
    [InlineData("OperatorText")]
    [InlineData("BureauText")]
    public void Every_string_has_a_Chinese_and_an_English_text(string resource)
    {
        var chinese = Strings($"{resource}.resx");
        var english = Strings($"{resource}.en.resx");

        Assert.NotEmpty(chinese);
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key));
        Assert.Empty(english.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key));
        // The Chinese file is Chinese: every text of it has at least one CJK character, except unit-only texts.
        Assert.Empty(chinese.Where(s => !Regex.IsMatch(s.Value, @"\p{IsCJKUnifiedIdeographs}") && s.Value is not ("m²" or "m³")).Select(s => s.Key));
    }

    [Theory]
    [InlineData("T", "OperatorText")]
    [InlineData("B", "BureauText")]
    public void Every_literal_key_the_pages_use_exists(string localizer, string resource)
    {
        var known = Strings($"{resource}.resx").Keys.ToHashSet();
        // Only the operator and bureau folders: the trader pages name their own localizer (TraderText) T as well.
        var used = new[] { "Ops", Path.Combine("Pages", "Operator"), Path.Combine("Pages", "Bureau") }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Web, "Components", folder), "*.razor", SearchOption.AllDirectories))
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), $"""\b{localizer}\["([^"]+)"[\],]""").Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(known));
    }

    [Fact]
    public void Keys_built_from_the_apis_enum_values_exist_for_every_value()
    {
        var known = Strings("OperatorText.resx").Keys.ToHashSet();
        string[] expected =
        [
            .. new[] { "Draft", "Active", "Suspended", "Closed" }.Select(v => $"WarehouseStatus.{v}"),
            .. new[] { "Active", "Suspended", "Closed" }.Select(v => $"WarehouseStatus.To.{v}"),
            .. new[] { "SelfBuilt", "Leased" }.Select(v => $"Ownership.{v}"),
            .. new[] { "Ambient", "Chilled", "Frozen", "HumidityControlled" }.Select(v => $"StorageCondition.{v}"),
            .. new[] { "HazmatClass9LithiumBatteries", "OversizeHeavy", "GarmentsOnHanger", "Bonded" }.Select(v => $"HandlingCapability.{v}"),
            .. new[] { "SquareMetre", "PalletPosition", "CubicMetre" }.Select(v => $"CapacityUnit.{v}"),
            .. new[] { "PerSquareMetreMonth", "PerCubicMetreDay", "PerPalletWeek", "PerPalletDay" }.Select(v => $"PriceBasis.{v}"),
            .. new[] { "Instant", "Request" }.Select(v => $"BookingMode.{v}"),
            .. new[] { "PerOrder", "PerItem", "PerCarton", "PerPallet", "PerHour", "PerDay", "PerSession", "PerShipment" }.Select(v => $"ServiceUnit.{v}"),
            .. new[] { "held", "confirmed", "declined", "expired", "cancelled", "completed" }.Select(v => $"BookingStatus.{v}"),
            .. new[] { "rail", "port" }.Select(v => $"Warehouse.NearestHub.{v}"),
        ];
        Assert.Empty(expected.Except(known));
    }

    private static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(Web, "Resources", file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
