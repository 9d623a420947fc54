using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>
/// Supply and traders for the trader pages' tests, set up through the Api (what the tests are not about): an operator
/// with an active warehouse at a chosen point, a published offer and a published studio with slots, and traders.
/// </summary>
public static class TraderData
{
    /// <summary>Next calendar year: offers and bookings lie there, so the tests do not age into the past.</summary>
    public static readonly int Year = DateTime.UtcNow.Year + 1;

    public static string Day(int month, int day) => new DateOnly(Year, month, day).ToString("yyyy-MM-dd");

    public sealed record Listed(TestOrganisation Operator, string Token, string WarehouseId, string WarehouseName, string OfferId, string ServiceId, IReadOnlyList<string> SlotIds);

    public static TestOrganisation NewTrader() => TestOrganisation.NewOperator() with
    {
        Kind = "trader",
        LegalNameZh = $"苏州测试外贸有限公司{Guid.NewGuid():N}"[..24],
    };

    /// <summary>Registers a trader through the Api; its admin then signs in through the page.</summary>
    public static async Task<TestOrganisation> TraderAsync(HttpClient api)
    {
        var trader = NewTrader();
        await trader.RegisterThroughApiAsync(api);
        return trader;
    }

    public static async Task<string> LoginAsync(HttpClient api, string email, string password)
    {
        using var response = await api.PostAsJsonAsync("/api/auth/login", new { email, password });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, body?.ToJsonString());
        return (string)body!["accessToken"]!;
    }

    /// <summary>
    /// An operator's active warehouse (named uniquely) at (<paramref name="latitude"/>, <paramref name="longitude"/>)
    /// with one published instant-book offer of 500 m² for the whole of <see cref="Year"/> (10 m² and 30 days at least,
    /// free cancellation until 14 days before the start) and a published live-stream studio with two slots on 10 March.
    /// </summary>
    public static async Task<Listed> ListedWarehouseAsync(HttpClient api, double latitude, double longitude, string country,
        string bookingMode = "instant", decimal priceEur = 9.5m, int freeCancellationDays = 14, string? availableFrom = null)
    {
        var op = TestOrganisation.NewOperator();
        await op.RegisterThroughApiAsync(api);
        var token = await LoginAsync(api, op.AdminEmail, op.AdminPassword);
        var name = $"网页测试仓{Guid.NewGuid():N}"[..14];
        var warehouse = await SendAsync(api, HttpMethod.Post, "/api/warehouses", token, new JsonObject
        {
            ["nameZh"] = name,
            ["nameEn"] = "Web test DC " + name[5..],
            ["address"] = "Logistics Park 4",
            ["countryCode"] = country,
            ["city"] = "Testburg",
            ["location"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude },
            ["areas"] = new JsonObject { ["existingM2"] = 8000, ["inUseM2"] = 5000, ["underConstructionM2"] = 0 },
            ["ownership"] = "leased",
            ["leaseEndsOn"] = "2032-12-31",
            ["openedOn"] = "2023-04-01",
            ["storageConditions"] = new JsonArray("ambient"),
            ["handlingCapabilities"] = new JsonArray("oversizeHeavy"),
        }, HttpStatusCode.Created);
        var warehouseId = (string)warehouse["id"]!;
        await SendAsync(api, HttpMethod.Post, $"/api/warehouses/{warehouseId}/status", token, new JsonObject { ["status"] = "active" }, HttpStatusCode.OK);
        var offer = await SendAsync(api, HttpMethod.Post, $"/api/warehouses/{warehouseId}/offers", token, new JsonObject
        {
            ["unit"] = "squareMetre",
            ["quantity"] = 500,
            ["availableFrom"] = availableFrom ?? Day(1, 1),
            ["availableTo"] = Day(12, 31),
            ["minimumQuantity"] = 10,
            ["minimumTermDays"] = 30,
            ["price"] = new JsonObject { ["amount"] = priceEur, ["currency"] = "EUR", ["basis"] = "perSquareMetreMonth" },
            ["handlingFees"] = "inbound €1.5/carton",
            ["bookingMode"] = bookingMode,
            ["freeCancellationDays"] = freeCancellationDays,
        }, HttpStatusCode.Created);
        var offerId = (string)offer["id"]!;
        await SendAsync(api, HttpMethod.Post, $"/api/offers/{offerId}/publish", token, null, HttpStatusCode.OK);
        var studio = await SendAsync(api, HttpMethod.Post, $"/api/warehouses/{warehouseId}/services", token, new JsonObject
        {
            ["serviceType"] = "liveStreamStudio",
            ["price"] = new JsonObject { ["amount"] = 600, ["currency"] = "CNY", ["unit"] = "perSession" },
            ["descriptionZh"] = "仓内直播间，含灯光与千兆网络",
            ["descriptionEn"] = "In-warehouse studio with lights and gigabit uplink",
        }, HttpStatusCode.Created);
        var serviceId = (string)studio["id"]!;
        var first = new DateTimeOffset(Year, 3, 10, 9, 0, 0, TimeSpan.FromHours(1));
        var slots = await SendAsync(api, HttpMethod.Post, $"/api/services/{serviceId}/slots", token, new JsonObject
        {
            ["slots"] = new JsonArray(
                Slot(first, first.AddHours(3)),
                Slot(first.AddHours(5), first.AddHours(8))),
        }, HttpStatusCode.Created);
        await SendAsync(api, HttpMethod.Post, $"/api/services/{serviceId}/publish", token, null, HttpStatusCode.OK);
        return new Listed(op, token, warehouseId, name, offerId, serviceId, slots.AsArray().Select(s => (string)s!["id"]!).ToList());
    }

    private static JsonObject Slot(DateTimeOffset startsAt, DateTimeOffset endsAt) => new()
    {
        ["startsAt"] = startsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        ["endsAt"] = endsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        ["capacity"] = 1,
    };

    public static async Task<JsonNode> SendAsync(HttpClient api, HttpMethod method, string url, string token, JsonObject? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
