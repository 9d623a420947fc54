using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Platform.Jobs;

/// <summary>
/// The real Api with its scheduler on, as one node of a test cluster: a scheduler name of the test's own (so tests
/// never share triggers), short cluster timings, and the test's jobs added to the platform's registrations.
/// </summary>
internal sealed class SchedulerNode(string schedulerName, Action<IQuartzBuilder> jobs, IReadOnlyDictionary<string, string?>? settings = null)
    : ApiFactory(Settings(schedulerName, settings))
{
    private static Dictionary<string, string?> Settings(string schedulerName, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:SchedulerName"] = schedulerName,
            ["Jobs:IdleWaitTime"] = "00:00:01",
            ["Jobs:CheckinInterval"] = "00:00:01",
            ["Jobs:CheckinMisfireThreshold"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <summary>What the node logged at warning level and above, as "Category: message".</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturedLogs(Logs)));
        // AddQuartz adds to the default scheduler the Api has already configured: same store, same cluster.
        builder.ConfigureServices(services => services.AddQuartz(jobs));
    }

    private sealed class CapturedLogs(ConcurrentQueue<string> logs) : ILoggerProvider, ILogger
    {
        private string category = "";
        public ILogger CreateLogger(string categoryName) => new CapturedLogs(logs) { category = categoryName };
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.Enqueue($"{category}: {formatter(state, exception)}");
        }
        public void Dispose() { }
    }
}

/// <summary>The <c>qrtz_</c> tables as the tests read and clean them.</summary>
internal static class QuartzTables
{
    public static readonly string[] All =
    [
        "qrtz_blob_triggers", "qrtz_calendars", "qrtz_cron_triggers", "qrtz_execution_history", "qrtz_fired_triggers",
        "qrtz_job_details", "qrtz_job_status", "qrtz_locks", "qrtz_misfire_history", "qrtz_paused_job_grps",
        "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_simple_triggers", "qrtz_simprop_triggers", "qrtz_triggers",
    ];

    public static string NewSchedulerName() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public static Task<long> CountAsync(string table, string schedulerName)
        => TestDatabase.CountAsync($"SELECT count(*) FROM {table} WHERE sched_name = $1", schedulerName);

    /// <summary>Removes everything a test scheduler left behind; children first.</summary>
    public static async Task DeleteSchedulerAsync(string schedulerName)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Owner);
        await connection.OpenAsync();
        foreach (var table in All.OrderBy(t => t is "qrtz_triggers" ? 1 : t is "qrtz_job_details" ? 2 : 0))
        {
            await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE sched_name = $1", connection);
            delete.Parameters.Add(new NpgsqlParameter { Value = schedulerName });
            await delete.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// A job that records each of its firings, per scheduler name, and counts its runs in its own job data (stored back
/// after each run, so the next run reads it, on whichever node it runs).
/// </summary>
[PersistJobDataAfterExecution, DisallowConcurrentExecution]
internal sealed class CountingJob(TenantContext tenant) : IJob
{
    public sealed record Firing(string Node, DateTimeOffset ScheduledAt, string FireInstanceId, long RunsBefore, TenantContext Scope);

    public static readonly ConcurrentDictionary<string, ConcurrentQueue<Firing>> Firings = new();

    public static IReadOnlyList<Firing> Of(string schedulerName)
        => Firings.TryGetValue(schedulerName, out var firings) ? [.. firings] : [];

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.JobDetail.JobDataMap;
        var runs = data.TryGetValue("runs", out var value) ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        await Task.Delay(20, cancellationToken); // long enough for another node to try the same trigger meanwhile
        data["runs"] = runs + 1;
        Firings.GetOrAdd(context.Scheduler.SchedulerName, _ => new()).Enqueue(
            new Firing(context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc!.Value, context.FireInstanceId, runs, tenant));
    }
}
