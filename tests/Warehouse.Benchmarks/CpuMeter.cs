using System.Diagnostics;
using Npgsql;

namespace Warehouse.Benchmarks;

/// <summary>
/// CPU time a phase cost per request: the whole machine, PostgreSQL (the benchmark cluster's server and backends), the
/// Api's process and this process (load generator and floor). Latency under load says whether a rate is kept; CPU per
/// request says why not: at 300 requests/s two cores leave 6.7 ms of machine time per request, all parties included.
/// </summary>
public sealed record CpuUse(double MachineMs, double PostgresMs, double? ApiMs, double BenchMs);

/// <summary>Reads CPU counters from <c>/proc</c> (Linux; elsewhere every figure is null and the report leaves them out).</summary>
public sealed class CpuMeter(int? apiProcessId, int? postmasterId)
{
    /// <summary>/proc counts in USER_HZ, 100 per second on every Linux architecture the platform runs on.</summary>
    private const double MsPerTick = 10;

    public sealed record Sample(long MachineTicks, long PostgresTicks, long? ApiTicks, TimeSpan Self);

    /// <summary>The postmaster of the cluster a connection string points at (the parent of a backend of it).</summary>
    public static async Task<int?> PostmasterOfAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync(ct))!;
        return ParentOf(backend);
    }

    public Sample? Take()
    {
        if (!File.Exists("/proc/stat")) return null;
        try
        {
            // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var machine = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu.Length > 7 ? cpu[7] : 0);
            return new Sample(machine, postmasterId is { } pm ? PostgresTicks(pm) : 0, apiProcessId is { } api ? Ticks(api, children: false) : null,
                Process.GetCurrentProcess().TotalProcessorTime);
        }
        catch (IOException) { return null; }
    }

    public static CpuUse? Between(Sample? before, Sample? after, long requests)
    {
        if (before is null || after is null || requests == 0) return null;
        double Per(long ticks) => Math.Round(ticks * MsPerTick / requests, 2);
        return new CpuUse(Per(after.MachineTicks - before.MachineTicks), Per(after.PostgresTicks - before.PostgresTicks),
            after.ApiTicks is { } a && before.ApiTicks is { } b ? Per(a - b) : null,
            Math.Round((after.Self - before.Self).TotalMilliseconds / requests, 2));
    }

    /// <summary>
    /// The postmaster's own time and what it collected from backends that ended (cutime, cstime), plus the live backends'.
    /// </summary>
    private static long PostgresTicks(int postmaster)
    {
        var total = Ticks(postmaster, children: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmaster) continue;
            if (ParentOf(pid) == postmaster) total += Ticks(pid, children: false);
        }
        return total;
    }

    /// <summary>utime + stime (fields 14, 15 of /proc/PID/stat), with cutime + cstime (16, 17) when asked; 0 if it ended.</summary>
    private static long Ticks(int pid, bool children)
    {
        var fields = StatFields(pid);
        if (fields is null) return 0;
        // Fields after the command name, which is in parentheses and may hold spaces: index 0 is field 3 (state).
        var sum = long.Parse(fields[11]) + long.Parse(fields[12]);
        return children ? sum + long.Parse(fields[13]) + long.Parse(fields[14]) : sum;
    }

    private static int? ParentOf(int pid) => StatFields(pid) is { } fields ? int.Parse(fields[1]) : null;

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
