using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Features.Search;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Search;

public sealed class IndustryNeedsTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task Every_handling_need_of_every_industry_belt_has_an_explicit_mapping()
    {
        var belts = (await client.GetFromJsonAsync<JsonArray>("/api/reference/industry-belts"))!;
        var needs = belts.SelectMany(b => b!["handlingNeeds"]!.AsArray().Select(n => (string)n!)).Distinct().ToList();
        Assert.NotEmpty(needs);
        Assert.All(needs, need => Assert.True(IndustryNeeds.ByNeed.ContainsKey(need), $"'{need}' has no entry in IndustryNeeds.ByNeed"));
        // Each entry either filters or says why it cannot.
        Assert.All(IndustryNeeds.ByNeed, entry => Assert.True(entry.Value.Requirements.Count > 0 || entry.Value.NotSearchable is not null, entry.Key));
    }
}
