using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Warehouse.Benchmarks;

/// <summary>Writes a run as JSON (everything) and as the Markdown table the README quotes.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static (string JsonPath, string MarkdownPath) Write(BenchmarkResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var stem = $"{result.StartedAt:yyyyMMdd-HHmmss}-{result.Dataset}";
        var json = Path.Combine(folder, stem + ".json");
        var md = Path.Combine(folder, stem + ".md");
        File.WriteAllText(json, JsonSerializer.Serialize(result, Json));
        var markdown = Markdown(result);
        File.WriteAllText(md, markdown);
        File.WriteAllText(Path.Combine(folder, $"latest-{result.Dataset}.md"), markdown);
        return (json, md);
    }

    private static string Cpu(CpuUse? cpu) => cpu is null ? "" : $"{F(cpu.MachineMs)} ({F(cpu.PostgresMs)}, {(cpu.ApiMs is { } api ? F(api) : "?")}, {F(cpu.BenchMs)})";

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Markdown(BenchmarkResult r)
    {
        var s = new StringBuilder();
        var m = r.Machine;
        s.AppendLine(CultureInfo.InvariantCulture, $"### {r.Dataset}: {r.Warehouses:N0} warehouses, {r.StartedAt:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Machine: {m.Cores} cores ({m.Cpu}), {m.MemoryGiB} GiB, {m.Os}, .NET {m.Runtime}; load average at the end {F(m.LoadAverage1m)}. Database, Api, floor and load generator share the machine.");
        if (r.Load is { } load)
            s.AppendLine(CultureInfo.InvariantCulture, $"Dataset: {load.Operators:N0} operators, {load.Warehouses:N0} warehouses, {load.Offers:N0} offers, {load.CapacityDays:N0} capacity days, {load.Services:N0} services, {load.Bookings:N0} bookings, {load.Reviews:N0} reviews; loaded in {F(load.Seconds)} s.");
        s.AppendLine();
        s.AppendLine("| workload | target | loop | clients / rate | s | requests | ok/s | decisions/s | p50 ms | p95 ms | p99 ms | max ms | 409 | 5xx | other errors | CPU ms/request: machine (PostgreSQL, Api, load generator + floor) |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in r.Phases)
        {
            var load2 = p.Mode == "open" ? $"{F(p.RatePerSecond ?? 0)}/s (peak {p.Concurrency} in flight)" : p.Concurrency.ToString(CultureInfo.InvariantCulture);
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Workload} | {p.Target} | {p.Mode} | {load2} | {F(p.DurationSeconds)} | {p.Requests:N0} | {F(p.SucceededPerSecond)} | {F(p.DecisionsPerSecond)} | {F(p.P50Ms)} | {F(p.P95Ms)} | {F(p.P99Ms)} | {F(p.MaxMs)} | {p.Conflicts} | {p.ServerErrors} | {p.OtherErrors} | {Cpu(p.Cpu)} |");
        }
        s.AppendLine();
        string Ratio(string workload, Func<PhaseResult, double> measure) => r.Ratio(workload, measure) is { } x ? $"{x:P0}" : "n/a";
        var hotApi = r.Phases.FirstOrDefault(p => p.Workload == "booking-hot" && p.Target == "api");
        var dash = r.Phases.Where(p => p.Workload.StartsWith("dashboard")).ToList();
        s.AppendLine("| goal | measured |");
        s.AppendLine("|---|---|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| search throughput ≥ 50 % of the floor | {Ratio("search", p => p.SucceededPerSecond)} |");
        PhaseResult? Phase(string workload, string target) => r.Phases.FirstOrDefault(p => p.Workload == workload && p.Target == target);
        foreach (var (workload, what) in new[] { ("search-open:HubRadius", "50 km around a hub, nearest first (the goal's query)"), ("search-open", "the mix") })
            if (Phase(workload, "api") is { } open)
                s.AppendLine(CultureInfo.InvariantCulture, $"| search p95 ≤ 10 ms at {F(open.RatePerSecond ?? 0)} req/s, {what} (open loop) | {F(open.P95Ms)} ms (floor {(Phase(workload, "floor") is { } f ? F(f.P95Ms) : "n/a")} ms) |");
        // The ladder: the highest rate whose step kept p95 within the goal, and what a search costs the machine.
        // The cost comes from a closed loop of the same searches: one client for the goal's query, 16 for the mix.
        foreach (var (workload, closed, what) in new[] { ("search-ladder:HubRadius", "search:HubRadius", "50 km nearest first"), ("search-ladder", "search", "the mix") })
        {
            string Highest(string target) => r.Phases.Where(p => p.Workload == workload && p.Target == target && p.P95Ms <= BenchmarkSettings.LadderP95Ms && p.OtherErrors == 0)
                .Select(p => p.RatePerSecond ?? 0).DefaultIfEmpty(0).Max() is var best and > 0 ? $"{F(best)}/s" : "none";
            string Cost(string target) => Phase(closed, target) is { Cpu: { } cpu } phase ? $"{F(cpu.MachineMs)} ms ({phase.Concurrency} client{(phase.Concurrency == 1 ? "" : "s")})" : "n/a";
            if (r.Phases.Any(p => p.Workload == workload))
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| highest rate with p95 ≤ 10 ms, {what} (ladder {string.Join(", ", r.Settings.Ladder.Select(F))}/s) | Api {Highest("api")}, floor {Highest("floor")}; machine CPU per search Api {Cost("api")}, floor {Cost("floor")} ({r.Machine.Cores} cores: {F(r.Machine.Cores * 1000.0 / 300)} ms a search at 300/s) |");
        }
        s.AppendLine(CultureInfo.InvariantCulture, $"| booking spread ≥ 60 % of the floor's accepted/s | {Ratio("booking-spread", p => p.SucceededPerSecond)} |");
        if (hotApi is not null)
            s.AppendLine(CultureInfo.InvariantCulture, $"| one hot offer ≥ 300 decisions/s | {F(hotApi.DecisionsPerSecond)} (Api/floor {Ratio("booking-hot", p => p.DecisionsPerSecond)}) |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| 0 overbooked days, 0 counter mismatches, 0 5xx, 0 deadlocks | {r.Invariants.OverbookedDays}, {r.Invariants.CounterMismatches}, {r.Invariants.ServerErrors}, {r.Invariants.Deadlocks} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| search index equals its sources after the run (rows off) | {r.Invariants.SearchIndexDrift} |");
        foreach (var d in dash) s.AppendLine(CultureInfo.InvariantCulture, $"| {d.Workload} p95 ≤ 20 ms | {F(d.P95Ms)} ms |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| dashboard figures ≤ 60 s stale | full snapshot {F(r.Dashboard.SnapshotSeconds)} s; refresh after {r.Dashboard.RefreshChangedWarehouses} changed warehouses of {r.Dashboard.RefreshOperators} operators {F(r.Dashboard.RefreshSeconds)} s, job every {r.Dashboard.JobInterval}: up to {F(r.Dashboard.MaxStalenessSeconds)} s stale |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| Api peak RSS ≤ 512 MiB | {(r.ApiPeakRssKib is { } kib ? $"{kib / 1024} MiB" : "not measured (in-process)")} |");
        if (r.Notes.Count > 0)
        {
            s.AppendLine();
            foreach (var note in r.Notes) s.AppendLine($"- {note}");
        }
        return s.ToString();
    }
}
