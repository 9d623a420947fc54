using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Capacity;

public sealed class OfferTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<(Scenario.Member Operator, string WarehouseId)> WarehouseAsync(bool active = true)
    {
        var op = await Scenario.RegisterAsync(client);
        var warehouse = await Supply.CreateWarehouseAsync(client, op.Token);
        if (active) await Supply.ActivateAsync(client, op.Token, (string)warehouse["id"]!);
        return (op, (string)warehouse["id"]!);
    }

    private static async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task An_offer_keeps_one_capacity_row_per_day_and_a_normalised_price_with_its_rate_date()
    {
        var (op, warehouseId) = await WarehouseAsync();
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId);
        var days = await (await client.SendAsync(HttpMethod.Get, $"/api/offers/{(string)offer["id"]!}/days", op.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(90, days!.Count); // 2027-01-01 … 2027-03-31
        Assert.All(days!, d => Assert.Equal(500m, (decimal)d!["free"]!));

        var normalised = offer["normalised"]!;
        var rate = (decimal)normalised["rateCnyPerUnit"]!;
        Assert.True(rate > 1);
        Assert.Equal(decimal.Round(9.5m * rate, 2), (decimal)normalised["cnyPerM2Month"]!);
        Assert.Contains((string)normalised["rateAsOf"]!, (string)normalised["assumptions"]!);
        Assert.Equal("EUR", (string)offer["price"]!["currency"]!);
    }

    [Theory]
    [InlineData("perPalletDay", "palletPosition", 1.2, 30.4375)]
    [InlineData("perPalletWeek", "palletPosition", 8.4, 30.4375)]
    [InlineData("perCubicMetreDay", "cubicMetre", 0.5, 30.4375)]
    public async Task Every_price_basis_normalises_to_cny_per_square_metre_month(string basis, string unit, decimal amount, decimal perM2MonthInCurrency)
    {
        var (op, warehouseId) = await WarehouseAsync();
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId, Supply.OfferBody(amount: amount, currency: "CNY", basis: basis, unit: unit));
        Assert.Equal(decimal.Round(perM2MonthInCurrency, 2), (decimal)offer["normalised"]!["cnyPerM2Month"]!);
        Assert.Equal(1m, (decimal)offer["normalised"]!["rateCnyPerUnit"]!);
    }

    [Theory]
    [InlineData("availableTo", "\"2026-12-01\"", "availableTo")]
    [InlineData("quantity", "0", "quantity")]
    [InlineData("price", """{"amount": 0, "currency": "EUR", "basis": "perSquareMetreMonth"}""", "price.amount")]
    [InlineData("price", """{"amount": -3, "currency": "EUR", "basis": "perSquareMetreMonth"}""", "price.amount")]
    [InlineData("price", """{"amount": 3, "currency": "XYZ", "basis": "perSquareMetreMonth"}""", "price.currency")]
    [InlineData("minimumQuantity", "600", "minimumQuantity")]
    public async Task Invalid_offers_are_400s_naming_the_field(string property, string json, string field)
    {
        var (op, warehouseId) = await WarehouseAsync();
        var body = Supply.OfferBody();
        body[property] = JsonNode.Parse(json);
        var problem = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/offers", op.Token, body), HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?[field] is not null, $"expected an error for {field}: {problem}");
        var offers = await (await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{warehouseId}/offers", op.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Empty(offers!);
    }

    [Fact]
    public async Task Shrinking_an_offer_below_what_is_booked_is_a_409_naming_the_days_and_changes_nothing()
    {
        var (op, warehouseId) = await WarehouseAsync();
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId);
        var id = (string)offer["id"]!;
        // Bookings arrive in a later feature; until then the ledger's effect is written directly.
        await ExecuteAsync("UPDATE capacity_days SET booked = 300 WHERE offer_id = $1 AND day BETWEEN '2027-02-01' AND '2027-02-03'", Guid.Parse(id));

        var smaller = Supply.OfferBody(quantity: 200);
        smaller["version"] = (uint)offer["version"]!;
        var problem = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/offers/{id}", op.Token, smaller), HttpStatusCode.Conflict);
        Assert.Equal("offer.belowBooked", (string)problem["code"]!);
        Assert.Contains("2027-02-01–2027-02-03", (string)problem["detail"]!);
        Assert.Equal(3, problem["days"]!.AsArray().Count);

        var shorter = Supply.OfferBody(to: "2027-01-31");
        shorter["version"] = (uint)offer["version"]!;
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/offers/{id}", op.Token, shorter), HttpStatusCode.Conflict);

        var unchanged = await (await client.SendAsync(HttpMethod.Get, $"/api/offers/{id}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(500m, (decimal)unchanged!["quantity"]!);
        Assert.Equal(90, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND capacity = 500", Guid.Parse(id)));

        // Shrinking to exactly what is booked is allowed, and extending the window adds days.
        var fits = Supply.OfferBody(quantity: 300, to: "2027-04-30");
        fits["version"] = (uint)offer["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/offers/{id}", op.Token, fits)).StatusCode);
        Assert.Equal(120, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND capacity = 300", Guid.Parse(id)));
    }

    [Fact]
    public async Task The_database_refuses_a_day_booked_beyond_its_capacity()
    {
        var (op, warehouseId) = await WarehouseAsync();
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId);
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync("UPDATE capacity_days SET booked = capacity + 1 WHERE offer_id = $1 AND day = '2027-01-05'", Guid.Parse((string)offer["id"]!)));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task A_stale_offer_edit_is_a_409()
    {
        var (op, warehouseId) = await WarehouseAsync();
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId);
        var id = (string)offer["id"]!;
        var edit = Supply.OfferBody(amount: 10m);
        edit["version"] = (uint)offer["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/offers/{id}", op.Token, edit)).StatusCode);
        edit["price"]!["amount"] = 11m;
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/offers/{id}", op.Token, edit), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Offers_of_a_draft_warehouse_cannot_be_published_until_it_is_active()
    {
        var (op, warehouseId) = await WarehouseAsync(active: false);
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId);
        var id = (string)offer["id"]!;
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/offers/{id}/publish", op.Token), HttpStatusCode.Conflict);
        await Supply.ActivateAsync(client, op.Token, warehouseId);
        var published = await (await client.SendAsync(HttpMethod.Post, $"/api/offers/{id}/publish", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True((bool)published!["isPublished"]!);
        var hidden = await (await client.SendAsync(HttpMethod.Post, $"/api/offers/{id}/unpublish", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.False((bool)hidden!["isPublished"]!);

        var audit = await (await client.SendAsync(HttpMethod.Get, $"/api/offers/{id}/audit", op.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(["updated", "updated", "created"], audit!.Select(a => (string)a!["action"]!));
        Assert.True((bool)audit![1]!["changes"]!["isPublished"]!["to"]!);
    }

    [Fact]
    public async Task Another_operator_cannot_add_offers_to_a_warehouse_it_does_not_own()
    {
        var (_, warehouseId) = await WarehouseAsync();
        var rival = await Scenario.RegisterAsync(client);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/offers", rival.Token, Supply.OfferBody()), HttpStatusCode.NotFound);
    }
}
