using System.Net;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Search;

/// <summary>Who may search, and every bad parameter answered with a 400 that names it, before PostGIS sees anything.</summary>
public sealed class SearchValidationTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task Traders_and_the_bureau_may_search_operators_may_not_and_anonymous_callers_must_sign_in()
    {
        var trader = await Scenario.RegisterAsync(client, "trader");
        var op = await Scenario.RegisterAsync(client, "operator");
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await SearchData.SearchAsync(client, trader.Token, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SearchData.SearchAsync(client, bureau, new { countries = new[] { "DE" } })).StatusCode);
        await Scenario.AssertProblemAsync(await SearchData.SearchAsync(client, op.Token, new { }), HttpStatusCode.Forbidden);
        await Scenario.AssertProblemAsync(await SearchData.SearchAsync(client, null, new { }), HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        // place
        { """{"near": {"latitude": 41.7, "longitude": 44.8, "radiusKm": 0}}""", "near.radiusKm" },
        { """{"near": {"latitude": 41.7, "longitude": 44.8, "radiusKm": -5}}""", "near.radiusKm" },
        { """{"near": {"latitude": 41.7, "longitude": 44.8, "radiusKm": 5001}}""", "near.radiusKm" },
        { """{"near": {"latitude": 41.7, "longitude": 44.8}}""", "near.radiusKm" },
        { """{"near": {"latitude": 91, "longitude": 44.8, "radiusKm": 10}}""", "near.latitude" },
        { """{"near": {"latitude": 41.7, "longitude": 200, "radiusKm": 10}}""", "near.longitude" },
        { """{"near": {"longitude": 44.8, "radiusKm": 10}}""", "near.latitude" },
        { """{"nearHub": {"code": "XX-NOPE", "radiusKm": 10}}""", "nearHub.code" },
        { """{"nearHub": {"code": "GE-TBS", "radiusKm": 0}}""", "nearHub.radiusKm" },
        { """{"nearHub": {"code": "GE-TBS", "radiusKm": 10}, "near": {"latitude": 41.7, "longitude": 44.8, "radiusKm": 10}}""", "nearHub" },
        { """{"within": {"type": "Point", "coordinates": [[[44, 41], [45, 41], [45, 42], [44, 41]]]}}""", "within.type" },
        // a bow tie: the ring crosses itself
        { """{"within": {"type": "Polygon", "coordinates": [[[44, 41], [45, 42], [45, 41], [44, 42], [44, 41]]]}}""", "within" },
        { """{"within": {"type": "Polygon", "coordinates": [[[44, 41], [45, 41], [45, 42], [44, 42]]]}}""", "within.coordinates[0]" },
        { """{"within": {"type": "Polygon", "coordinates": [[[44, 41], [45, 41], [44, 41]]]}}""", "within.coordinates[0]" },
        { """{"within": {"type": "Polygon", "coordinates": [[[44, 41], [44, 41], [44, 41], [44, 41]]]}}""", "within" },
        { """{"within": {"type": "Polygon", "coordinates": [[[44, 41], [245, 41], [45, 42], [44, 41]]]}}""", "within.coordinates[0][1].longitude" },
        // half the planet: far beyond 5,000 km from its centre
        { """{"within": {"type": "Polygon", "coordinates": [[[-170, -60], [170, -60], [170, 60], [-170, 60], [-170, -60]]]}}""", "within" },
        // dates
        { """{"from": "2027-03-10", "to": "2027-03-01"}""", "to" },
        { """{"from": "2027-01-01", "to": "2028-01-02"}""", "to" },
        { """{"from": "2027-03-10"}""", "to" },
        { """{"to": "2027-03-10"}""", "from" },
        { """{"from": "2020-01-01", "to": "2020-01-10"}""", "from" },
        { """{"quantity": {"amount": 100, "unit": "squareMetre"}}""", "from" },
        { """{"quantity": {"amount": 0, "unit": "squareMetre"}, "from": "2027-03-01", "to": "2027-03-02"}""", "quantity.amount" },
        { """{"quantity": {"amount": 100}, "from": "2027-03-01", "to": "2027-03-02"}""", "quantity.unit" },
        { """{"quantity": {"amount": 100, "unit": "acre"}, "from": "2027-03-01", "to": "2027-03-02"}""", "quantity.unit" },
        // codes
        { """{"countries": ["DE", "XX"]}""", "countries" },
        { """{"countries": ["Germany"]}""", "countries" },
        { """{"marketGroups": ["ASEAN"]}""", "marketGroups" },
        { """{"services": ["fulfilment", "teleportation"]}""", "services" },
        { """{"storageConditions": ["sauna"]}""", "storageConditions[0]" },
        { """{"handlingCapabilities": ["ambient"]}""", "handlingCapabilities[0]" },
        { """{"operatorDistricts": ["SIP", "BJ"]}""", "operatorDistricts" },
        { """{"industryBelt": "SH-FIN"}""", "industryBelt" },
        // price, sorting, paging, unknown members
        { """{"maxPriceCnyPerM2Month": 0}""", "maxPriceCnyPerM2Month" },
        { """{"sort": "distance"}""", "sort" },
        { """{"sort": "cheapest"}""", "sort" },
        { """{"page": 0}""", "page" },
        { """{"pageSize": 0}""", "pageSize" },
        { """{"pageSize": 101}""", "pageSize" },
        { """{"radiusKm": 10}""", "radiusKm" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Each_invalid_parameter_is_a_400_naming_it(string body, string field)
    {
        var trader = await TraderAsync();
        var response = await client.SendAsync(HttpMethod.Post, "/api/search/capacity", trader, JsonNode.Parse(body));
        var problem = await Scenario.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?[field] is not null, $"expected an error for {field}: {problem}");
    }

    private static readonly SemaphoreSlim TraderLock = new(1, 1);
    private static string? trader;

    private async Task<string> TraderAsync()
    {
        await TraderLock.WaitAsync();
        try
        {
            return trader ??= (await Scenario.RegisterAsync(client, "trader")).Token;
        }
        finally
        {
            TraderLock.Release();
        }
    }
}
