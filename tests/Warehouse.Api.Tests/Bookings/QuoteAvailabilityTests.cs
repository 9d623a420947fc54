using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Bookings;

/// <summary>The quote reads the operator's day rows on the published read path: another trader's booking shows as short days.</summary>
public sealed class QuoteAvailabilityTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task A_quote_names_the_days_another_trader_has_already_filled_and_the_booking_agrees()
    {
        var op = await Scenario.RegisterAsync(client);
        var warehouseId = (string)(await Supply.CreateWarehouseAsync(client, op.Token))["id"]!;
        await Supply.ActivateAsync(client, op.Token, warehouseId);
        var body = Supply.OfferBody(quantity: 500);
        body["minimumQuantity"] = 1;
        body["minimumTermDays"] = 1;
        var offerId = (string)(await Supply.CreateOfferAsync(client, op.Token, warehouseId, body))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/offers/{offerId}/publish", op.Token)).StatusCode);
        var first = await Scenario.RegisterAsync(client, "trader");
        var second = await Scenario.RegisterAsync(client, "trader");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/bookings", first.Token,
            new { offerId, quantity = 200, startsOn = "2027-02-10", endsOn = "2027-02-11" })).StatusCode);

        var quote = await (await client.SendAsync(HttpMethod.Post, "/api/bookings/quote", second.Token,
            new { offerId, quantity = 400, startsOn = "2027-02-01", endsOn = "2027-02-28" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.False((bool)quote!["available"]!);
        Assert.Equal(["2027-02-10", "2027-02-11"], quote["shortDays"]!.AsArray().Select(d => (string)d!));
        var fits = await (await client.SendAsync(HttpMethod.Post, "/api/bookings/quote", second.Token,
            new { offerId, quantity = 300, startsOn = "2027-02-01", endsOn = "2027-02-28" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True((bool)fits!["available"]!);

        var refused = await client.SendAsync(HttpMethod.Post, "/api/bookings", second.Token,
            new { offerId, quantity = 400, startsOn = "2027-02-01", endsOn = "2027-02-28" });
        Assert.Equal("capacity.unavailable", (string)(await Scenario.AssertProblemAsync(refused, HttpStatusCode.Conflict))["code"]!);
    }
}
