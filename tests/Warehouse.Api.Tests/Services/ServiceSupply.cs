using System.Net;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Services;

/// <summary>Helpers for services and their slots, created through the Api.</summary>
public static class ServiceSupply
{
    /// <summary>Midnight UTC a month from now: slots must start in the future, and within three years.</summary>
    public static readonly DateTimeOffset Day = new(DateTime.UtcNow.Date.AddDays(30), TimeSpan.Zero);

    public static JsonObject ServiceBody(string serviceType = "fulfilment", decimal amount = 3.5m, string currency = "EUR", string unit = "perOrder",
        string? descriptionZh = null) => new()
    {
        ["serviceType"] = serviceType,
        ["price"] = new JsonObject { ["amount"] = amount, ["currency"] = currency, ["unit"] = unit },
        ["descriptionZh"] = descriptionZh ?? "含拣货、包装、面单打印",
        ["descriptionEn"] = "Picking, packing and label printing included",
    };

    /// <summary>A live-stream studio, sold per session in yuan.</summary>
    public static JsonObject StudioBody(string? descriptionZh = null)
        => ServiceBody("liveStreamStudio", 600m, "CNY", "perSession", descriptionZh ?? "30 平方米直播间，含灯光与千兆网络");

    /// <summary>A request body of <paramref name="count"/> back-to-back one-hour slots from 09:00 UTC on <see cref="Day"/> (+ <paramref name="dayOffset"/>).</summary>
    public static JsonObject Hours(int count, int dayOffset = 0, int firstHour = 9, int capacity = 2)
    {
        var first = Day.AddDays(dayOffset).AddHours(firstHour);
        return new JsonObject
        {
            ["slots"] = new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)Slot(first.AddHours(i), first.AddHours(i + 1), capacity)).ToArray()),
        };
    }

    public static JsonObject Slot(DateTimeOffset startsAt, DateTimeOffset endsAt, int capacity = 2) => new()
    {
        ["startsAt"] = startsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        ["endsAt"] = endsAt.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        ["capacity"] = capacity,
    };

    public static async Task<JsonObject> CreateServiceAsync(HttpClient client, string token, string warehouseId, JsonObject? body = null)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/services", token, body ?? ServiceBody());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonArray> CreateSlotsAsync(HttpClient client, string token, string serviceId, JsonObject body)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/services/{serviceId}/slots", token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsArray();
    }
}
