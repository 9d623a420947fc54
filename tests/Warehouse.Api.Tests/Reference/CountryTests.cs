using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Reference;

public sealed class CountryTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<JsonArray> GetArrayAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    private static JsonObject ByCode(JsonArray rows, string field, string code)
        => rows.Select(r => r!.AsObject()).Single(r => (string)r[field]! == code);

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToList();

    [Fact]
    public async Task China_is_中国_China_CHN_156_in_Eastern_Asia_030_and_can_be_asked_for_in_lower_case()
    {
        var response = await client.GetAsync("/api/reference/countries/cn");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cn = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("CN", (string)cn["alpha2"]!);
        Assert.Equal("CHN", (string)cn["alpha3"]!);
        Assert.Equal("156", (string)cn["numericCode"]!);
        Assert.Equal("中国", (string)cn["nameZh"]!);
        Assert.Equal("China", (string)cn["nameEn"]!);
        Assert.Equal("142", (string)cn["region"]!["code"]!);
        Assert.Equal("Asia", (string)cn["region"]!["nameEn"]!);
        Assert.Equal("030", (string)cn["subregion"]!["code"]!);
        Assert.Equal("Eastern Asia", (string)cn["subregion"]!["nameEn"]!);
        Assert.Equal("东亚", (string)cn["subregion"]!["nameZh"]!);
        Assert.Null(cn["intermediateRegion"]);
        Assert.Equal(["RCEP"], Strings(cn["marketGroups"]));
    }

    [Fact]
    public async Task An_unknown_code_is_404_and_a_malformed_one_is_400_naming_code()
    {
        await Scenario.AssertProblemAsync(await client.GetAsync("/api/reference/countries/ZZ"), HttpStatusCode.NotFound);
        foreach (var bad in new[] { "CHN", "C1", "c", "%E4%B8%AD%E5%9B%BD" })
        {
            var problem = await Scenario.AssertProblemAsync(await client.GetAsync($"/api/reference/countries/{bad}"), HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["code"]);
        }
    }

    [Fact]
    public async Task Every_ISO_3166_1_country_is_listed_once_with_unique_codes_and_a_M49_region_except_Antarctica()
    {
        var countries = await GetArrayAsync("/api/reference/countries");
        Assert.Equal(249, countries.Count); // ISO 3166-1's officially assigned codes; Kosovo's user-assigned XK is not one
        Assert.Equal(countries.Count, countries.Select(c => (string)c!["alpha3"]!).Distinct().Count());
        Assert.Equal(countries.Count, countries.Select(c => (string)c!["numericCode"]!).Distinct().Count());
        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", (string)c!["alpha2"]!));
        var withoutRegion = countries.Where(c => c!["region"] is null).Select(c => (string)c!["alpha2"]!).ToList();
        Assert.Equal(["AQ"], withoutRegion);
        Assert.DoesNotContain(countries, c => (string)c!["alpha2"]! == "XK");
    }

    [Theory]
    [InlineData("CY", "142", "145", null)]   // Cyprus is Western Asia in M49, not Southern Europe
    [InlineData("CZ", "150", "151", null)]   // Eastern Europe, not a "Central Europe" M49 does not have
    [InlineData("MX", "019", "419", "013")]  // Latin America and the Caribbean / Central America, not North America
    [InlineData("US", "019", "021", null)]   // Northern America
    [InlineData("AO", "002", "202", "017")]  // Sub-Saharan Africa / Middle Africa
    [InlineData("TW", "142", "030", null)]   // Eastern Asia, with China
    public async Task Regions_are_UN_M49_codes(string alpha2, string region, string subregion, string? intermediate)
    {
        var country = (await client.GetFromJsonAsync<JsonObject>($"/api/reference/countries/{alpha2}"))!;
        Assert.Equal(region, (string)country["region"]!["code"]!);
        Assert.Equal(subregion, (string)country["subregion"]!["code"]!);
        Assert.Equal(intermediate, (string?)country["intermediateRegion"]?["code"]);
    }

    [Fact]
    public async Task Hong_Kong_Macao_and_Taiwan_carry_the_Chinese_official_names()
    {
        var countries = await GetArrayAsync("/api/reference/countries");
        Assert.Equal("中国香港", (string)ByCode(countries, "alpha2", "HK")["nameZh"]!);
        Assert.Equal("中国澳门", (string)ByCode(countries, "alpha2", "MO")["nameZh"]!);
        Assert.Equal("中国台湾", (string)ByCode(countries, "alpha2", "TW")["nameZh"]!);
    }

    [Fact]
    public async Task Every_market_group_member_is_a_known_country_and_the_groups_are_those_of_the_data_file()
    {
        var countries = (await GetArrayAsync("/api/reference/countries")).Select(c => (string)c!["alpha2"]!).ToHashSet();
        var groups = await GetArrayAsync("/api/reference/market-groups");
        var file = ReferenceFiles.ReadCsv("market-groups.csv");
        Assert.Equal(file.Select(g => g["code"]).Order(), groups.Select(g => (string)g!["code"]!).Order());
        foreach (var row in file)
        {
            var group = ByCode(groups, "code", row["code"]);
            Assert.Equal(row["name_zh"], (string)group["nameZh"]!);
            Assert.Equal(row["name_en"], (string)group["nameEn"]!);
            Assert.Equal(row["members"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(), Strings(group["members"]).Order());
            Assert.All(Strings(group["members"]), member => Assert.Contains(member, countries));
        }
    }

    [Fact]
    public async Task Russia_is_its_own_group_CEE_does_not_contain_it_and_a_country_may_be_in_several_groups()
    {
        var groups = await GetArrayAsync("/api/reference/market-groups");
        Assert.Equal(["RU"], Strings(ByCode(groups, "code", "RU")["members"]));
        var cee = Strings(ByCode(groups, "code", "CEE")["members"]);
        Assert.DoesNotContain("RU", cee);
        Assert.Contains("PL", cee);
        Assert.Equal(11, Strings(ByCode(groups, "code", "SEA")["members"]).Count);

        var malaysia = (await client.GetFromJsonAsync<JsonObject>("/api/reference/countries/MY"))!;
        Assert.Equal(["RCEP", "SEA"], Strings(malaysia["marketGroups"]));
        var mexico = (await client.GetFromJsonAsync<JsonObject>("/api/reference/countries/MX"))!;
        Assert.Equal(["LATAM", "NORTH_AMERICA"], Strings(mexico["marketGroups"]));
        var russia = ByCode(await GetArrayAsync("/api/reference/countries"), "alpha2", "RU");
        Assert.Equal(["RU"], Strings(russia["marketGroups"]));
    }
}
