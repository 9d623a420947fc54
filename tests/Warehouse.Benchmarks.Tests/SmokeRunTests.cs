using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Warehouse.Benchmarks.Tests;

/// <summary>
/// The benchmark program end to end at 2k warehouses for a few seconds: every phase runs against the real Api (in the
/// test host) and the floor, and the rules hold afterwards. No timing is asserted: this machine's speed is not a fact
/// about the code.
/// </summary>
[Collection(WritesCatalogue)]
public sealed class SmokeRunTests(BenchDatabase database)
{
    /// <summary>The smoke run books on the shared 2k catalogue: tests that read it outside one snapshot run apart from it.</summary>
    public const string WritesCatalogue = "writes the 2k catalogue";

    private const string BureauEmail = "bureau.admin@bench-tests.example";
    private static readonly string BureauPassword = "Bureau-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    private sealed class Api(BenchDatabase database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:App", database.App);
            builder.UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            builder.UseSetting("Bureau:AdminEmail", BureauEmail);
            builder.UseSetting("Bureau:AdminPassword", BureauPassword);
            builder.UseSetting("RateLimits:AuthPerMinute", "100000");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        }
    }

    [Fact]
    public async Task A_short_run_exercises_every_phase_and_keeps_the_booking_invariants()
    {
        await using var api = new Api(database);
        using var client = api.CreateClient();
        var run = new BenchmarkRun(client, database.App, database.Superuser, BureauEmail, BureauPassword, BenchmarkSettings.Quick, TextWriter.Null);

        var result = await run.RunAsync("2k", BenchDatabase.Warehouses, database.Load, TestContext.Current.CancellationToken);

        Assert.Equal(BenchDatabase.Warehouses, database.Load.Warehouses);
        Assert.True(database.Load.Offers > 0 && database.Load.CapacityDays > database.Load.Offers && database.Load.Bookings > 0, $"{database.Load}");
        Assert.Equal(new Invariants(0, 0, 0, 0, result.Invariants.ApiAccepted, result.Invariants.FloorAccepted, SearchIndexDrift: 0), result.Invariants);
        Assert.True(result.Invariants.ApiAccepted > 0, "the Api accepted no booking");
        Assert.True(result.Invariants.FloorAccepted > 0, "the floor accepted no booking");
        var expected = new[] { "search", "search-open", "search-open:HubRadius", "booking-spread", "booking-hot" };
        foreach (var workload in expected)
        foreach (var target in new[] { "api", "floor" })
        {
            var phase = Assert.Single(result.Phases, p => p.Workload == workload && p.Target == target);
            Assert.True(phase.Requests > 0 && phase.Succeeded + phase.Conflicts == phase.Requests, $"{workload}/{target}: {phase}");
        }
        foreach (var workload in new[] { "search-ladder", "search-ladder:HubRadius" })
        foreach (var target in new[] { "api", "floor" })
            Assert.Contains(result.Phases, p => p.Workload == workload && p.Target == target && p.Requests > 0);
        // CPU per request is read from /proc (the tests run on Linux): every measured phase has it.
        Assert.All(result.Phases, p => Assert.True(p.Cpu is { MachineMs: > 0 }, $"{p.Workload}/{p.Target}: no CPU figures"));
        foreach (var variant in Enum.GetValues<SearchMix.Variant>())
            Assert.Contains(result.Phases, p => p.Workload == $"search:{variant}" && p.Target == "api" && p.Succeeded > 0);
        Assert.All(result.Phases.Where(p => p.Workload.StartsWith("dashboard")), p => Assert.True(p.Succeeded > 0 && p.Succeeded == p.Requests, $"{p}"));
        Assert.True(result.Dashboard.SnapshotOperators > 0, "the on-demand city snapshot saw no operator");
        // The run itself checked that the refresh brought the changed warehouses into the figures to the square metre.
        Assert.True(result.Dashboard.RefreshOperators > 0, "the refresh after a change revisited no operator");

        var markdown = Report.Markdown(result);
        Assert.Contains("| search | api | closed |", markdown);
        Assert.Contains("0, 0, 0, 0", markdown); // the invariants line
    }

    [Fact]
    public async Task The_generator_is_deterministic()
    {
        // The same seed gives the same catalogue in any process (no per-process hash seeds).
        Assert.Equal(DataGenerator.Mix(1, 2, 3, 4), DataGenerator.Mix(1, 2, 3, 4));
        Assert.Equal(1_636_270_599, DataGenerator.Mix(DataGenerator.Seed, 12, 0, 0));
        Assert.Equal(DataGenerator.DeterministicGuid(DataGenerator.Seed, 3, 17, 0), DataGenerator.DeterministicGuid(DataGenerator.Seed, 3, 17, 0));
        Assert.NotEqual(DataGenerator.DeterministicGuid(DataGenerator.Seed, 3, 17, 0), DataGenerator.DeterministicGuid(DataGenerator.Seed, 4, 17, 0));
        await Task.CompletedTask;
    }
}
