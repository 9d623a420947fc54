namespace Warehouse.Benchmarks;

// Warehouse.Benchmarks load --size 100k
// Warehouse.Benchmarks run --size 100k --api http://127.0.0.1:5090 --api-pid 1234 --out bench/results
// Connection strings and the bureau's password come from the environment (never the command line, which others can
// read): BENCH_SUPERUSER_CONNECTION (load, checks), BENCH_APP_CONNECTION (the floor, as the Api's role),
// BENCH_BUREAU_EMAIL, BENCH_BUREAU_PASSWORD. infra/bench.sh sets everything up and runs both.
/// <summary>The command line (a class, not top-level statements: the tests reference this assembly and the Api's Program).</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("load" or "run" or "explain"))
        {
            Console.Error.WriteLine("usage: Warehouse.Benchmarks load --size 2k|100k|1m|N  |  run --size … --api URL [--api-pid PID] [--out DIR] [--quick] [--only search,booking,dashboard | search-kinds | search-load]\n" +
                "      profiling: [--kinds Market,HubRadius,…] [--targets api,floor] [--kind-seconds S] [--statements]  |  explain");
            return 64;
        }
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : throw new InvalidOperationException($"{name} is not set.");

        var label = Option("--size") ?? "100k";
        var warehouses = Sizes.Parse(label);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        if (args[0] == "load")
        {
            var summary = await new DataGenerator(Env("BENCH_SUPERUSER_CONNECTION"), warehouses).LoadAsync(cancel.Token);
            File.WriteAllText(Option("--summary") ?? "load-summary.json", System.Text.Json.JsonSerializer.Serialize(summary));
            Console.WriteLine($"loaded {summary.Warehouses:N0} warehouses in {summary.Seconds:0.0}s");
            return 0;
        }

        if (args[0] == "explain")
        {
            await Explain.RunAsync(Env("BENCH_APP_CONNECTION"), Env("BENCH_SUPERUSER_CONNECTION"), Console.Out, cancel.Token);
            return 0;
        }

        HashSet<SearchMix.Variant>? kinds = null;
        if (Option("--kinds") is { } kindList)
        {
            kinds = [];
            foreach (var kind in kindList.Split(','))
            {
                if (!Enum.TryParse<SearchMix.Variant>(kind, ignoreCase: true, out var variant) || !Enum.IsDefined(variant))
                {
                    Console.Error.WriteLine($"--kinds: unknown kind '{kind}'; the kinds are {string.Join(", ", Enum.GetNames<SearchMix.Variant>())}.");
                    return 64;
                }
                kinds.Add(variant);
            }
        }
        var settings = args.Contains("--quick") ? BenchmarkSettings.Quick : BenchmarkSettings.Full(warehouses);
        using var api = BenchmarkRun.NewClient(new Uri(Option("--api") ?? throw new InvalidOperationException("--api is required")), 512);
        var run = new BenchmarkRun(api, Env("BENCH_APP_CONNECTION"), Env("BENCH_SUPERUSER_CONNECTION"), Env("BENCH_BUREAU_EMAIL"), Env("BENCH_BUREAU_PASSWORD"), settings)
        {
            ApiProcessId = int.TryParse(Option("--api-pid"), out var pid) ? pid : null,
            JobInterval = Option("--job-interval") ?? "00:00:30 (Quartz CityProgressRefreshJob, every 30 s by default)",
            Only = Option("--only") is { } only ? only.Split(',').ToHashSet() : new HashSet<string> { "search", "booking", "dashboard" },
            Kinds = kinds,
            Targets = Option("--targets") is { } targets ? targets.Split(',').ToHashSet() : null,
            KindSeconds = double.TryParse(Option("--kind-seconds"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
            StatementsPerPhase = args.Contains("--statements"),
        };
        DataGenerator.Summary? load = null;
        if (Option("--summary") is { } summaryFile && File.Exists(summaryFile))
            load = System.Text.Json.JsonSerializer.Deserialize<DataGenerator.Summary>(File.ReadAllText(summaryFile));
        var result = await run.RunAsync(label, warehouses, load, cancel.Token);
        var (json, md) = Report.Write(result, Option("--out") ?? "bench/results");
        Console.WriteLine(Report.Markdown(result));
        Console.WriteLine($"results: {json}\n         {md}");
        var invariants = result.Invariants;
        // The run fails when the platform broke a rule; slowness is reported, not failed.
        return invariants is { OverbookedDays: 0, CounterMismatches: 0, ServerErrors: 0, Deadlocks: 0, SearchIndexDrift: 0 } ? 0 : 1;
    }
}

public static class Sizes
{
    public static int Parse(string label) => label.ToLowerInvariant() switch
    {
        var s when s.EndsWith('k') => int.Parse(s[..^1]) * 1000,
        var s when s.EndsWith('m') => int.Parse(s[..^1]) * 1_000_000,
        var s => int.Parse(s),
    };
}
