using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;
using Warehouse.Api.Features.Feeds;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Api.Tests.Platform.Jobs;

namespace Warehouse.Api.Tests.Feeds;

/// <summary>
/// The scheduled poll on a cluster of two Api nodes sharing one Quartz job store. Runs in the "Feeds" collection (never
/// beside the other pull-feed tests, whose feeds the cluster's job would otherwise poll too), and parks every other
/// feed left in the database before it starts.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class FeedSchedulingTests
{
    [Fact]
    public async Task Two_scheduler_nodes_on_one_job_store_poll_a_feed_once_per_interval()
    {
        await using var wms = await FakeWms.StartAsync();
        var name = QuartzTables.NewSchedulerName();
        // The job looks every 200 ms; the feed is due every 2 s.
        var settings = FeedSettingsForTests.Values(new Dictionary<string, string?>
        {
            ["Jobs:FeedPoll:Interval"] = "00:00:00.200",
            ["Feeds:BreakerMinimumThroughput"] = "1000",
            // The partner counts HTTP requests, and a retry is a second request for the same poll: a generous attempt
            // timeout keeps one request per poll on a busy machine (this partner never fails, so nothing else retries).
            ["Feeds:AttemptTimeout"] = "00:00:10",
            ["Feeds:TotalTimeout"] = "00:00:20",
        });
        var first = new SchedulerNode(name, _ => { }, settings);
        var second = new SchedulerNode(name, _ => { }, settings);
        try
        {
            // Park the pull feeds earlier tests left behind (their partners are gone); the cluster polls only this test's.
            await TestDatabase.CountAsync("UPDATE capacity_feeds SET next_poll_at = now() + interval '1 day' WHERE mode = 'Pull' RETURNING 1");
            var client = first.CreateClient();
            _ = second.Server;
            var world = await FeedSupply.WorldAsync(client);
            var sequence = 0L;
            wms.Behaviour = FakeWms.Json(() => FeedSupply.Update(Interlocked.Increment(ref sequence), world.OfferId, world.From, 1, 10 + sequence));
            var feed = await FeedSupply.CreateFeedAsync(client, world.Operator.Token, world.WarehouseId,
                new { mode = "pull", baseUrl = wms.BaseUrl + "/cluster", pollingIntervalSeconds = 2 });
            var created = DateTimeOffset.UtcNow;

            // Due at creation, then every 2 s. Each firing walks every operator of the test database in its own
            // transaction (slow on a busy machine late in the suite), so the window is at least 7 s and runs on until
            // three polls have happened (at most 30 s); never more than one poll per interval plus the window's edges.
            List<DateTimeOffset> Calls() => wms.Requests.Where(r => r.Path == "/cluster/availability").Select(r => r.At).OrderBy(t => t).ToList();
            await Task.Delay(TimeSpan.FromSeconds(7));
            while (Calls().Count < 3 && DateTimeOffset.UtcNow - created < TimeSpan.FromSeconds(30)) await Task.Delay(250);
            var window = DateTimeOffset.UtcNow - created;
            var calls = Calls();
            var log = string.Join(", ", calls.Select(t => $"{(t - created).TotalSeconds:0.00}s"));
            Assert.InRange(calls.Count, 2, (int)(window.TotalSeconds / 2) + 2);
            // Claims are exactly 2 s apart; requests arrive a little after their claim (the first one later, on a cold
            // client), so two requests closer than a second would mean one interval was polled twice.
            Assert.True(calls.Zip(calls.Skip(1)).All(pair => pair.Second - pair.First >= TimeSpan.FromSeconds(1)), log);
            // Park the feed and let a poll the jobs may have claimed just now finish (so it is neither half-applied
            // below nor counted as part of the race after).
            var feedId = Guid.Parse((string)feed["id"]!);
            await TestDatabase.CountAsync("UPDATE capacity_feeds SET next_poll_at = now() + interval '1 day' WHERE id = $1 RETURNING 1", feedId);
            await Task.Delay(TimeSpan.FromSeconds(1.5));

            // Each poll's update was applied once: the last sequence is the number of polls.
            var after = (await FeedSupply.GetAsync(client, world.Operator.Token, $"/api/feeds/{(string)feed["id"]!}")).Body;
            Assert.Equal("healthy", (string)after["health"]!["state"]!);
            Assert.Equal(Interlocked.Read(ref sequence), (long)after["health"]!["lastSequence"]!);

            // Both nodes' pollers (and their running jobs) race for the feed made due now: one of them polls it.
            var before = wms.Count("/cluster");
            // With a 2 s interval a caller that reaches this operator 2 s after another (each PollDueAsync walks every
            // operator of the test database in turn, slowly on a busy machine) rightly polls the next interval; a
            // 10-minute interval for the race makes any second poll a double claim.
            await TestDatabase.CountAsync("UPDATE capacity_feeds SET next_poll_at = now(), polling_interval_seconds = 600 WHERE id = $1 RETURNING 1", feedId);
            var pollers = new[] { first, second }.Select(node => node.Services.GetRequiredService<FeedPoller>()).ToList();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => pollers[i % 2].PollDueAsync(CancellationToken.None)));
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(before + 1, wms.Count("/cluster"));
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            await QuartzTables.DeleteSchedulerAsync(name);
        }
    }
}

/// <summary>
/// Faults injected with Polly's chaos strategies inside the feed client (below the standard handler, as a partner's
/// failures would arrive), so the breaker and the timeouts are exercised without the partner misbehaving at all.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class FeedChaosTests : IAsyncLifetime
{
    private static volatile bool faults;
    private static volatile bool slow;
    private readonly ChaosFactory factory = new();
    private FakeWms wms = null!;

    public async ValueTask InitializeAsync() => wms = await FakeWms.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await wms.DisposeAsync();
        await factory.DisposeAsync();
    }

    private sealed class ChaosFactory() : ApiFactory(FeedSettingsForTests.Values())
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddHttpClient(FeedClient.Name).AddResilienceHandler("chaos", chaos => chaos
                .AddChaosLatency(new ChaosLatencyStrategyOptions
                {
                    InjectionRate = 1, Latency = TimeSpan.FromSeconds(3), EnabledGenerator = _ => ValueTask.FromResult(slow),
                })
                .AddChaosOutcome(new ChaosOutcomeStrategyOptions<HttpResponseMessage>
                {
                    InjectionRate = 1,
                    EnabledGenerator = _ => ValueTask.FromResult(faults),
                    OutcomeGenerator = _ => ValueTask.FromResult<Outcome<HttpResponseMessage>?>(Outcome.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError))),
                })));
        }
    }

    [Fact]
    public async Task Injected_faults_open_the_breaker_injected_latency_times_out_and_both_are_left_when_they_stop()
    {
        var client = factory.CreateClient();
        var world = await FeedSupply.WorldAsync(client);
        wms.Behaviour = FakeWms.Json(FeedSupply.Update(1, world.OfferId, world.From, 1, 64));
        var feed = await FeedSupply.CreateFeedAsync(client, world.Operator.Token, world.WarehouseId, new { mode = "pull", baseUrl = wms.BaseUrl + "/chaos" });
        var feedId = (string)feed["id"]!;

        faults = true;
        JsonObject polled = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
        if ((string)polled["health"]!["breakerState"]! != "open") polled = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
        Assert.Equal("open", (string)polled["health"]!["breakerState"]!);
        Assert.Equal("failing", (string)polled["health"]!["state"]!);
        Assert.Equal(0, wms.Count()); // the faults never reached the partner
        Assert.Equal((500m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));

        faults = false;
        // After the break the next poll is the breaker's trial. On a loaded machine the trial itself can outlast the
        // 1 s attempt timeout (seen in a run at load average 20), which opens the breaker again: the partner is
        // healthy, so a later trial succeeds. Up to three breaks, then it must be healthy.
        for (var trial = 0; trial < 3; trial++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.7));
            polled = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
            if ((string)polled["health"]!["state"]! == "healthy") break;
        }
        Assert.Equal("healthy", (string)polled["health"]!["state"]!);
        Assert.Equal("closed", (string)polled["health"]!["breakerState"]!);
        Assert.Equal((64m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));

        // Three seconds of latency on every try: each attempt times out after one, the poll fails within the total budget.
        slow = true;
        var started = DateTime.UtcNow;
        polled = await FeedSupply.PollNowAsync(client, world.Operator.Token, feedId);
        slow = false;
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
        Assert.Contains("did not answer in time", (string)polled["health"]!["lastError"]!);
        Assert.Equal((64m, 0m), await FeedSupply.DayAsync(client, world.Operator.Token, world.OfferId, world.From));
    }
}

/// <summary>Feed tests that create pull feeds run one class at a time, so the cluster test's job never polls theirs.</summary>
public static class FeedCollection
{
    public const string Name = "Feeds";
}
