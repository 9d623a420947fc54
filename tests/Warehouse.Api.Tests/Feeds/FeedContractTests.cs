using System.Text.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Features.Feeds;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Feeds;

/// <summary>The availability contract as published: in the OpenAPI document, with an example that is itself valid.</summary>
public sealed class FeedContractTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task The_openapi_document_publishes_the_v1_contract_with_its_example_and_the_push_headers()
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var push = document["paths"]!["/api/feeds/{feedId}/push"]!["post"]!;
        var media = push["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal(AvailabilityUpdate.V1, (string)media["example"]!["contract"]!);
        Assert.EndsWith("AvailabilityUpdate", (string)media["schema"]!["$ref"]!);
        Assert.Contains("X-Feed-Signature", (string)push["description"]!);
        var schema = document["components"]!["schemas"]!["AvailabilityUpdate"]!["properties"]!.AsObject();
        Assert.All(new[] { "contract", "sequence", "offers", "services" }, p => Assert.True(schema.ContainsKey(p), p));
    }

    [Fact]
    public void The_published_example_is_a_valid_update_and_the_strict_reader_refuses_unknown_members()
    {
        var example = AvailabilityUpdate.Example();
        var update = example.Deserialize<AvailabilityUpdate>(AvailabilityUpdate.Json)!;
        Assert.False(update.Validate(update.WarehouseId!.Value).Any);
        Assert.True(update.Validate(Guid.NewGuid()).Any); // another warehouse's feed refuses it
        example["extra"] = 1;
        Assert.Throws<JsonException>(() => example.Deserialize<AvailabilityUpdate>(AvailabilityUpdate.Json));
    }
}
