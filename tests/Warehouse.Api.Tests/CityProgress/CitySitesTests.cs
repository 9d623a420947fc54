using System.Net;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.CityProgress;

/// <summary>The dashboard map's sites: every active warehouse as of the latest snapshot, listed or not, for the bureau only.</summary>
[Collection(CitySnapshotCollection.Name)]
public sealed class CitySitesTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task The_bureau_sees_every_active_warehouse_listed_or_not_with_its_point_and_operator_and_no_draft()
    {
        var op = await Scenario.RegisterAsync(client, "operator");
        var at = (Lat: Math.Round(-30 + Random.Shared.NextDouble() * 10, 5), Lon: Math.Round(100 + Random.Shared.NextDouble() * 20, 5));
        var body = Supply.WarehouseBody($"未上架仓{Guid.NewGuid():N}");
        body["address"] = $"Unlisted Road {Guid.NewGuid():N}";
        body["location"] = new JsonObject { ["latitude"] = at.Lat, ["longitude"] = at.Lon };
        var unlisted = (string)(await Supply.CreateWarehouseAsync(client, op.Token, body))["id"]!;
        await Supply.ActivateAsync(client, op.Token, unlisted); // active, but no published offer: not in any search
        var draft = (string)(await Supply.CreateWarehouseAsync(client, op.Token, Supply.WarehouseBody($"草稿仓{Guid.NewGuid():N}")))["id"]!;

        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var snapshot = await client.SendAsync(HttpMethod.Post, "/api/city-progress/snapshots", bureau);
        Assert.True(snapshot.StatusCode == HttpStatusCode.OK, await snapshot.Content.ReadAsStringAsync());

        var response = await client.SendAsync(HttpMethod.Get, "/api/city-progress/sites", bureau);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var sites = JsonNode.Parse(text)!;
        var items = sites["items"]!.AsArray();
        Assert.Equal(items.Count, (int)sites["count"]!);
        var site = items.Single(s => (string)s!["warehouseId"]! == unlisted)!;
        Assert.Equal(at.Lat, (double)site["latitude"]!, 5);
        Assert.Equal(at.Lon, (double)site["longitude"]!, 5);
        Assert.Equal(op.LegalNameZh, (string)site["operatorNameZh"]!);
        Assert.Equal(12000m, (decimal)site["existingM2"]!);
        Assert.DoesNotContain(items, s => (string)s!["warehouseId"]! == draft);
        // No operator id in the answer: the map needs names only.
        Assert.DoesNotContain(op.OrganisationId.ToString(), text, StringComparison.OrdinalIgnoreCase);

        // Only the bureau: operators and traders are refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/city-progress/sites", op.Token)).StatusCode);
        var trader = await Scenario.RegisterAsync(client, "trader");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/city-progress/sites", trader.Token)).StatusCode);
    }
}
