using Quartz;

namespace Warehouse.Api.Platform.Jobs;

/// <summary>
/// Registers a job that runs on a fixed interval under a fixed identity: job and trigger are both
/// <c>(name, "warehouse")</c>, so every node declares the same pair and the store holds it once. Never a generated
/// key: the store could not recognise it again and would collect a new trigger at every start.
/// <para>
/// Such a job is a sweep: it never overlaps itself (<c>DisallowConcurrentExecution</c>, on every node of the cluster),
/// a missed firing is not replayed (the next one does the work), and it is re-run on another node if its node dies
/// mid-run (<c>RequestRecovery</c>).
/// </para>
/// <para>
/// Each node's start declares the pair again and replaces the stored one, so a changed <c>Jobs:{name}:Interval</c>
/// applies at the next deploy; the new trigger carries on from the old one's last firing instead of firing at once.
/// Two consequences. Job data does not survive a restart: <c>[PersistJobDataAfterExecution, DisallowConcurrentExecution]</c>
/// on a job class (Quartz's analyzer wants both) carries its <see cref="IJobDetail.JobDataMap"/> from run to run while
/// the nodes stay up, which suits a cursor that may start over, but a watermark that must last belongs in a table.
/// And a node that starts while another is running the job may run that same scheduled firing once more: one more
/// case of at-least-once, absorbed by the idempotency every job has anyway (see <see cref="TenantScopes"/>).
/// </para>
/// <para>
/// The job is resolved from a new DI scope per firing (Quartz's dependency-injection job factory), so it may take
/// scoped services such as <c>WarehouseDb</c> in its constructor. That scope has no tenant: tenant work goes through
/// <see cref="TenantScopes.ForEachOperatorAsync"/>.
/// </para>
/// </summary>
public static class RecurringJobs
{
    public const string Group = "warehouse";

    public static JobKey JobKeyOf(string name) => new(name, Group);
    public static TriggerKey TriggerKeyOf(string name) => new(name, Group);

    /// <summary>
    /// Fires <typeparamref name="TJob"/> every <c>Jobs:{name}:Interval</c> (configuration), or every
    /// <paramref name="every"/> when that is not set, starting when the scheduler starts.
    /// </summary>
    public static IQuartzBuilder AddRecurringJob<TJob>(this IQuartzBuilder quartz, string name, TimeSpan every) where TJob : IJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return quartz.ScheduleJob<TJob>(
            (services, trigger) =>
            {
                var interval = services.GetRequiredService<IConfiguration>().GetValue($"{JobsSetup.Section}:{name}:Interval", every);
                trigger.WithIdentity(TriggerKeyOf(name))
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule
                        .WithInterval(interval)
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
            },
            (_, job) => job
                .WithIdentity(JobKeyOf(name))
                .DisallowConcurrentExecution(true)
                .RequestRecovery(true));
    }
}
