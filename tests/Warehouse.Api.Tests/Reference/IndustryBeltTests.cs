using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Reference;

public sealed class IndustryBeltTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task The_belts_are_those_of_the_data_file_with_handling_needs_as_a_list_largest_target_first()
    {
        var served = (await client.GetFromJsonAsync<JsonArray>("/api/reference/industry-belts"))!.Select(b => b!.AsObject()).ToList();
        var file = ReferenceFiles.ReadCsv("industry-belts.csv");
        Assert.Equal(file.Count, served.Count);
        var districts = (await client.GetFromJsonAsync<JsonArray>("/api/reference/districts"))!.Select(d => (string)d!["code"]!).ToHashSet();
        foreach (var row in file)
        {
            var belt = served.Single(b => (string)b["code"]! == row["code"]);
            Assert.Equal(row["district"], (string)belt["districtCode"]!);
            Assert.Contains(row["district"], districts);
            Assert.Equal(row["name_zh"], (string)belt["nameZh"]!);
            Assert.Equal(decimal.Parse(row["export_target_2026_cny_100m"], CultureInfo.InvariantCulture), (decimal)belt["exportTarget2026Cny100m"]!);
            Assert.Equal(row["handling_needs"].Split(';').Select(n => n.Trim()), belt["handlingNeeds"]!.AsArray().Select(n => (string)n!));
        }
        var targets = served.Select(b => (decimal)b["exportTarget2026Cny100m"]!).ToList();
        Assert.Equal(targets.OrderDescending(), targets);

        var textiles = served.Single(b => (string)b["code"]! == "CS-TEX");
        Assert.Equal(["garments on hanger", "returns & relabel", "small parcels (9610)"], textiles["handlingNeeds"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task Handling_needs_are_a_text_array_in_the_database()
    {
        Assert.Equal(3, await TestDatabase.CountAsync("SELECT array_length(handling_needs, 1) FROM industry_belts WHERE code = 'CS-TEX'"));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM industry_belts WHERE 'lithium batteries' = ANY (handling_needs)"));
    }
}
