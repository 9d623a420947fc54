using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Services;

public sealed class ServiceTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<(Scenario.Member Operator, string WarehouseId)> WarehouseAsync(bool active = true)
    {
        var op = await Scenario.RegisterAsync(client);
        var warehouse = await Supply.CreateWarehouseAsync(client, op.Token);
        if (active) await Supply.ActivateAsync(client, op.Token, (string)warehouse["id"]!);
        return (op, (string)warehouse["id"]!);
    }

    private async Task<JsonArray> ListAsync(string token, string warehouseId)
        => (await (await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{warehouseId}/services", token)).Content.ReadFromJsonAsync<JsonArray>())!;

    [Fact]
    public async Task The_catalogue_lists_the_plans_services_in_chinese_and_english_and_says_which_are_sold_by_slot()
    {
        var response = await client.GetAsync("/api/reference/service-types");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var types = (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(t => t!.AsObject()).ToDictionary(t => (string)t["code"]!);

        // The eight services the action plan and DOMAIN.md name, with their Chinese names.
        var named = new Dictionary<string, string>
        {
            ["fulfilment"] = "仓配一体", ["liveStreamStudio"] = "仓内直播", ["showroom"] = "前展后仓", ["afterSalesRepair"] = "售后维修",
            ["returnsRelabel"] = "退换货/换标", ["consolidationTransfer"] = "中转/集拼", ["customsClearance"] = "清关", ["marketingDisplay"] = "营销展示",
        };
        foreach (var (code, nameZh) in named) Assert.Equal(nameZh, (string)types[code]["nameZh"]!);
        // What traders also look for, including the coverage certification programmes assess.
        Assert.Equal("一件代发", (string)types["dropShipping"]["nameZh"]!);
        Assert.Equal("质检", (string)types["qualityInspection"]["nameZh"]!);
        Assert.Contains("productPhotography", types.Keys);
        Assert.Contains("lastMileDelivery", types.Keys);
        Assert.Contains("palletDistribution", types.Keys);
        Assert.Contains("kittingAssembly", types.Keys);

        Assert.Equal(["afterSalesRepair", "liveStreamStudio", "showroom"], types.Values.Where(t => (bool)t["isTimeSlotted"]!).Select(t => (string)t["code"]!).Order());
        Assert.Equal("studio hours", (string)types["liveStreamStudio"]["slotLabelEn"]!);
        Assert.Equal("showroom visits", (string)types["showroom"]["slotLabelEn"]!);
        Assert.Equal("repair bench days", (string)types["afterSalesRepair"]["slotLabelEn"]!);
        Assert.Null(types["fulfilment"]["slotLabelEn"]);
        Assert.All(types.Values, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string)t["nameEn"]!));
            Assert.False(string.IsNullOrWhiteSpace((string)t["descriptionZh"]!));
            Assert.False(string.IsNullOrWhiteSpace((string)t["descriptionEn"]!));
        });
        Assert.Equal("fulfilment", (string)(await client.GetFromJsonAsync<JsonArray>("/api/reference/service-types"))![0]!["code"]!);
    }

    [Fact]
    public async Task An_operator_offers_a_service_edits_it_and_publishes_it_only_once_the_warehouse_is_active()
    {
        var (op, warehouseId) = await WarehouseAsync(active: false);
        var created = await ServiceSupply.CreateServiceAsync(client, op.Token, warehouseId);
        var id = (string)created["id"]!;
        Assert.Equal("fulfilment", (string)created["serviceType"]!);
        Assert.Equal("仓配一体", (string)created["nameZh"]!);
        Assert.False((bool)created["isTimeSlotted"]!);
        Assert.Equal(3.5m, (decimal)created["price"]!["amount"]!);
        Assert.Equal("perOrder", (string)created["price"]!["unit"]!);
        Assert.False((bool)created["isPublished"]!);

        var edit = ServiceSupply.ServiceBody(amount: 3.8m, currency: "usd", unit: "perItem");
        edit["version"] = (uint)created["version"]!;
        var edited = await (await client.SendAsync(HttpMethod.Put, $"/api/services/{id}", op.Token, edit)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("USD", (string)edited!["price"]!["currency"]!);
        Assert.Equal("perItem", (string)edited["price"]!["unit"]!);

        var refused = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/services/{id}/publish", op.Token), HttpStatusCode.Conflict);
        Assert.Equal("warehouse.notActive", (string)refused["code"]!);
        await Supply.ActivateAsync(client, op.Token, warehouseId);
        var published = await (await client.SendAsync(HttpMethod.Post, $"/api/services/{id}/publish", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True((bool)published!["isPublished"]!);
        var hidden = await (await client.SendAsync(HttpMethod.Post, $"/api/services/{id}/unpublish", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.False((bool)hidden!["isPublished"]!);

        var listed = Assert.Single(await ListAsync(op.Token, warehouseId));
        Assert.Equal(id, (string)listed!["id"]!);
        var one = await (await client.SendAsync(HttpMethod.Get, $"/api/services/{id}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(3.8m, (decimal)one!["price"]!["amount"]!);
    }

    [Fact]
    public async Task The_audit_trail_records_who_changed_which_price_and_when_it_was_published()
    {
        var (op, warehouseId) = await WarehouseAsync();
        var created = await ServiceSupply.CreateServiceAsync(client, op.Token, warehouseId);
        var id = (string)created["id"]!;
        var edit = ServiceSupply.ServiceBody(amount: 4m);
        edit["version"] = (uint)created["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/services/{id}", op.Token, edit)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/services/{id}/publish", op.Token)).StatusCode);

        var audit = await (await client.SendAsync(HttpMethod.Get, $"/api/services/{id}/audit", op.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(["updated", "updated", "created"], audit!.Select(a => (string)a!["action"]!));
        Assert.All(audit!, a => Assert.Equal(op.Email, (string)a!["userEmail"]!));
        var priceChange = audit![1]!["changes"]!;
        Assert.Equal(3.5m, (decimal)priceChange["price.amount"]!["from"]!);
        Assert.Equal(4m, (decimal)priceChange["price.amount"]!["to"]!);
        Assert.Null(priceChange["price.currency"]); // unchanged values are not listed
        Assert.True((bool)audit[0]!["changes"]!["isPublished"]!["to"]!);
        Assert.Equal("fulfilment", (string)audit[2]!["changes"]!["serviceTypeCode"]!["to"]!);
    }

    [Theory]
    [InlineData("serviceType", "\"warehouseCat\"", "serviceType")]
    [InlineData("serviceType", "\"\"", "serviceType")]
    [InlineData("price", """{"amount": 0, "currency": "EUR", "unit": "perOrder"}""", "price.amount")]
    [InlineData("price", """{"amount": -2, "currency": "EUR", "unit": "perOrder"}""", "price.amount")]
    [InlineData("price", """{"amount": 1.23456, "currency": "EUR", "unit": "perOrder"}""", "price.amount")]
    [InlineData("price", """{"amount": 3, "currency": "XYZ", "unit": "perOrder"}""", "price.currency")]
    [InlineData("price", """{"amount": 3, "currency": "EURO", "unit": "perOrder"}""", "price.currency")]
    [InlineData("price", """{"amount": 3, "currency": "EUR"}""", "price.unit")]
    [InlineData("price", """{"amount": 3, "currency": "EUR", "unit": "perFortnight"}""", "price.unit")]
    [InlineData("descriptionEn", "\"x\"", "descriptionEn")] // replaced by 2,001 characters below
    [InlineData("descriptionZh", "\"坏\\u0000数据\"", "descriptionZh")]
    public async Task Invalid_services_are_400s_naming_the_field_and_nothing_is_written(string property, string json, string field)
    {
        var (op, warehouseId) = await WarehouseAsync();
        var body = ServiceSupply.ServiceBody();
        body[property] = property == "descriptionEn" ? new string('x', 2001) : JsonNode.Parse(json);
        var problem = await Scenario.AssertProblemAsync(
            await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/services", op.Token, body), HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?[field] is not null, $"expected an error for {field}: {problem}");
        Assert.Empty(await ListAsync(op.Token, warehouseId));
    }

    [Fact]
    public async Task A_stale_edit_is_a_409_and_an_edit_without_a_version_or_changing_the_type_is_a_400()
    {
        var (op, warehouseId) = await WarehouseAsync();
        var created = await ServiceSupply.CreateServiceAsync(client, op.Token, warehouseId);
        var id = (string)created["id"]!;
        var edit = ServiceSupply.ServiceBody(amount: 5m);
        edit["version"] = (uint)created["version"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/services/{id}", op.Token, edit)).StatusCode);

        edit["price"]!["amount"] = 6m;
        var stale = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/services/{id}", op.Token, edit), HttpStatusCode.Conflict);
        Assert.Equal("conflict.stale", (string)stale["code"]!);

        var noVersion = await Scenario.AssertProblemAsync(
            await client.SendAsync(HttpMethod.Put, $"/api/services/{id}", op.Token, ServiceSupply.ServiceBody(amount: 7m)), HttpStatusCode.BadRequest);
        Assert.NotNull(noVersion["errors"]!["version"]);

        var current = await (await client.SendAsync(HttpMethod.Get, $"/api/services/{id}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(5m, (decimal)current!["price"]!["amount"]!);
        var otherType = ServiceSupply.StudioBody();
        otherType["version"] = (uint)current["version"]!;
        var typeChange = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/services/{id}", op.Token, otherType), HttpStatusCode.BadRequest);
        Assert.NotNull(typeChange["errors"]!["serviceType"]);
    }

    [Fact]
    public async Task A_closed_warehouse_offers_no_new_services()
    {
        var (op, warehouseId) = await WarehouseAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/status", op.Token, new { status = "closed" })).StatusCode);
        var problem = await Scenario.AssertProblemAsync(
            await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/services", op.Token, ServiceSupply.ServiceBody()), HttpStatusCode.Conflict);
        Assert.Equal("warehouse.closed", (string)problem["code"]!);
    }

    [Fact]
    public async Task Another_operator_can_neither_see_nor_change_nor_add_services()
    {
        var (op, warehouseId) = await WarehouseAsync();
        var created = await ServiceSupply.CreateServiceAsync(client, op.Token, warehouseId);
        var id = (string)created["id"]!;
        var rival = await Scenario.RegisterAsync(client);
        var edit = ServiceSupply.ServiceBody(amount: 0.01m);
        edit["version"] = (uint)created["version"]!;

        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, $"/api/services/{id}", rival.Token), HttpStatusCode.NotFound);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/services/{id}", rival.Token, edit), HttpStatusCode.NotFound);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/services/{id}/publish", rival.Token), HttpStatusCode.NotFound);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{warehouseId}/services", rival.Token), HttpStatusCode.NotFound);
        await Scenario.AssertProblemAsync(
            await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/services", rival.Token, ServiceSupply.ServiceBody()), HttpStatusCode.NotFound);

        var unchanged = await (await client.SendAsync(HttpMethod.Get, $"/api/services/{id}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(3.5m, (decimal)unchanged!["price"]!["amount"]!);
        Assert.Single(await ListAsync(op.Token, warehouseId));
    }

    [Fact]
    public async Task A_trader_cannot_offer_services()
    {
        var trader = await Scenario.RegisterAsync(client, "trader");
        await Scenario.AssertProblemAsync(
            await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{Guid.NewGuid()}/services", trader.Token, ServiceSupply.ServiceBody()), HttpStatusCode.Forbidden);
    }
}
