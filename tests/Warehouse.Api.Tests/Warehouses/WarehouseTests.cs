using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Warehouses;

public sealed class WarehouseTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task An_operator_creates_a_warehouse_and_sees_its_nearest_rail_node_and_footprint_area()
    {
        var op = await Scenario.RegisterAsync(client);
        var body = Supply.WarehouseBody();
        // About 100 m × 100 m around the location.
        body["footprint"] = JsonNode.Parse("""
            [ {"latitude": 51.4552, "longitude": 6.7326}, {"latitude": 51.4552, "longitude": 6.7340},
              {"latitude": 51.4561, "longitude": 6.7340}, {"latitude": 51.4561, "longitude": 6.7326},
              {"latitude": 51.4552, "longitude": 6.7326} ]
            """);
        var created = await Supply.CreateWarehouseAsync(client, op.Token, body);

        Assert.Equal("draft", (string)created["status"]!);
        Assert.Equal(op.UserId, (Guid)created["statusChangedBy"]!);
        Assert.Equal(9000m, (decimal)created["areas"]!["inUseM2"]!);
        var area = (double)created["footprintAreaM2"]!;
        Assert.InRange(area, 9000, 10500); // 0.0014° of longitude ≈ 97 m at 51.46° N, 0.0009° of latitude ≈ 100 m
        var rail = created["nearestHubs"]!.AsArray().First(h => (string)h!["kind"]! == "rail")!;
        Assert.Equal("DE-DUI", (string)rail["code"]!);
        Assert.InRange((double)rail["distanceKm"]!, 0, 15);
    }

    [Theory]
    [InlineData("location", """{"latitude": 91, "longitude": 6.7}""", "location.latitude")]
    [InlineData("location", """{"latitude": 51.4, "longitude": 200}""", "location.longitude")]
    [InlineData("location", """{"latitude": 51.4}""", "location")]
    [InlineData("areas", """{"existingM2": -1, "inUseM2": 0}""", "areas.existingM2")]
    [InlineData("areas", """{"existingM2": 100, "inUseM2": 101}""", "areas.inUseM2")]
    [InlineData("countryCode", "\"ZZ\"", "countryCode")]
    [InlineData("countryCode", "\"Germany\"", "countryCode")]
    [InlineData("nameZh", "\"\"", "nameZh")]
    [InlineData("ownership", "\"leased\"", "leaseEndsOn")]
    [InlineData("footprint", """[{"latitude": 51.4552, "longitude": 6.7326}, {"latitude": 51.4561, "longitude": 6.7340}, {"latitude": 51.4552, "longitude": 6.7340}, {"latitude": 51.4561, "longitude": 6.7326}, {"latitude": 51.4552, "longitude": 6.7326}]""", "footprint")]
    public async Task Invalid_warehouses_are_400s_naming_the_field_and_nothing_is_written(string property, string json, string field)
    {
        var op = await Scenario.RegisterAsync(client);
        var body = Supply.WarehouseBody($"坏数据仓{Guid.NewGuid():N}");
        body[property] = JsonNode.Parse(json);
        if (field == "leaseEndsOn") body.Remove("leaseEndsOn");
        var problem = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/warehouses", op.Token, body), HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?[field] is not null, $"expected an error for {field}: {problem}");
        var list = await (await client.SendAsync(HttpMethod.Get, "/api/warehouses", op.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Empty(list!);
    }

    [Fact]
    public async Task A_nul_in_the_address_is_a_400_not_a_500()
    {
        var op = await Scenario.RegisterAsync(client);
        var body = Supply.WarehouseBody();
        body["address"] = "Hafen\0straße";
        var problem = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/warehouses", op.Token, body), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["address"]);
    }

    [Fact]
    public async Task Editing_a_stale_version_is_a_409_and_the_fresh_edit_wins()
    {
        var op = await Scenario.RegisterAsync(client);
        var created = await Supply.CreateWarehouseAsync(client, op.Token);
        var id = (string)created["id"]!;
        var version = (uint)created["version"]!;

        var first = Supply.WarehouseBody("第一次修改");
        first["version"] = version;
        var ok = await client.SendAsync(HttpMethod.Put, $"/api/warehouses/{id}", op.Token, first);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var stale = Supply.WarehouseBody("过期的修改");
        stale["version"] = version;
        var problem = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/warehouses/{id}", op.Token, stale), HttpStatusCode.Conflict);
        Assert.Equal("conflict.stale", (string)problem["code"]!);
        var now = await (await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{id}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("第一次修改", (string)now!["nameZh"]!);

        var missing = Supply.WarehouseBody("没有版本");
        var noVersion = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/warehouses/{id}", op.Token, missing), HttpStatusCode.BadRequest);
        Assert.NotNull(noVersion["errors"]!["version"]);
    }

    [Fact]
    public async Task The_audit_trail_records_who_changed_what_and_when()
    {
        var op = await Scenario.RegisterAsync(client);
        var created = await Supply.CreateWarehouseAsync(client, op.Token);
        var id = (string)created["id"]!;
        var edit = Supply.WarehouseBody();
        edit["areas"] = JsonNode.Parse("""{"existingM2": 15000, "inUseM2": 9000, "underConstructionM2": 0}""");
        edit["version"] = (uint)created["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/warehouses/{id}", op.Token, edit)).StatusCode);
        await Supply.ActivateAsync(client, op.Token, id);

        var audit = await (await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{id}/audit", op.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(["updated", "updated", "created"], audit!.Select(a => (string)a!["action"]!));
        Assert.All(audit!, a => Assert.Equal(op.Email, (string)a!["userEmail"]!));
        var areaChange = audit![1]!["changes"]!;
        Assert.Equal(12000m, (decimal)areaChange["areas.existingM2"]!["from"]!);
        Assert.Equal(15000m, (decimal)areaChange["areas.existingM2"]!["to"]!);
        Assert.Null(areaChange["areas.inUseM2"]); // unchanged values are not listed
        Assert.Equal("Active", (string)audit[0]!["changes"]!["status"]!["to"]!);
    }

    [Fact]
    public async Task A_trader_cannot_publish_warehouses()
    {
        var trader = await Scenario.RegisterAsync(client, "trader");
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/warehouses", trader.Token, Supply.WarehouseBody()), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_operator_sees_neither_the_list_entry_nor_the_warehouse()
    {
        var a = await Scenario.RegisterAsync(client);
        var b = await Scenario.RegisterAsync(client);
        var created = await Supply.CreateWarehouseAsync(client, a.Token);
        var list = await (await client.SendAsync(HttpMethod.Get, "/api/warehouses", b.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Empty(list!);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{(string)created["id"]!}", b.Token), HttpStatusCode.NotFound);
    }
}
