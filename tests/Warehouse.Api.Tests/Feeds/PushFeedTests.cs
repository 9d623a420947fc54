using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Warehouse.Api.Features.Feeds;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Feeds;

/// <summary>An Api whose clock is a <see cref="FakeTimeProvider"/> the test moves (replay window, staleness).</summary>
public sealed class FakeClockApiFixture : IAsyncDisposable
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public ApiFactory Factory { get; }

    public FakeClockApiFixture() => Factory = new FakeClockFactory(Clock);

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    private sealed class FakeClockFactory(FakeTimeProvider clock) : ApiFactory(FeedSettingsForTests.Values())
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }
}

/// <summary>
/// Pushed updates: signed with the feed's key over timestamp and body, refused outside the window, applied once,
/// older sequences ignored, keys rotated and revoked. Tokens are issued before the clock moves (JWT validation keeps
/// real time), so each test has an Api and a clock of its own.
/// </summary>
public sealed class PushFeedTests : IAsyncDisposable
{
    // One Api per test: a clock moved forward cannot come back, and tokens issued at a later fake time would not yet
    // be valid by the real clock that JWT validation keeps.
    private readonly FakeClockApiFixture fixture = new();
    private readonly HttpClient client;
    private FakeTimeProvider Clock => fixture.Clock;

    public PushFeedTests() => client = fixture.Factory.CreateClient();

    public async ValueTask DisposeAsync() => await fixture.DisposeAsync();

    private async Task<(FeedWorld World, string FeedId, string Key)> PushFeedAsync()
    {
        var world = await FeedSupply.WorldAsync(client);
        var feed = await FeedSupply.CreateFeedAsync(client, world.Operator.Token, world.WarehouseId, new { mode = "push" });
        var key = (string)feed["newPushKey"]!;
        Assert.StartsWith("wfk_", key);
        Assert.Equal("pending", (string)feed["health"]!["state"]!);
        // Shown once: reading the feed again never shows it.
        var again = await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{(string)feed["id"]!}");
        Assert.DoesNotContain(key, again.Text);
        Assert.DoesNotContain(key[12..], (await FeedSupply.GetAsync(client, world.Operator.Token, "/api/feeds")).Text);
        return (world, (string)feed["id"]!, key);
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject());
    }

    private static void AssertRefused((HttpStatusCode Status, JsonObject Body) answer, HttpStatusCode status, string code)
        => Assert.True(answer.Status == status && (string?)answer.Body["code"] == code, $"expected {(int)status} {code}: {(int)answer.Status} {answer.Body.ToJsonString()}");

    [Fact]
    public async Task A_signed_push_is_applied_once_shows_in_search_and_a_replay_or_older_sequence_changes_nothing()
    {
        var (world, feedId, key) = await PushFeedAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var body = FeedSupply.Update(100, world.OfferId, world.From, 31, 45, world.WarehouseId).ToJsonString();

        var applied = await SendAsync(FeedSupply.Push(feedId, key, body, Clock.GetUtcNow()));
        Assert.True(applied.Status == HttpStatusCode.OK, applied.Body.ToJsonString());
        Assert.Equal("applied", (string)applied.Body["outcome"]!);
        Assert.Equal(31, (int)applied.Body["days"]!);

        // Search shows what the warehouse said.
        var found = await SearchData.SearchOkAsync(client, trader.Token, new { near = world.Near, from = world.From, to = world.To });
        Assert.Equal(45m, (decimal)found["results"]![0]!["matchedOffers"]![0]!["freeOverRange"]!);

        // A trader books 20; the same update delivered again (a replay inside the window) must not undo that.
        var booked = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token,
            new { offerId = world.OfferId, quantity = 20, startsOn = world.From, endsOn = world.To });
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var replay = await SendAsync(FeedSupply.Push(feedId, key, body, Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal("duplicate", (string)replay.Body["outcome"]!);
        Assert.Equal((45m, 20m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));

        // Ten deliveries of the next update at once: applied exactly once.
        var next = FeedSupply.Update(101, world.OfferId, world.From, 31, 30).ToJsonString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendAsync(FeedSupply.Push(feedId, key, next, Clock.GetUtcNow()))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(1, answers.Count(a => (string)a.Body["outcome"]! == "applied"));
        Assert.Equal((50m, 20m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));

        // An older sequence arriving late is ignored with a 409 naming the last applied one.
        var older = await SendAsync(FeedSupply.Push(feedId, key, FeedSupply.Update(99, world.OfferId, world.From, 31, 400).ToJsonString(), Clock.GetUtcNow()));
        AssertRefused(older, HttpStatusCode.Conflict, "feed.sequenceOutOfOrder");
        Assert.Equal(101, (long)older.Body["lastSequence"]!);
        Assert.Equal((50m, 20m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));

        // A request captured and sent again after the window is refused before anything is read.
        var captured = FeedSupply.Push(feedId, key, FeedSupply.Update(102, world.OfferId, world.From, 1, 1).ToJsonString(), Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromMinutes(6));
        AssertRefused(await SendAsync(captured), HttpStatusCode.Unauthorized, "feed.timestamp");
        Assert.Equal((50m, 20m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
        // So is one signed too far in the future.
        AssertRefused(await SendAsync(FeedSupply.Push(feedId, key, body, Clock.GetUtcNow().AddMinutes(6))), HttpStatusCode.Unauthorized, "feed.timestamp");
    }

    [Fact]
    public async Task Bad_signatures_unknown_revoked_and_rotated_keys_are_refused_and_never_touch_the_feed()
    {
        var (world, feedId, key) = await PushFeedAsync();
        var (_, otherFeedId, otherKey) = await PushFeedAsync();
        var body = FeedSupply.Update(1, world.OfferId, world.From, 3, 10).ToJsonString();
        var now = Clock.GetUtcNow();

        AssertRefused(await SendAsync(FeedSupply.Push(feedId, key, body, now, signatureKey: key + "x")), HttpStatusCode.Unauthorized, "feed.badSignature");
        // A signature over another body (the body was changed on the way).
        var tampered = FeedSupply.Push(feedId, key, body, now);
        tampered.Content = new StringContent(body.Replace("\"free\":10", "\"free\":9000"), Encoding.UTF8, "application/json");
        AssertRefused(await SendAsync(tampered), HttpStatusCode.Unauthorized, "feed.badSignature");
        AssertRefused(await SendAsync(FeedSupply.Push(feedId, FeedSecrets.NewPushKey(world.Operator.OrganisationId), body, now)), HttpStatusCode.Unauthorized, "feed.unknownKey");
        AssertRefused(await SendAsync(FeedSupply.Push(feedId, "not-a-key", body, now)), HttpStatusCode.Unauthorized, "feed.unknownKey");
        // Another operator's valid key does not open this feed.
        AssertRefused(await SendAsync(FeedSupply.Push(feedId, otherKey, body, now)), HttpStatusCode.Unauthorized, "feed.unknownKey");
        AssertRefused(await SendAsync(FeedSupply.Push(otherFeedId, key, body, now)), HttpStatusCode.Unauthorized, "feed.unknownKey");
        var unsigned = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feedId}/push") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        AssertRefused(await SendAsync(unsigned), HttpStatusCode.Unauthorized, "feed.unauthenticated");
        // None of that changed the feed's health: a stranger cannot make a feed look broken.
        var feed = (await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{feedId}")).Body;
        Assert.Equal("pending", (string)feed["health"]!["state"]!);
        Assert.Equal(0, (int)feed["health"]!["consecutiveFailures"]!);

        // Revoked: refused as such. Rotated: the new key works, the old one is unknown.
        var revoke = await client.SendAsync(HttpMethod.Delete, $"/api/feeds/{feedId}/push-key", world.Operator.Token);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        AssertRefused(await SendAsync(FeedSupply.Push(feedId, key, body, Clock.GetUtcNow())), HttpStatusCode.Unauthorized, "feed.keyRevoked");
        Assert.Equal("noKey", (string)(await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{feedId}")).Body["health"]!["state"]!);
        var rotated = await client.SendAsync(HttpMethod.Post, $"/api/feeds/{feedId}/push-key", world.Operator.Token);
        var issued = JsonNode.Parse(await rotated.Content.ReadAsStringAsync())!;
        var newKey = (string)issued["pushKey"]!;
        Assert.NotEqual(key, newKey);
        AssertRefused(await SendAsync(FeedSupply.Push(feedId, key, body, Clock.GetUtcNow())), HttpStatusCode.Unauthorized, "feed.unknownKey");
        var accepted = await SendAsync(FeedSupply.Push(feedId, newKey, body, Clock.GetUtcNow()));
        Assert.True(accepted.Status == HttpStatusCode.OK, accepted.Body.ToJsonString());
        // Only the hash is stored.
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_feeds WHERE encode(push_key_hash, 'escape') LIKE '%' || $1 || '%'", newKey[20..]));
    }

    [Fact]
    public async Task Oversize_malformed_and_foreign_updates_are_4xx_naming_the_field_and_nothing_is_written()
    {
        var (world, feedId, key) = await PushFeedAsync();
        var now = Clock.GetUtcNow();
        var big = "{\"contract\":\"warehouse-availability/v1\",\"padding\":\"" + new string('x', 1_100_000) + "\"}";
        var oversize = await client.SendAsync(FeedSupply.Push(feedId, key, big, now));
        await Scenario.AssertProblemAsync(oversize, HttpStatusCode.RequestEntityTooLarge);

        var unknownMember = await client.SendAsync(FeedSupply.Push(feedId, key, "{\"contract\":\"warehouse-availability/v1\",\"sequence\":1,\"offerz\":[]}", now));
        Assert.NotNull((await Scenario.AssertProblemAsync(unknownMember, HttpStatusCode.BadRequest))["errors"]);
        var notJson = await client.SendAsync(FeedSupply.Push(feedId, key, "{\"contract\":", now));
        await Scenario.AssertProblemAsync(notJson, HttpStatusCode.BadRequest);

        var foreign = FeedSupply.Update(1, Guid.NewGuid().ToString(), world.From, 1, 5);
        var refused = await client.SendAsync(FeedSupply.Push(feedId, key, foreign.ToJsonString(), now));
        Assert.NotNull((await Scenario.AssertProblemAsync(refused, HttpStatusCode.BadRequest))["errors"]!["offers[0].offerId"]);
        var outside = FeedSupply.Update(1, world.OfferId, SearchData.Day(4, 1), 1, 5);
        var late = await client.SendAsync(FeedSupply.Push(feedId, key, outside.ToJsonString(), now));
        Assert.NotNull((await Scenario.AssertProblemAsync(late, HttpStatusCode.BadRequest))["errors"]!["offers[0].days[0].date"]);
        var fractional = FeedSupply.Update(1, world.OfferId, world.From, 1, 5.25m);
        var precise = await client.SendAsync(FeedSupply.Push(feedId, key, fractional.ToJsonString(), now));
        Assert.NotNull((await Scenario.AssertProblemAsync(precise, HttpStatusCode.BadRequest))["errors"]!["offers[0].days[0].free"]);
        var wrongWarehouse = FeedSupply.Update(1, world.OfferId, world.From, 1, 5, Guid.NewGuid().ToString());
        var elsewhere = await client.SendAsync(FeedSupply.Push(feedId, key, wrongWarehouse.ToJsonString(), now));
        Assert.NotNull((await Scenario.AssertProblemAsync(elsewhere, HttpStatusCode.BadRequest))["errors"]!["warehouseId"]);

        // Nothing was applied; the authenticated failures show in the feed's health.
        Assert.Equal((500m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
        var feed = (await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{feedId}")).Body;
        Assert.Null(feed["health"]!["lastSequence"]?.GetValue<long?>());
        Assert.True((int)feed["health"]!["consecutiveFailures"]! >= 5);
    }

    [Fact]
    public async Task A_feed_goes_stale_when_updates_stop_shows_so_to_the_bureau_and_recovers_with_the_next_update()
    {
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var (world, feedId, key) = await PushFeedAsync();
        var now = Clock.GetUtcNow();
        var applied = await SendAsync(FeedSupply.Push(feedId, key, FeedSupply.Update(1, world.OfferId, world.From, 2, 70).ToJsonString(), now));
        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Equal("healthy", (string)(await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{feedId}")).Body["health"]!["state"]!);
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
            Assert.True(await FeedEvidence.HasConnectedFeedAsync(scope.ServiceProvider.GetRequiredService<WarehouseDb>(), Guid.Parse(world.WarehouseId), Clock.GetUtcNow()));

        Clock.Advance(TimeSpan.FromMinutes(31));
        var feed = (await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{feedId}")).Body;
        Assert.Equal("stale", (string)feed["health"]!["state"]!);
        // Stale is a label: the last good data stays.
        Assert.Equal((70m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
        var health = (await FeedSupply.GetAsync(client, bureau, "/api/feeds/health")).Body;
        var mine = health["rows"]!.AsArray().Where(r => (string)r!["operator"]! == world.Operator.LegalNameZh).ToList();
        Assert.Equal("stale", (string)Assert.Single(mine)!["state"]!);
        Assert.DoesNotContain(feedId, health.ToJsonString());
        Assert.DoesNotContain(world.WarehouseId, health.ToJsonString());
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
            Assert.False(await FeedEvidence.HasConnectedFeedAsync(scope.ServiceProvider.GetRequiredService<WarehouseDb>(), Guid.Parse(world.WarehouseId), Clock.GetUtcNow()));

        var resumed = await SendAsync(FeedSupply.Push(feedId, key, FeedSupply.Update(2, world.OfferId, world.From, 2, 65).ToJsonString(), Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, resumed.Status);
        Assert.Equal("healthy", (string)(await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{feedId}")).Body["health"]!["state"]!);
        health = (await FeedSupply.GetAsync(client, bureau, "/api/feeds/health")).Body;
        Assert.Equal("healthy", (string)health["rows"]!.AsArray().Single(r => (string)r!["operator"]! == world.Operator.LegalNameZh)!["state"]!);
    }

    [Fact]
    public async Task Slots_take_booked_plus_free_places_and_a_negative_free_is_a_conflict()
    {
        var (world, feedId, key) = await PushFeedAsync();
        var service = await Services.ServiceSupply.CreateServiceAsync(client, world.Operator.Token, world.WarehouseId, Services.ServiceSupply.StudioBody());
        var slots = await Services.ServiceSupply.CreateSlotsAsync(client, world.Operator.Token, (string)service["id"]!, Services.ServiceSupply.Hours(2, capacity: 2));
        var update = new JsonObject
        {
            ["contract"] = "warehouse-availability/v1",
            ["sequence"] = 5,
            ["services"] = new JsonArray(new JsonObject
            {
                ["serviceId"] = (string)service["id"]!,
                ["slots"] = new JsonArray(
                    new JsonObject { ["slotId"] = (string)slots[0]!["id"]!, ["free"] = 0 },
                    new JsonObject { ["slotId"] = (string)slots[1]!["id"]!, ["free"] = -1 }),
            }),
        };
        var applied = await SendAsync(FeedSupply.Push(feedId, key, update.ToJsonString(), Clock.GetUtcNow()));
        Assert.True(applied.Status == HttpStatusCode.OK, applied.Body.ToJsonString());
        Assert.Equal(2, (int)applied.Body["slots"]!);
        Assert.Equal(1, (int)applied.Body["conflicts"]!);
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT capacity FROM service_slots WHERE id = $1", Guid.Parse((string)slots[0]!["id"]!)));
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT capacity FROM service_slots WHERE id = $1", Guid.Parse((string)slots[1]!["id"]!)));
    }
}
