using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.CityProgress;

/// <summary>
/// Progress to the city's area target. Other test classes create warehouses at the same time, so city-wide totals
/// are checked for consistency within one answer, and exact figures on the operators a test creates itself.
/// </summary>
[Collection(CitySnapshotCollection.Name)]
public sealed class CityProgressTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<string> BureauAsync() => await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);

    private async Task<string> WarehouseAsync(string token, decimal existing, decimal inUse, decimal building, string status, string country = "DE", string opened = "2021-05-01")
    {
        var body = Supply.WarehouseBody();
        body["areas"] = new JsonObject { ["existingM2"] = existing, ["inUseM2"] = inUse, ["underConstructionM2"] = building };
        body["openedOn"] = opened;
        if (country != "DE")
        {
            body["countryCode"] = country;
            body["city"] = "Somewhere";
        }
        var id = (string)(await Supply.CreateWarehouseAsync(client, token, body))["id"]!;
        if (status == "draft") return id;
        if (status == "closed")
        {
            var closed = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{id}/status", token, new { status = "closed" });
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            return id;
        }
        await Supply.ActivateAsync(client, token, id);
        if (status == "suspended")
        {
            var suspended = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{id}/status", token, new { status = "suspended" });
            Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        }
        return id;
    }

    private async Task<JsonObject> GetJsonAsync(string url, string? token)
    {
        var response = await client.SendAsync(HttpMethod.Get, url, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<JsonObject> SnapshotAsync(string bureau)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/city-progress/snapshots", bureau);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task Only_active_warehouses_count_and_the_three_areas_are_kept_apart()
    {
        var op = await Scenario.RegisterAsync(client);
        await WarehouseAsync(op.Token, 10_000, 7_000, 2_000, "active");
        await WarehouseAsync(op.Token, 5_000, 1_000, 500, "active", "PL", "2024-03-01");
        await WarehouseAsync(op.Token, 90_000, 1, 1, "draft");
        await WarehouseAsync(op.Token, 80_000, 1, 1, "suspended");
        await WarehouseAsync(op.Token, 70_000, 1, 1, "closed");
        var bureau = await BureauAsync();
        await SnapshotAsync(bureau);

        var progress = await GetJsonAsync("/api/city-progress", bureau);
        var mine = progress["byOperator"]!.AsArray().Single(s => (string?)s!["nameZh"] == op.LegalNameZh)!;
        Assert.Equal("SIP", (string)mine["code"]!);
        Assert.Equal(2, (int)mine["warehouses"]!);
        Assert.Equal(15_000m, (decimal)mine["existingM2"]!);
        Assert.Equal(8_000m, (decimal)mine["inUseM2"]!);
        Assert.Equal(2_500m, (decimal)mine["underConstructionM2"]!);
        Assert.Equal(1_500_000m, (decimal)progress["targetM2"]!);
        Assert.NotNull(progress["asOf"]);

        // The snapshot keeps the inactive ones as counts only, with no area.
        var today = CitySnapshots.Today(TimeProvider.System);
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT sum(draft_count) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2", op.OrganisationId, today));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT sum(suspended_count) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2", op.OrganisationId, today));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT sum(closed_count) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2", op.OrganisationId, today));
        Assert.Equal(15_000, await TestDatabase.CountAsync("SELECT sum(existing_m2) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2", op.OrganisationId, today));
        // Rows are per (operator, country, year opened) and carry no warehouse identity.
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'area_snapshot_rows' AND column_name IN ('tenant_id', 'warehouse_id', 'name_zh', 'address')"));
    }

    [Fact]
    public async Task A_change_reaches_the_figures_at_the_next_refresh_which_revisits_only_changed_operators()
    {
        var changing = await Scenario.RegisterAsync(client);
        var id = await WarehouseAsync(changing.Token, 8_000, 4_000, 0, "active");
        await WarehouseAsync(changing.Token, 2_000, 1_000, 0, "active", "PL");
        var quiet = await Scenario.RegisterAsync(client);
        await WarehouseAsync(quiet.Token, 3_000, 1_000, 0, "active");
        var bureau = await BureauAsync();
        await SnapshotAsync(bureau);
        var today = CitySnapshots.Today(TimeProvider.System);
        // Creating warehouses registered both operators; a refresh claims the entries it finds.
        await CitySnapshots.RefreshChangedAsync(api.Factory.Services, today, TimeProvider.System, CancellationToken.None);
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM area_changes WHERE operator_id = ANY($1)", new[] { changing.OrganisationId, quiet.OrganisationId }));
        await SnapshotAsync(bureau);

        var suspended = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{id}/status", changing.Token, new { status = "suspended" });
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        // The trigger registered the change in the writer's transaction.
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM area_changes WHERE operator_id = $1", changing.OrganisationId));

        await CitySnapshots.RefreshChangedAsync(api.Factory.Services, today, TimeProvider.System, CancellationToken.None);

        var progress = await GetJsonAsync("/api/city-progress", bureau);
        var mine = progress["byOperator"]!.AsArray().Single(s => (string?)s!["nameZh"] == changing.LegalNameZh)!;
        Assert.Equal(1, (int)mine["warehouses"]!);
        Assert.Equal(2_000m, (decimal)mine["existingM2"]!);
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM area_changes WHERE operator_id = $1", changing.OrganisationId));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT sum(suspended_count) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2", changing.OrganisationId, today));
        // The unchanged operator's rows are those of the full pass, not rewritten by the refresh.
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2 AND source = 'refresh'", quiet.OrganisationId, today));
        // The header carries the figures the dashboard reads (other classes may take snapshots meanwhile, so the
        // city-wide totals are not compared here; Breakdowns_add_up_to_the_totals… checks them within one answer).
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM area_snapshots WHERE snapshot_date = $1 AND figures IS NOT NULL AND existing_m2 IS NOT NULL", today));
    }

    [Fact]
    public async Task Taking_the_snapshot_twice_for_a_date_leaves_one_snapshot()
    {
        var op = await Scenario.RegisterAsync(client);
        await WarehouseAsync(op.Token, 4_000, 3_000, 0, "active");
        await WarehouseAsync(op.Token, 6_000, 3_000, 100, "active", "FR");
        var bureau = await BureauAsync();
        await SnapshotAsync(bureau);
        var today = CitySnapshots.Today(TimeProvider.System);
        await CitySnapshots.TakeAsync(api.Factory.Services, today, "job", TimeProvider.System, CancellationToken.None);
        await SnapshotAsync(bureau);

        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM area_snapshots WHERE snapshot_date = $1", today));
        Assert.Equal(2, await TestDatabase.CountAsync("SELECT count(*) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2", op.OrganisationId, today));
        Assert.Equal(10_000, await TestDatabase.CountAsync("SELECT sum(existing_m2) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2", op.OrganisationId, today));
    }

    [Fact]
    public async Task Breakdowns_add_up_to_the_totals_and_the_trend_ends_on_the_snapshot_used()
    {
        var op = await Scenario.RegisterAsync(client);
        await WarehouseAsync(op.Token, 3_000, 2_000, 1_000, "active", "MY");
        await WarehouseAsync(op.Token, 2_000, 2_000, 0, "active", "US", "2019-01-01");
        var bureau = await BureauAsync();
        await SnapshotAsync(bureau);
        var progress = await GetJsonAsync("/api/city-progress", bureau);

        var existing = (decimal)progress["existingM2"]!;
        var warehouses = (int)progress["warehouses"]!;
        Assert.True(existing >= 5_000m);
        foreach (var name in new[] { "byDistrict", "byCountry", "byOperator", "byYearOpened", "byCertificationLevel" })
        {
            var slices = progress[name]!.AsArray();
            Assert.Equal(existing, slices.Sum(s => (decimal)s!["existingM2"]!));
            Assert.Equal((decimal)progress["inUseM2"]!, slices.Sum(s => (decimal)s!["inUseM2"]!));
            Assert.Equal((decimal)progress["underConstructionM2"]!, slices.Sum(s => (decimal)s!["underConstructionM2"]!));
            Assert.Equal(warehouses, slices.Sum(s => (int)s!["warehouses"]!));
        }
        Assert.Equal((int)progress["countries"]!, progress["byCountry"]!.AsArray().Count);
        // Malaysia is in more than one market group and counts in each.
        var groups = progress["byMarketGroup"]!.AsArray();
        Assert.True(groups.Count(g => (decimal)g!["existingM2"]! >= 3_000m) >= 2);
        Assert.Contains("each", (string)progress["marketGroupNote"]!);
        var trend = progress["trend"]!.AsArray();
        Assert.Equal((string)progress["asOf"]!, (string)trend[^1]!["date"]!);
        Assert.Equal(existing, (decimal)trend[^1]!["existingM2"]!);
        Assert.False(string.IsNullOrWhiteSpace((string)progress["projection"]!["method"]!));

        // Before the first snapshot there is nothing to report, and that is said plainly.
        var before = await GetJsonAsync("/api/city-progress?asOf=2000-01-01", bureau);
        Assert.Null(before["asOf"]);
        Assert.Equal(0m, (decimal)before["existingM2"]!);
    }

    [Fact]
    public void Projection_on_a_known_series_reaches_the_target_on_the_crossing_day()
    {
        var start = new DateOnly(2026, 7, 4); // + 89 days = 2026-10-01
        var series = Enumerable.Range(0, 90).Select(i => (start.AddDays(i), 1_000_000m + 5_000m * i)).ToList();
        series.Insert(0, (start.AddDays(-100), 0m)); // older than 90 days: outside the window
        var result = Projection.Compute(series, new DateOnly(2026, 10, 1), 1_500_000m, new DateOnly(2026, 12, 31));
        Assert.Equal(90, result.PointsUsed);
        Assert.Equal(5_000d, result.SlopeM2PerDay!.Value, 6);
        // 1,445,000 on 2026-10-01; 55,000 more at 5,000 a day is 11 days.
        Assert.True(result.Reached);
        Assert.Equal(new DateOnly(2026, 10, 12), result.ReachedOn);
        Assert.Contains("2026-10-12", result.Statement);
    }

    [Fact]
    public void Projection_on_a_known_series_states_the_shortfall_at_the_deadline()
    {
        var start = new DateOnly(2026, 7, 4);
        var series = Enumerable.Range(0, 90).Select(i => (start.AddDays(i), 1_000_000m + 2_000m * i)).ToList();
        var result = Projection.Compute(series, new DateOnly(2026, 10, 1), 1_500_000m, new DateOnly(2026, 12, 31));
        // 1,178,000 on 2026-10-01, + 91 days × 2,000 = 1,360,000 on 2026-12-31: 140,000 short.
        Assert.False(result.Reached);
        Assert.Equal(1_360_000m, result.ProjectedAtDeadlineM2);
        Assert.Equal(140_000m, result.ShortfallM2);
        Assert.Contains("shortfall of 140000 m²", result.Statement);

        // A falling line never projects below today's figure, and an already-met target says so.
        var falling = Enumerable.Range(0, 10).Select(i => (start.AddDays(i), 900_000m - 1_000m * i)).ToList();
        Assert.Equal(1_500_000m - 891_000m, Projection.Compute(falling, start.AddDays(9), 1_500_000m, new DateOnly(2026, 12, 31)).ShortfallM2);
        var met = Projection.Compute([(start, 1_600_000m)], start, 1_500_000m, new DateOnly(2026, 12, 31));
        Assert.True(met.Reached);
        Assert.Equal(start, met.ReachedOn);
    }

    [Fact]
    public async Task Bureau_endpoints_refuse_operators_traders_and_anonymous_callers()
    {
        var op = await Scenario.RegisterAsync(client);
        var trader = await Scenario.RegisterAsync(client, "trader");
        foreach (var (method, url) in new[] { (HttpMethod.Get, "/api/city-progress"), (HttpMethod.Post, "/api/city-progress/snapshots") })
        {
            await Scenario.AssertProblemAsync(await client.SendAsync(method, url, op.Token), HttpStatusCode.Forbidden);
            await Scenario.AssertProblemAsync(await client.SendAsync(method, url, trader.Token), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(method, url, null)).StatusCode);
        }
    }

    [Fact]
    public async Task The_summary_is_public_and_names_no_operator()
    {
        var op = await Scenario.RegisterAsync(client);
        await WarehouseAsync(op.Token, 1_234, 1_000, 0, "active");
        await SnapshotAsync(await BureauAsync());

        var response = await client.GetAsync("/api/city-progress/summary");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(op.LegalNameZh, text);
        Assert.DoesNotContain(op.OrganisationId.ToString(), text);
        var summary = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(
            new[] { "asOf", "countries", "existingM2", "operators", "percentOfTarget", "targetM2", "warehouses" },
            summary.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.True((decimal)summary["existingM2"]! >= 1_234m);
        Assert.Equal(decimal.Round((decimal)summary["existingM2"]! * 100m / 1_500_000m, 2), (decimal)summary["percentOfTarget"]!);
    }

    [Fact]
    public async Task A_certified_warehouse_counts_under_its_level_in_the_certification_breakdown()
    {
        var op = await Scenario.RegisterAsync(client);
        var bureau = await BureauAsync();
        var programme = await Certification.CertificationSupply.CreateProgrammeAsync(client, bureau);
        var certifiedId = await Certification.CertificationSupply.ReadyWarehouseAsync(client, op.Token);
        await Certification.CertificationSupply.CertifiedAsync(client, bureau, op.Token, (string)programme["id"]!, certifiedId);
        await WarehouseAsync(op.Token, 4_000, 1_000, 0, "active", "FR");
        await SnapshotAsync(bureau);

        var today = CitySnapshots.Today(TimeProvider.System);
        // The certified warehouse (the supply default: 12,000 m² existing) is in a municipal row, the other in a none row.
        Assert.Equal(12_000, await TestDatabase.CountAsync("SELECT sum(existing_m2) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2 AND certification_level = 'municipal'", op.OrganisationId, today));
        Assert.Equal(4_000, await TestDatabase.CountAsync("SELECT sum(existing_m2) FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2 AND certification_level = 'none'", op.OrganisationId, today));
        var progress = await GetJsonAsync("/api/city-progress", bureau);
        var municipal = progress["byCertificationLevel"]!.AsArray().Single(s => (string?)s!["code"] == "municipal")!;
        Assert.Equal("市级公共海外仓", (string)municipal["nameZh"]!);
        Assert.True((decimal)municipal["existingM2"]! >= 12_000m);
    }
}

/// <summary>
/// Tests that take the city's snapshot run one class at a time: a snapshot visits every operator and replaces today's
/// figures, so one that started before another test's same-site decision could finish after that test's own snapshot
/// and write its operators' rows with the decisions as they were (seen once in CI: DuplicateSiteTests).
/// </summary>
public static class CitySnapshotCollection
{
    public const string Name = "City snapshots";
}
