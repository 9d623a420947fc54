using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Feeds;

/// <summary>
/// Settings of an Api tuned so feed behaviour shows in seconds: feeds may reach 127.0.0.1 (the fake WMS), one-second
/// polling is allowed, an attempt times out after a second, retries wait 50 ms, the breaker opens after three failed
/// calls and half-opens after 1.5 s. Production keeps the defaults of <c>FeedSettings</c>.
/// </summary>
public static class FeedSettingsForTests
{
    public static Dictionary<string, string?> Values(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Feeds:AllowPrivateNetworks"] = "true",
            ["Feeds:MinPollingIntervalSeconds"] = "1",
            ["Feeds:AttemptTimeout"] = "00:00:01",
            ["Feeds:TotalTimeout"] = "00:00:05",
            ["Feeds:MaxRetries"] = "2",
            ["Feeds:RetryDelay"] = "00:00:00.050",
            ["Feeds:MaxRetryDelay"] = "00:00:02",
            ["Feeds:BreakerFailureRatio"] = "0.5",
            ["Feeds:BreakerMinimumThroughput"] = "3",
            ["Feeds:BreakerSamplingDuration"] = "00:00:30",
            ["Feeds:BreakerBreakDuration"] = "00:00:01.500",
            ["Feeds:StaleAfter"] = "00:30:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) values[key] = value;
        return values;
    }
}

/// <summary>
/// One feed-tuned Api for a test class, on the assembly's database. Its breakers practically never open (minimum
/// throughput 1,000), so each test sees the failure it provokes rather than an open breaker from the one before;
/// <see cref="BreakerApiFixture"/> is the one tuned for the breaker.
/// </summary>
public sealed class FeedApiFixture : IAsyncDisposable
{
    public ApiFactory Factory { get; } = new(FeedSettingsForTests.Values(new Dictionary<string, string?> { ["Feeds:BreakerMinimumThroughput"] = "1000" }));

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>A feed-tuned Api whose breaker opens after three failed calls and half-opens 1.5 s later.</summary>
public sealed class BreakerApiFixture : IAsyncDisposable
{
    public ApiFactory Factory { get; } = new(FeedSettingsForTests.Values());

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>An operator with an active warehouse and a published, instant-book offer, at a point nothing else shares.</summary>
public sealed record FeedWorld(Scenario.Member Operator, string WarehouseId, string OfferId, string From, string To, object Near);

public static class FeedSupply
{
    public static async Task<FeedWorld> WorldAsync(HttpClient client, decimal quantity = 500)
    {
        var op = await SearchData.OperatorAsync(client, "SIP");
        var at = (Latitude: -45 + RandomNumberGenerator.GetInt32(1000) / 100.0, Longitude: -20 + RandomNumberGenerator.GetInt32(2000) / 100.0);
        var warehouseId = await SearchData.WarehouseAsync(client, op.Token, SearchData.WarehouseBody("实时仓容测试仓", "BR", at));
        string from = SearchData.Day(3, 1), to = SearchData.Day(3, 31);
        var offer = await SearchData.OfferAsync(client, op.Token, warehouseId,
            SearchData.OfferBody(quantity, "squareMetre", 10, "CNY", "perSquareMetreMonth", from, to));
        return new FeedWorld(op, warehouseId, (string)offer["id"]!, from, to, new { latitude = at.Latitude, longitude = at.Longitude, radiusKm = 1 });
    }

    /// <summary>A v1 update: the given free quantity on each day from <paramref name="from"/> for <paramref name="days"/> days.</summary>
    public static JsonObject Update(long sequence, string offerId, string from, int days, decimal free, string? warehouseId = null)
    {
        var first = DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var update = new JsonObject
        {
            ["contract"] = "warehouse-availability/v1",
            ["sequence"] = sequence,
            ["generatedAt"] = DateTimeOffset.UtcNow.ToString("O"),
            ["offers"] = new JsonArray(new JsonObject
            {
                ["offerId"] = offerId,
                ["days"] = new JsonArray(Enumerable.Range(0, days)
                    .Select(i => (JsonNode)new JsonObject { ["date"] = first.AddDays(i).ToString("yyyy-MM-dd"), ["free"] = free }).ToArray()),
            }),
        };
        if (warehouseId is not null) update["warehouseId"] = warehouseId;
        return update;
    }

    public static async Task<JsonObject> CreateFeedAsync(HttpClient client, string token, string warehouseId, object body)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/feeds", token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<(JsonNode Body, string Text)> GetAsync(HttpClient client, string token, string url)
    {
        var response = await client.SendAsync(HttpMethod.Get, url, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return (JsonNode.Parse(text)!, text);
    }

    public static async Task<JsonObject> PollNowAsync(HttpClient client, string token, string feedId)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/feeds/{feedId}/poll", token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"poll: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Capacity and booked of one day of an offer, read through the operator's own endpoint.</summary>
    public static async Task<(decimal Capacity, decimal Booked)> DayAsync(HttpClient client, string token, string offerId, string day)
    {
        var response = await client.SendAsync(HttpMethod.Get, $"/api/offers/{offerId}/days?from={day}&to={day}", token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var row = JsonNode.Parse(text)!.AsArray().Single()!;
        return ((decimal)row["capacity"]!, (decimal)row["booked"]!);
    }

    /// <summary>A push request signed the way the README tells a partner to sign it.</summary>
    public static HttpRequestMessage Push(string feedId, string key, string body, DateTimeOffset signedAt, string? signatureKey = null)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signatureKey ?? key), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feedId}/push")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Feed-Key", key);
        request.Headers.Add("X-Feed-Timestamp", timestamp);
        request.Headers.Add("X-Feed-Signature", "sha256=" + signature);
        return request;
    }
}
