using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Warehouse.Api.Features.Feeds;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Feeds;

/// <summary>
/// Pull feeds against a fake WMS that misbehaves in every way the issue lists. Each test polls with the operator's
/// "poll now" (the same fetch-and-apply the scheduled job runs) so what happens is tied to one poll.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class PullFeedTests(FeedApiFixture feedApi) : IClassFixture<FeedApiFixture>, IAsyncLifetime
{
    private readonly HttpClient client = feedApi.Factory.CreateClient();
    private FakeWms wms = null!;

    public async ValueTask InitializeAsync() => wms = await FakeWms.StartAsync();

    public async ValueTask DisposeAsync() => await wms.DisposeAsync();

    private const string Secret = "sk-live-7f3c2a9e-partner-credential";

    private async Task<(FeedWorld World, string FeedId)> PullFeedAsync(string path = "/wms-a", string auth = "apiKeyHeader")
    {
        var world = await FeedSupply.WorldAsync(client);
        var feed = await FeedSupply.CreateFeedAsync(client, world.Operator.Token, world.WarehouseId, new
        {
            mode = "pull",
            baseUrl = wms.BaseUrl + path,
            authentication = auth == "apiKeyHeader" ? (object)new { type = "apiKeyHeader", headerName = "X-Api-Key", secret = Secret } : new { type = "bearer", secret = Secret },
            pollingIntervalSeconds = 60,
        });
        Assert.DoesNotContain(Secret, feed.ToJsonString());
        return (world, (string)feed["id"]!);
    }

    private static async Task AssertHealthAsync(JsonObject feed, string state)
        => Assert.True((string)feed["health"]!["state"]! == state, $"expected {state}: {feed["health"]!.ToJsonString()}");

    [Fact]
    public async Task A_polled_update_sets_capacity_to_booked_plus_free_sends_the_credential_and_never_returns_it()
    {
        var (world, feedId) = await PullFeedAsync();
        wms.Behaviour = FakeWms.Json(FeedSupply.Update(7, world.OfferId, world.From, 10, 120));

        var polled = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
        await AssertHealthAsync(polled, "healthy");
        Assert.Equal(7, (long)polled["health"]!["lastSequence"]!);
        Assert.Equal((120m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
        // Days the feed did not mention keep the offer's quantity.
        Assert.Equal((500m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, SearchData.Day(3, 20)));

        // The partner got the decrypted key in the header the operator named, at the contract's path.
        var request = wms.Requests.Last();
        Assert.Equal("/wms-a/availability", request.Path);
        Assert.Equal(Secret, request.Headers["X-Api-Key"]);

        // The key is stored encrypted, and no answer of any feed endpoint carries it.
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_feeds WHERE protected_secret LIKE '%' || $1 || '%'", Secret));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_feeds WHERE id = $1 AND protected_secret IS NOT NULL", Guid.Parse(feedId)));
        var texts = new List<string> { polled.ToJsonString() };
        texts.Add((await FeedSupply.GetAsync(client, world.Operator.Token, "/api/feeds")).Text);
        texts.Add((await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{feedId}")).Text);
        var current = (await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{feedId}")).Body;
        var put = await client.SendAsync(HttpMethod.Put, $"/api/feeds/{feedId}", world.Operator.Token, new
        {
            baseUrl = wms.BaseUrl + "/wms-a", pollingIntervalSeconds = 120, version = (uint)current["version"]!,
        });
        texts.Add(await put.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((bool)JsonNode.Parse(texts[^1])!["hasCredential"]!); // kept when not sent again
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        texts.Add((await FeedSupply.GetAsync(client, bureau, "/api/feeds/health")).Text);
        texts.Add(await (await client.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync());
        Assert.All(texts, text => Assert.DoesNotContain(Secret, text));
        Assert.All(texts, text => Assert.DoesNotContain("protectedSecret", text));

        // The credential still works after the edit (it was kept, encrypted for this feed).
        wms.Behaviour = FakeWms.Json(FeedSupply.Update(8, world.OfferId, world.From, 1, 90));
        await AssertHealthAsync(await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId), "healthy");
        Assert.Equal(Secret, wms.Requests.Last().Headers["X-Api-Key"]);
    }

    [Fact]
    public async Task Every_kind_of_bad_answer_keeps_the_last_good_data_and_shows_in_health_and_the_api_keeps_serving()
    {
        var (world, feedId) = await PullFeedAsync("/wms-bad", auth: "bearer");
        wms.Behaviour = FakeWms.Json(FeedSupply.Update(1, world.OfferId, world.From, 5, 200));
        await AssertHealthAsync(await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId), "healthy");
        Assert.Equal("Bearer " + Secret, wms.Requests.Last().Headers["Authorization"]);

        var cases = new (string Name, Func<Microsoft.AspNetCore.Http.HttpContext, int, Task> Behaviour, string Error)[]
        {
            ("500", (http, _) => FakeWms.Status(http, 500), "HTTP 500"),
            ("malformed JSON", (http, _) => FakeWms.Write(http, 200, "{\"contract\": \"warehouse-availability/v1\", \"sequence\": 2, \"offers\": [ {"), "not valid JSON"),
            ("not the contract", FakeWms.Json(new JsonObject { ["contract"] = "something-else/v9", ["sequence"] = 2, ["offers"] = new JsonArray() }), "not a valid"),
            ("unknown member", FakeWms.Json(new JsonObject { ["contract"] = "warehouse-availability/v1", ["sequence"] = 2, ["surprise"] = true }), "not valid JSON"),
            ("50 MB body", FakeWms.Huge(), "larger than"),
            ("no answer", FakeWms.Hang(), "did not answer in time"),
            ("slow drip", FakeWms.Drip(TimeSpan.FromMilliseconds(200)), "did not answer in time"),
            ("another warehouse's offer", FakeWms.Json(FeedSupply.Update(2, Guid.NewGuid().ToString(), world.From, 1, 5)), "offers[0].offerId"),
        };
        var failures = 0;
        foreach (var (name, behaviour, error) in cases)
        {
            wms.Behaviour = behaviour;
            var started = DateTime.UtcNow;
            var feed = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
            failures++;
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), $"{name}: took {DateTime.UtcNow - started}");
            var health = feed["health"]!;
            Assert.True((string?)health["lastError"] is { } last && last.Contains(error, StringComparison.Ordinal), $"{name}: {health.ToJsonString()}");
            Assert.Equal("failing", (string)health["state"]!); // data is fresh, the last try failed
            Assert.True((int)health["consecutiveFailures"]! >= 1, name);
            Assert.Equal(1, (long)health["lastSequence"]!);
            // The last good data is untouched.
            Assert.Equal((200m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }

        // The partner recovers: the next poll applies its update and the feed is healthy again.
        wms.Behaviour = FakeWms.Json(FeedSupply.Update(2, world.OfferId, world.From, 5, 150));
        var recovered = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
        await AssertHealthAsync(recovered, "healthy");
        Assert.Equal(0, (int)recovered["health"]!["consecutiveFailures"]!);
        Assert.Equal((150m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_the_wait_the_partner_asked_for()
    {
        var (world, feedId) = await PullFeedAsync("/wms-429");
        var update = FeedSupply.Update(3, world.OfferId, world.From, 2, 77);
        var first = 0;
        wms.Behaviour = (http, n) =>
        {
            if (Interlocked.CompareExchange(ref first, n, 0) == 0) return FakeWms.Status(http, 429, retryAfter: "1");
            return FakeWms.Write(http, 200, update.ToJsonString());
        };
        var before = wms.Count();
        var feed = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
        await AssertHealthAsync(feed, "healthy");
        var calls = wms.Requests.Skip(before).ToList();
        Assert.Equal(2, calls.Count);
        // The back-off alone is 50 ms; the second call waited for the partner's Retry-After of one second.
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {calls[1].At - calls[0].At}");
        Assert.Equal((77m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
    }

    [Fact]
    public async Task A_flapping_partner_repeating_its_update_never_has_it_applied_twice_and_an_older_one_is_ignored()
    {
        var (world, feedId) = await PullFeedAsync("/wms-flap");
        // A booking of 100 on the first three days, then an update saying 30 fewer than that are free on day 1.
        var trader = await Scenario.RegisterAsync(client, "trader");
        var booked = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token,
            new { offerId = world.OfferId, quantity = 100, startsOn = world.From, endsOn = SearchData.Day(3, 3) });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var bookingId = (string)JsonNode.Parse(await booked.Content.ReadAsStringAsync())!["id"]!;

        var update = FeedSupply.Update(10, world.OfferId, world.From, 3, 60);
        update["offers"]![0]!["days"]![0]!["free"] = -30;
        // Fails every other call: some polls fail outright, others succeed after a retry.
        wms.Behaviour = (http, n) => n % 2 == 0 ? FakeWms.Status(http, 500) : FakeWms.Write(http, 200, update.ToJsonString());
        var outcomes = new List<string>();
        for (var i = 0; i < 6; i++)
            outcomes.Add((string)(await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId))["health"]!["state"]!);
        Assert.Contains("healthy", outcomes);

        // Day 1: capacity never below booked (the shortfall is a conflict, recorded once); days 2–3: booked + free.
        Assert.Equal((100m, 100m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
        Assert.Equal((160m, 100m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, SearchData.Day(3, 2)));
        var conflicts = await client.SendAsync(HttpMethod.Get, $"/api/feeds/{feedId}/conflicts", world.Operator.Token);
        var list = JsonNode.Parse(await conflicts.Content.ReadAsStringAsync())!.AsArray();
        Assert.Single(list);
        Assert.Equal(100m, (decimal)list[0]!["booked"]!);
        Assert.Equal(-30m, (decimal)list[0]!["reportedFree"]!);
        // The booking is untouched.
        var booking = (await FeedSupply.GetAsync(client, trader.Token, $"/api/bookings/{bookingId}")).Body;
        Assert.Equal("confirmed", (string)booking["status"]!);

        // An older sequence, whatever it says, changes nothing.
        wms.Behaviour = FakeWms.Json(FeedSupply.Update(9, world.OfferId, world.From, 3, 999));
        var stale = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
        Assert.Equal(10, (long)stale["health"]!["lastSequence"]!);
        Assert.Equal((160m, 100m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, SearchData.Day(3, 2)));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM feed_conflicts WHERE feed_id = $1", Guid.Parse(feedId)));
    }

    [Fact]
    public async Task A_polled_update_is_what_traders_see_in_search()
    {
        var (world, feedId) = await PullFeedAsync("/wms-search");
        wms.Behaviour = FakeWms.Json(FeedSupply.Update(1, world.OfferId, world.From, 31, 35));
        await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
        var trader = await Scenario.RegisterAsync(client, "trader");
        var found = await SearchData.SearchOkAsync(client, trader.Token, new { near = world.Near, from = world.From, to = world.To });
        Assert.Equal(35m, (decimal)found["results"]![0]!["matchedOffers"]![0]!["freeOverRange"]!);
    }

    [Fact]
    public async Task The_key_ring_table_can_be_read_and_added_to_by_the_app_role_but_not_changed_or_emptied()
    {
        // A feed credential was encrypted (the class's other tests or this one): the ring has a key.
        await PullFeedAsync("/wms-ring");
        Assert.True(await TestDatabase.CountAsync("SELECT count(*) FROM data_protection_keys") >= 1);
        await using var connection = new NpgsqlConnection(TestDatabase.App);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE data_protection_keys SET xml = xml", "DELETE FROM data_protection_keys", "TRUNCATE data_protection_keys" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
        await using var read = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        Assert.True((long)(await read.ExecuteScalarAsync())! >= 1);
    }

    [Fact]
    public async Task Feed_urls_are_checked_and_bad_settings_are_400s_naming_the_field()
    {
        var world = await FeedSupply.WorldAsync(client);
        async Task<JsonObject> RefusedAsync(object body)
        {
            var response = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{world.WarehouseId}/feeds", world.Operator.Token, body);
            return await Scenario.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
        Assert.NotNull((await RefusedAsync(new { mode = "pull", baseUrl = "ftp://wms.example.com/" }))["errors"]!["baseUrl"]);
        Assert.NotNull((await RefusedAsync(new { mode = "pull", baseUrl = "https://user:pw@wms.example.com/" }))["errors"]!["baseUrl"]);
        Assert.NotNull((await RefusedAsync(new { mode = "pull", baseUrl = "not a url" }))["errors"]!["baseUrl"]);
        Assert.NotNull((await RefusedAsync(new { mode = "pull", baseUrl = "https://wms.example.com/", pollingIntervalSeconds = 0 }))["errors"]!["pollingIntervalSeconds"]);
        Assert.NotNull((await RefusedAsync(new { mode = "pull", baseUrl = "https://wms.example.com/", authentication = new { type = "bearer" } }))["errors"]!["authentication.secret"]);
        Assert.NotNull((await RefusedAsync(new { mode = "pull", baseUrl = "https://wms.example.com/", authentication = new { type = "apiKeyHeader", headerName = "Bad Header:", secret = "x" } }))["errors"]!["authentication.headerName"]);
        Assert.NotNull((await RefusedAsync(new { mode = "push", baseUrl = "https://wms.example.com/" }))["errors"]!["baseUrl"]);
        Assert.NotNull((await RefusedAsync(new { baseUrl = "https://wms.example.com/" }))["errors"]!["mode"]);
        // Nothing was written.
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_feeds WHERE warehouse_id = $1", Guid.Parse(world.WarehouseId)));
    }
}

/// <summary>The circuit breaker, per feed: on an Api tuned so it opens after three failed calls.</summary>
[Collection(FeedCollection.Name)]
public sealed class FeedBreakerTests(BreakerApiFixture breakerApi) : IClassFixture<BreakerApiFixture>, IAsyncLifetime
{
    private readonly HttpClient client = breakerApi.Factory.CreateClient();
    private FakeWms wms = null!;

    public async ValueTask InitializeAsync() => wms = await FakeWms.StartAsync();

    public async ValueTask DisposeAsync() => await wms.DisposeAsync();

    private async Task<(FeedWorld World, string FeedId)> PullFeedAsync(string path)
    {
        var world = await FeedSupply.WorldAsync(client);
        var feed = await FeedSupply.CreateFeedAsync(client, world.Operator.Token, world.WarehouseId, new { mode = "pull", baseUrl = wms.BaseUrl + path });
        return (world, (string)feed["id"]!);
    }

    private static async Task AssertHealthAsync(JsonObject feed, string state)
        => Assert.True((string)feed["health"]!["state"]! == state, $"expected {state}: {feed["health"]!.ToJsonString()}");

    [Fact]
    public async Task One_partners_breaker_opens_without_tripping_another_on_the_same_host_and_closes_when_it_recovers()
    {
        var (failing, failingFeed) = await PullFeedAsync("/wms-down");
        var (healthy, healthyFeed) = await PullFeedAsync("/wms-up");
        var down = true;
        wms.Behaviour = (http, _) => http.Request.Path.StartsWithSegments("/wms-down") && Volatile.Read(ref down)
            ? FakeWms.Status(http, 503)
            : FakeWms.Write(http, 200, FeedSupply.Update(5, http.Request.Path.StartsWithSegments("/wms-down") ? failing.OfferId : healthy.OfferId,
                failing.From, 1, 42).ToJsonString());

        // Three failed calls (one poll with two retries) reach the breaker's minimum at a 100 % failure ratio.
        JsonObject feed = await FeedSupply.PollNowAsync(client, failing.Operator.Token, failingFeed);
        for (var i = 0; i < 3 && (string)feed["health"]!["breakerState"]! != "open"; i++)
            feed = await FeedSupply.PollNowAsync(client, failing.Operator.Token, failingFeed);
        Assert.Equal("open", (string)feed["health"]!["breakerState"]!);
        // While open the partner is not called at all.
        var calls = wms.Count("/wms-down");
        feed = await FeedSupply.PollNowAsync(client, failing.Operator.Token, failingFeed);
        Assert.Equal(calls, wms.Count("/wms-down"));
        Assert.Contains("circuit breaker", (string)feed["health"]!["lastError"]!);

        // The other partner, same host and port, has a breaker of its own.
        var other = await FeedSupply.PollNowAsync(client, healthy.Operator.Token, healthyFeed);
        await AssertHealthAsync(other, "healthy");
        Assert.Equal("closed", (string)other["health"]!["breakerState"]!);

        // The failing partner recovers: after the break the half-open trial succeeds and the breaker closes.
        Volatile.Write(ref down, false);
        await Task.Delay(TimeSpan.FromSeconds(1.7));
        feed = await FeedSupply.PollNowAsync(client, failing.Operator.Token, failingFeed);
        await AssertHealthAsync(feed, "healthy");
        Assert.Equal("closed", (string)feed["health"]!["breakerState"]!);
        Assert.Equal((42m, 0m), await FeedSupply.DayAsync(client, failing.Operator.Token, failing.OfferId, failing.From));
    }
}

/// <summary>The outbound address rules with the production setting (private networks not allowed).</summary>
public sealed class OutboundGuardTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Theory]
    [InlineData("http://127.0.0.1:8080/wms")]
    [InlineData("http://localhost/wms")]
    [InlineData("http://[::1]/wms")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://192.168.0.10/")]
    [InlineData("http://172.20.0.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://wms.internal/")]
    public async Task Loopback_link_local_and_private_addresses_are_refused_at_registration(string url)
    {
        var world = await FeedSupply.WorldAsync(client);
        var response = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{world.WarehouseId}/feeds", world.Operator.Token, new { mode = "pull", baseUrl = url });
        var problem = await Scenario.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["baseUrl"]);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_connecting_whatever_was_checked_before()
    {
        await using var wms = await FakeWms.StartAsync();
        wms.Behaviour = (http, _) => FakeWms.Write(http, 200, "{}");
        var port = new Uri(wms.BaseUrl).Port;
        // "localhost" stands for a public name whose DNS answer changed to 127.0.0.1 after registration.
        var guard = new OutboundGuard(allowPrivateNetworks: false);
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false });
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://localhost:{port}/availability"));
        Assert.IsType<FeedRefusedException>(error.InnerException);
        Assert.Equal(0, wms.Count());
        // The same name passes where private networks are allowed (tests, a private deployment).
        using var allowed = new HttpClient(new SocketsHttpHandler { ConnectCallback = new OutboundGuard(true).ConnectAsync, UseProxy = false });
        Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync($"http://localhost:{port}/availability")).StatusCode);
        Assert.True(OutboundGuard.IsPublic(System.Net.IPAddress.Parse("8.8.8.8")));
        Assert.False(OutboundGuard.IsPublic(System.Net.IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void The_production_default_refuses_private_networks()
        => Assert.False(api.Factory.Services.GetRequiredService<FeedSettings>().AllowPrivateNetworks);
}
