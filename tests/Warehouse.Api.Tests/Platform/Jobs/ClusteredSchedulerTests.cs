using Warehouse.Api.Platform.Jobs;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Platform.Jobs;

/// <summary>Quartz as the Api runs it: persistent store in the platform's database, clustered across Api instances.</summary>
public sealed class ClusteredSchedulerTests
{
    private static SchedulerNode Node(string schedulerName, IReadOnlyDictionary<string, string?>? settings = null) => new(
        schedulerName,
        // The interval in code is an hour: firing every 250 ms proves the configuration's Jobs:Counting:Interval wins.
        quartz => quartz.AddRecurringJob<CountingJob>("Counting", every: TimeSpan.FromHours(1)),
        new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Jobs:Counting:Interval"] = "00:00:00.250" });

    [Fact]
    public async Task Two_api_nodes_form_one_cluster_and_each_firing_of_the_trigger_runs_once()
    {
        var name = QuartzTables.NewSchedulerName();
        var first = Node(name);
        var second = Node(name);
        try
        {
            await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));
            // Each node's start re-declares the trigger (see RecurringJobs); judge the cluster once both have.
            var settled = DateTimeOffset.UtcNow.AddSeconds(1);
            IReadOnlyList<CountingJob.Firing> Settled() => [.. CountingJob.Of(name).Where(f => f.ScheduledAt > settled).OrderBy(f => f.ScheduledAt)];

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Settled().Count < 4 && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.Equal(2, await QuartzTables.CountAsync("qrtz_scheduler_state", name)); // both nodes checked in

            // One node stops (waiting for its running job); the other carries the same trigger on alone.
            await first.DisposeAsync();
            var firstStopped = DateTimeOffset.UtcNow;
            while (Settled().Count(f => f.ScheduledAt > firstStopped) < 4 && DateTime.UtcNow < deadline) await Task.Delay(50);
            await second.DisposeAsync();

            var firings = Settled();
            var log = string.Join("\n", firings.Select(f => $"{f.ScheduledAt:HH:mm:ss.fff} {f.Node} {f.FireInstanceId} runs={f.RunsBefore}"));
            Assert.True(firings.Count(f => f.ScheduledAt > firstStopped) >= 4, log);
            Assert.Single(firings.Where(f => f.ScheduledAt > firstStopped).Select(f => f.Node).Distinct());
            Assert.True(firings.GroupBy(f => f.ScheduledAt).All(g => g.Count() == 1), log);
            Assert.Equal(firings.Count, firings.Select(f => f.FireInstanceId).Distinct().Count());
            // Every run read the job data the run before it stored, whichever node ran either: no overlap, no lost update.
            Assert.True(firings.Zip(firings.Skip(1)).All(pair => pair.Second.RunsBefore == pair.First.RunsBefore + 1), log);
            // Each firing got a scope of its own (Quartz's DI job factory), and a job's scope has no tenant.
            Assert.Equal(firings.Count, firings.Select(f => f.Scope).Distinct(ReferenceEqualityComparer.Instance).Count());
            Assert.All(firings, f => Assert.Null(f.Scope.TenantId));
            Assert.All(firings, f => Assert.NotEqual("NON_CLUSTERED", f.Node));

            // The job and trigger are stored under their fixed identities, with the flags of a recurring job.
            Assert.Equal(1, await TestDatabase.CountAsync("""
                SELECT count(*) FROM qrtz_job_details
                WHERE sched_name = $1 AND job_name = 'Counting' AND job_group = 'warehouse'
                  AND job_class_name LIKE '%CountingJob%' AND is_nonconcurrent AND is_update_data AND requests_recovery AND NOT is_durable
                """, name));
            Assert.Equal(1, await TestDatabase.CountAsync("""
                SELECT count(*) FROM qrtz_triggers t JOIN qrtz_simple_triggers s USING (sched_name, trigger_name, trigger_group)
                WHERE t.sched_name = $1 AND t.trigger_name = 'Counting' AND t.trigger_group = 'warehouse'
                  AND t.job_name = 'Counting' AND s.repeat_interval = 250 AND s.repeat_count = -1
                """, name));
            // (The platform's own recurring jobs, such as the hold expiry, are registered beside it.)
            Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM qrtz_triggers WHERE sched_name = $1 AND trigger_name = 'Counting'", name));
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            await QuartzTables.DeleteSchedulerAsync(name);
        }
    }

    [Fact]
    public async Task A_restarted_node_keeps_one_job_and_one_trigger_and_carries_on_from_the_last_firing()
    {
        var name = QuartzTables.NewSchedulerName();
        try
        {
            var lastBeforeRestart = DateTimeOffset.MinValue;
            for (var start = 0; start < 2; start++)
            {
                var firedBefore = CountingJob.Of(name).Count;
                await using (var node = Node(name))
                {
                    _ = node.Server;
                    var deadline = DateTime.UtcNow.AddSeconds(10);
                    while (CountingJob.Of(name).Count == firedBefore && DateTime.UtcNow < deadline) await Task.Delay(50);
                }
                var firings = CountingJob.Of(name).Skip(firedBefore).OrderBy(f => f.ScheduledAt).ToList();
                Assert.NotEmpty(firings);
                if (start == 1) Assert.Equal(lastBeforeRestart.AddMilliseconds(250), firings[0].ScheduledAt);
                lastBeforeRestart = firings[^1].ScheduledAt;
            }
            Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM qrtz_job_details WHERE sched_name = $1 AND job_name = 'Counting'", name));
            Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM qrtz_triggers WHERE sched_name = $1 AND trigger_name = 'Counting'", name));
            // Restarting replaced the declared triggers instead of adding copies: one per recurring job, whatever their number.
            Assert.Equal(await QuartzTables.CountAsync("qrtz_job_details", name), await QuartzTables.CountAsync("qrtz_triggers", name));
        }
        finally
        {
            await QuartzTables.DeleteSchedulerAsync(name);
        }
    }

    [Fact]
    public async Task A_refused_start_never_starts_the_scheduler()
    {
        var name = QuartzTables.NewSchedulerName();
        try
        {
            // The owner role owns the tables, so StartupChecks refuses it; Quartz must not have started meanwhile.
            // (Program catches the refusal and exits with code 2, so the test host sees only a host that is gone: the
            // log says why.)
            await using var node = Node(name, new Dictionary<string, string?> { ["ConnectionStrings:App"] = TestDatabase.Owner });
            Assert.ThrowsAny<Exception>(() => node.Server);
            Assert.Contains(node.Logs, log => log.StartsWith("Warehouse.Api.Platform.Data.StartupChecks: Refusing to start", StringComparison.Ordinal) && log.Contains("owns"));
            Assert.DoesNotContain(node.Logs, log => log.StartsWith("Quartz", StringComparison.Ordinal));

            await Task.Delay(500); // time enough for a started scheduler to check in and fire
            foreach (var table in QuartzTables.All) Assert.Equal(0, await QuartzTables.CountAsync(table, name));
            Assert.Empty(CountingJob.Of(name));
        }
        finally
        {
            await QuartzTables.DeleteSchedulerAsync(name);
        }
    }
}
