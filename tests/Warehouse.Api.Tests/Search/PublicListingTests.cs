using System.Net;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Api.Tests.Services;

namespace Warehouse.Api.Tests.Search;

/// <summary>
/// GET /api/listings/{warehouseId}: a listed warehouse as a trader sees it from the search results, with only what is
/// published, and nothing at all (404) for what is not listed.
/// </summary>
public sealed class PublicListingTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task A_listed_warehouse_shows_its_published_offers_with_free_quantity_and_published_services_with_upcoming_slots_only()
    {
        var op = await SearchData.OperatorAsync(client, "SIP");
        var at = SearchData.Offset(51.4556, 6.7333, 3, 2); // beside the Duisburg rail terminus
        var warehouseId = await SearchData.WarehouseAsync(client, op.Token, SearchData.WarehouseBody("详情测试仓", "DE", at, handling: ["oversizeHeavy"]));
        var published = await SearchData.OfferAsync(client, op.Token, warehouseId,
            SearchData.OfferBody(300, "palletPosition", 4.2m, "EUR", "perPalletWeek", bookingMode: "request"));
        var hidden = await SearchData.OfferAsync(client, op.Token, warehouseId, SearchData.OfferBody(50, "squareMetre", 10, "CNY", "perSquareMetreMonth"), publish: false);
        var studio = await ServiceSupply.CreateServiceAsync(client, op.Token, warehouseId, ServiceSupply.StudioBody());
        var slots = await ServiceSupply.CreateSlotsAsync(client, op.Token, (string)studio["id"]!, ServiceSupply.Hours(2));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/services/{(string)studio["id"]!}/publish", op.Token)).StatusCode);
        var hiddenService = await SearchData.ServiceAsync(client, op.Token, warehouseId, "fulfilment", publish: false);
        // 120 of the 300 pallet positions booked on one day: 180 remain over the whole window.
        await SearchData.ExecuteAsSuperuserAsync("UPDATE capacity_days SET booked = 120 WHERE offer_id = $1 AND day = $2::date",
            Guid.Parse((string)published["id"]!), SearchData.Day(3, 3));
        var trader = await Scenario.RegisterAsync(client, "trader");

        var response = await client.SendAsync(HttpMethod.Get, $"/api/listings/{warehouseId}", trader.Token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var listing = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(warehouseId, (string)listing["warehouse"]!["id"]!);
        Assert.Equal("详情测试仓", (string)listing["warehouse"]!["nameZh"]!);
        Assert.Equal(op.LegalNameZh, (string)listing["warehouse"]!["operator"]!["legalNameZh"]!);
        Assert.Equal("oversizeHeavy", (string)listing["warehouse"]!["handlingCapabilities"]![0]!);
        Assert.Equal("1 Test Street", (string)listing["address"]!);
        var rail = listing["nearestHubs"]!.AsArray().Single(h => (string)h!["kind"]! == "rail")!;
        Assert.Equal("DE-DUI", (string)rail["code"]!);
        Assert.True((double)rail["distanceKm"]! < 10);

        var offer = listing["offers"]!.AsArray().Single()!;
        Assert.Equal((string)published["id"]!, (string)offer["offerId"]!);
        Assert.Equal("palletPosition", (string)offer["unit"]!);
        Assert.Equal(180m, (decimal)offer["freeNow"]!);
        Assert.Equal("request", (string)offer["bookingMode"]!);
        Assert.Equal("EUR", (string)offer["price"]!["currency"]!);
        Assert.Equal((decimal)published["normalised"]!["cnyPerM2Month"]!, (decimal)offer["normalised"]!["cnyPerM2Month"]!);
        Assert.DoesNotContain((string)hidden["id"]!, text);

        var service = listing["services"]!.AsArray().Single()!;
        Assert.Equal("liveStreamStudio", (string)service["serviceType"]!);
        Assert.True((bool)service["isTimeSlotted"]!);
        Assert.Equal(slots.Select(s => (string)s!["id"]!), service["upcomingSlots"]!.AsArray().Select(s => (string)s!["slotId"]!));
        Assert.Equal(2, (int)service["upcomingSlots"]![0]!["free"]!);
        Assert.DoesNotContain((string)hiddenService["id"]!, text);
        Assert.Null(listing["certification"]);
    }

    [Fact]
    public async Task A_draft_warehouse_one_with_nothing_published_and_an_unknown_id_are_all_404()
    {
        var op = await SearchData.OperatorAsync(client, "SIP");
        var at = SearchData.Offset(-45, -25, 0, 0);
        var draft = await SearchData.WarehouseAsync(client, op.Token, SearchData.WarehouseBody("草稿详情仓", "BR", at), active: false);
        await SearchData.OfferAsync(client, op.Token, draft, SearchData.OfferBody(50, "squareMetre", 10, "CNY", "perSquareMetreMonth"), publish: false);
        var unpublished = await SearchData.WarehouseAsync(client, op.Token, SearchData.WarehouseBody("未发布详情仓", "BR", at));
        await SearchData.OfferAsync(client, op.Token, unpublished, SearchData.OfferBody(50, "squareMetre", 10, "CNY", "perSquareMetreMonth"), publish: false);
        var trader = await Scenario.RegisterAsync(client, "trader");

        foreach (var id in new[] { draft, unpublished, Guid.NewGuid().ToString() })
        {
            var response = await client.SendAsync(HttpMethod.Get, $"/api/listings/{id}", trader.Token);
            await Scenario.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Operators_are_refused_and_anonymous_callers_must_sign_in()
    {
        var op = await SearchData.OperatorAsync(client, "SIP");
        var warehouseId = await SearchData.WarehouseAsync(client, op.Token, SearchData.WarehouseBody("访问控制详情仓", "BR", SearchData.Offset(-44, -26, 0, 0)));
        await SearchData.OfferAsync(client, op.Token, warehouseId, SearchData.OfferBody(50, "squareMetre", 10, "CNY", "perSquareMetreMonth"));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, $"/api/listings/{warehouseId}", op.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, $"/api/listings/{warehouseId}", null)).StatusCode);
    }
}
