using Npgsql;
using Quartz;
using Warehouse.Api.Features.Bookings;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Features.Feeds;

namespace Warehouse.Api.Platform.Jobs;

/// <summary>
/// The scheduler of the platform: Quartz with its persistent job store in the platform's own PostgreSQL database (the
/// <c>qrtz_</c> tables, created by the <c>QuartzScheduler</c> migration), clustered, so every Api instance runs a node
/// and each firing of a trigger runs on exactly one of them. Jobs are at-least-once (a node that dies mid-job has its
/// recoverable jobs re-run elsewhere), so every job is idempotent: see <see cref="RecurringJobs"/> and
/// <see cref="TenantScopes"/>.
/// <para>
/// Start-up order: the scheduler starts in <c>QuartzHostedService.StartAsync</c>, after the application has started
/// (<see cref="QuartzHostedServiceOptions.AwaitApplicationStarted"/>). <see cref="Data.StartupChecks"/> refuses a role
/// that could bypass row-level security in <c>StartingAsync</c>, which the host runs for every service before any
/// <c>StartAsync</c>; a refused start therefore never creates a scheduler, whatever the registration order.
/// </para>
/// </summary>
public static class JobsSetup
{
    public const string Section = "Jobs";

    public static IHostApplicationBuilder AddPlatformJobs(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(Section).Get<JobSettings>() ?? new JobSettings();
        if (!settings.Enabled) return builder;

        // The app role (bound by row-level security, owns nothing); a name of its own so its sessions are recognisable.
        var connection = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("App")
            ?? throw new InvalidOperationException("ConnectionStrings:App is not configured."))
        { ApplicationName = "warehouse-quartz" }.ConnectionString;

        // A node's start replaces the declared triggers; each new one carries on from the old one's last firing.
        builder.Services.Configure<QuartzOptions>(quartz => quartz.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        builder.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                // Every node of the cluster shares the name; each generates its own instance id (what 3.x called AUTO).
                scheduler.InstanceName = settings.SchedulerName;
                scheduler.GenerateInstanceId = true;
                scheduler.IdleWaitTime = settings.IdleWaitTime;
            });
            quartz.UseDefaultThreadPool(settings.MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(source =>
                {
                    source.Provider = DataSourceOptions.Providers.Npgsql;
                    source.ConnectionString = connection;
                });
                store.UseSystemTextJsonSerializer();
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = settings.CheckinInterval;
                    cluster.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                });
                store.ConfigureStore(ado =>
                {
                    ado.TablePrefix = "qrtz_";
                    ado.MisfireThreshold = settings.MisfireThreshold;
                    // The schema is the migrations' business: Quartz only checks it and refuses to start if it differs.
                    ado.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });

            // The platform's recurring jobs, one line each; the interval can be overridden as Jobs:<name>:Interval.
            quartz.AddRecurringJob<HoldExpiryJob>(HoldExpiryJob.Name, every: TimeSpan.FromMinutes(1));
            quartz.AddRecurringJob<CitySnapshotJob>(CitySnapshotJob.Name, every: TimeSpan.FromHours(1));
            quartz.AddRecurringJob<CityProgressRefreshJob>(CityProgressRefreshJob.Name, every: TimeSpan.FromSeconds(30));
            quartz.AddRecurringJob<FeedPollJob>(FeedPollJob.Name, every: TimeSpan.FromSeconds(15));
        });
        builder.AddQuartzHostedService(hosted =>
        {
            hosted.WaitForJobsToComplete = true;
            hosted.AwaitApplicationStarted = true;
        });
        return builder;
    }
}

/// <summary>The <c>Jobs</c> section of configuration. Durations are <see cref="TimeSpan"/> strings, e.g. <c>00:00:10</c>.</summary>
public sealed class JobSettings
{
    /// <summary>Off for test hosts that need no scheduler; then nothing of Quartz is registered at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Nodes with the same name in the same database form one cluster.</summary>
    public string SchedulerName { get; set; } = "warehouse";

    /// <summary>How often a node records that it is alive.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long past a missed check-in the other nodes wait before recovering a node's work.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How late a firing may be before its trigger's misfire instruction applies instead.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an idle node waits before asking the store again (Quartz's minimum is one second).</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Jobs running at once on one node; each holds a database connection while it runs.</summary>
    public int MaxConcurrency { get; set; } = 4;
}
