using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.CityProgress;

/// <summary>
/// Each physical warehouse counts once: records of different operators within 200 m with alike addresses are flagged,
/// and the bureau's "same site" makes the group count once. Every test places its warehouses at a point of its own
/// (far from the other tests' shared default point), so it can assert exactly which pairs involve them.
/// </summary>
[Collection(CitySnapshotCollection.Name)]
public sealed class DuplicateSiteTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    /// <summary>A random point on land-or-sea between 10° and 50° N, far from the Duisburg default of other tests.</summary>
    private static (double Lat, double Lon) RandomPoint()
        => (10 + Random.Shared.NextDouble() * 40, -120 + Random.Shared.NextDouble() * 60);

    /// <summary>About <paramref name="metres"/> north of the point.</summary>
    private static (double Lat, double Lon) North((double Lat, double Lon) p, double metres) => (p.Lat + metres / 111_320.0, p.Lon);

    private async Task<string> ActiveWarehouseAsync(string token, (double Lat, double Lon) at, string address, decimal existing)
    {
        var body = Supply.WarehouseBody();
        body["address"] = address;
        body["countryCode"] = "US";
        body["city"] = "Somewhere";
        body["location"] = new JsonObject { ["latitude"] = Math.Round(at.Lat, 6), ["longitude"] = Math.Round(at.Lon, 6) };
        body["areas"] = new JsonObject { ["existingM2"] = existing, ["inUseM2"] = 0, ["underConstructionM2"] = 0 };
        var id = (string)(await Supply.CreateWarehouseAsync(client, token, body))["id"]!;
        await Supply.ActivateAsync(client, token, id);
        return id;
    }

    private async Task<string> BureauAsync() => await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);

    private async Task SnapshotAsync(string bureau)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/city-progress/snapshots", bureau);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonObject>> PairsInvolvingAsync(string bureau, IReadOnlyCollection<string> warehouseIds, string? status = null)
    {
        var response = await client.SendAsync(HttpMethod.Get, "/api/city-progress/duplicates" + (status is null ? "" : $"?status={status}"), bureau);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["pairs"]!.AsArray().Select(p => p!.AsObject())
            .Where(p => warehouseIds.Contains((string)p["a"]!["warehouseId"]!) || warehouseIds.Contains((string)p["b"]!["warehouseId"]!))
            .ToList();
    }

    private static (string, string) Ids(JsonObject pair)
    {
        var (a, b) = ((string)pair["a"]!["warehouseId"]!, (string)pair["b"]!["warehouseId"]!);
        return string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
    }

    private static (string, string) Sorted(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    private static async Task<(decimal Existing, int Active, int Duplicates)> OperatorRowAsync(Guid operatorId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(existing_m2), 0), coalesce(sum(active_count), 0)::int, coalesce(sum(duplicate_count), 0)::int
            FROM area_snapshot_rows WHERE operator_id = $1 AND snapshot_date = $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = operatorId });
        command.Parameters.Add(new NpgsqlParameter { Value = CitySnapshots.Today(TimeProvider.System) });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDecimal(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    [Fact]
    public async Task Nearby_alike_records_of_different_operators_are_flagged_and_a_same_site_counts_once()
    {
        var here = RandomPoint();
        var a = await Scenario.RegisterAsync(client);
        var b = await Scenario.RegisterAsync(client);
        var c = await Scenario.RegisterAsync(client);
        var d = await Scenario.RegisterAsync(client);
        var aSite = await ActiveWarehouseAsync(a.Token, here, "Calle Logística 45, Parque Industrial Norte", 10_000);
        // The same building written the other way round, 60 m away on another operator's map.
        var bSite = await ActiveWarehouseAsync(b.Token, North(here, 60), "Parque Industrial Norte, Calle Logistica 45", 6_000);
        // Close by, but another address: a neighbour, not a duplicate.
        var cSite = await ActiveWarehouseAsync(c.Token, North(here, 90), "Avenida del Puerto 900, Zona Franca", 8_000);
        // The same address 400 m away: too far to be the same building.
        var dSite = await ActiveWarehouseAsync(d.Token, North(here, 400), "Calle Logística 45, Parque Industrial Norte", 7_000);
        // A second record of the same operator at the same site is the operator's own affair, never a cross-operator pair.
        var aSecond = await ActiveWarehouseAsync(a.Token, North(here, 20), "Calle Logística 45, Parque Industrial Norte", 1_000);
        var mine = new[] { aSite, bSite, cSite, dSite, aSecond };
        var bureau = await BureauAsync();
        await SnapshotAsync(bureau);

        var flagged = await PairsInvolvingAsync(bureau, mine, "flagged");
        Assert.Equal(
            new[] { Sorted(aSite, bSite), Sorted(aSecond, bSite) }.Order().ToList(),
            flagged.Select(Ids).Order().ToList());
        var pair = flagged.Single(p => Ids(p) == Sorted(aSite, bSite));
        Assert.InRange((double)pair["distanceM"]!, 50, 70);
        Assert.True((double)pair["addressSimilarity"]! >= 0.5);
        Assert.Equal(a.LegalNameZh, pair["a"]!["warehouseId"]!.ToString() == aSite ? (string)pair["a"]!["operatorNameZh"]! : (string)pair["b"]!["operatorNameZh"]!);

        // Until the bureau decides, both count.
        Assert.Equal((11_000m, 2, 0), await OperatorRowAsync(a.OrganisationId));
        Assert.Equal((6_000m, 1, 0), await OperatorRowAsync(b.OrganisationId));

        // Same site: counted once, through the larger record (A's 10,000 m²); B's record shows as a duplicate.
        var decided = await client.SendAsync(HttpMethod.Post, $"/api/city-progress/duplicates/{pair["id"]}/decision", bureau,
            new { decision = "sameSite", reason = "Same lease contract, checked on site photos" });
        var decidedText = await decided.Content.ReadAsStringAsync();
        Assert.True(decided.StatusCode == HttpStatusCode.OK, decidedText);
        var view = JsonNode.Parse(decidedText)!;
        Assert.Equal("sameSite", (string)view["status"]!);
        Assert.Equal(aSite, (string)view["countedWarehouseId"]!);
        Assert.Single(view["history"]!.AsArray());

        await SnapshotAsync(bureau);
        Assert.Equal((11_000m, 2, 0), await OperatorRowAsync(a.OrganisationId));
        Assert.Equal((0m, 0, 1), await OperatorRowAsync(b.OrganisationId));
        // A decided pair stays decided at the next pass (it is not re-flagged).
        Assert.DoesNotContain(await PairsInvolvingAsync(bureau, mine, "flagged"), p => Ids(p) == Sorted(aSite, bSite));

        // The bureau changes its mind: distinct, and both count again; both decisions stay in the history.
        var distinct = await client.SendAsync(HttpMethod.Post, $"/api/city-progress/duplicates/{pair["id"]}/decision", bureau,
            new { decision = "distinct", reason = "Two separate halls of the park" });
        Assert.Equal(HttpStatusCode.OK, distinct.StatusCode);
        await SnapshotAsync(bureau);
        Assert.Equal((6_000m, 1, 0), await OperatorRowAsync(b.OrganisationId));
        var history = (await PairsInvolvingAsync(bureau, mine, "distinct")).Single()["history"]!.AsArray();
        Assert.Equal(new[] { "sameSite", "distinct" }, history.Select(h => (string)h!["decision"]!));
    }

    [Fact]
    public async Task A_same_site_group_counts_its_largest_record_once()
    {
        var here = RandomPoint();
        var ops = new List<Scenario.Member>();
        for (var i = 0; i < 3; i++) ops.Add(await Scenario.RegisterAsync(client));
        var sites = new List<string>();
        decimal[] areas = [3_000, 9_000, 5_000];
        for (var i = 0; i < 3; i++)
            sites.Add(await ActiveWarehouseAsync(ops[i].Token, North(here, i * 30), "Zona Industrial Sur, Nave 7, 28906 Getafe", areas[i]));
        var bureau = await BureauAsync();
        await SnapshotAsync(bureau);
        var flagged = await PairsInvolvingAsync(bureau, sites, "flagged");
        Assert.Equal(3, flagged.Count);
        // Two of the three pairs decided are enough to join all three into one site.
        foreach (var p in flagged.Where(p => Ids(p) != Sorted(sites[0], sites[2])))
        {
            var r = await client.SendAsync(HttpMethod.Post, $"/api/city-progress/duplicates/{p["id"]}/decision", bureau,
                new { decision = "sameSite", reason = "One building, three tenants' records" });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        await SnapshotAsync(bureau);
        Assert.Equal((0m, 0, 1), await OperatorRowAsync(ops[0].OrganisationId));
        Assert.Equal((9_000m, 1, 0), await OperatorRowAsync(ops[1].OrganisationId));
        Assert.Equal((0m, 0, 1), await OperatorRowAsync(ops[2].OrganisationId));
    }

    [Fact]
    public void Grouping_rule_on_plain_data()
    {
        Guid G(int n) => new($"00000000-0000-0000-0000-{n:D12}");
        var areas = new Dictionary<Guid, decimal> { [G(1)] = 100, [G(2)] = 300, [G(3)] = 300, [G(4)] = 50, [G(5)] = 10 };
        // 1=2=3 is one site (2 and 3 tie on area: the lower id counts); 4=9 involves a record no longer observed.
        var excluded = DuplicateSites.Resolve([(G(1), G(2)), (G(3), G(2)), (G(4), G(9))], areas);
        Assert.Equal(new Dictionary<Guid, Guid> { [G(1)] = G(2), [G(3)] = G(2) }, excluded);
        Assert.Empty(DuplicateSites.Resolve([], areas));
    }

    [Fact]
    public async Task Decisions_need_a_known_pair_a_decision_and_a_reason()
    {
        var here = RandomPoint();
        var a = await Scenario.RegisterAsync(client);
        var b = await Scenario.RegisterAsync(client);
        var s1 = await ActiveWarehouseAsync(a.Token, here, "Rua do Porto 77, Santos", 1_000);
        var s2 = await ActiveWarehouseAsync(b.Token, North(here, 5), "Rua do Porto, 77 — Santos", 1_000);
        var bureau = await BureauAsync();
        await SnapshotAsync(bureau);
        var pairId = (string)(await PairsInvolvingAsync(bureau, [s1, s2])).Single()["id"]!;

        var unknown = await client.SendAsync(HttpMethod.Post, $"/api/city-progress/duplicates/{Guid.NewGuid()}/decision", bureau,
            new { decision = "distinct", reason = "x" });
        await Scenario.AssertProblemAsync(unknown, HttpStatusCode.NotFound);

        var noReason = await client.SendAsync(HttpMethod.Post, $"/api/city-progress/duplicates/{pairId}/decision", bureau,
            new { decision = "sameSite", reason = "  " });
        var problem = await Scenario.AssertProblemAsync(noReason, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["reason"]);

        var flaggedIsNoDecision = await client.SendAsync(HttpMethod.Post, $"/api/city-progress/duplicates/{pairId}/decision", bureau,
            new { decision = "flagged", reason = "undo" });
        Assert.NotNull((await Scenario.AssertProblemAsync(flaggedIsNoDecision, HttpStatusCode.BadRequest))["errors"]!["decision"]);

        // Nothing was written by the refused decisions.
        Assert.Equal("flagged", (string)(await PairsInvolvingAsync(bureau, [s1, s2])).Single()["status"]!);

        var badFilter = await client.SendAsync(HttpMethod.Get, "/api/city-progress/duplicates?status=maybe", bureau);
        Assert.NotNull((await Scenario.AssertProblemAsync(badFilter, HttpStatusCode.BadRequest))["errors"]!["status"]);
    }

    [Fact]
    public async Task Operators_read_only_their_own_observations_and_traders_none()
    {
        var here = RandomPoint();
        var a = await Scenario.RegisterAsync(client);
        var b = await Scenario.RegisterAsync(client);
        await ActiveWarehouseAsync(a.Token, here, "Lot 12, Jalan Pelabuhan, Port Klang", 1_000);
        await ActiveWarehouseAsync(b.Token, North(here, 10), "Lot 12, Jalan Pelabuhan, Port Klang", 1_000);
        await SnapshotAsync(await BureauAsync());

        Assert.Equal(1, await CountAsTenantAsync(a.OrganisationId, "SELECT count(*) FROM site_observations"));
        Assert.Equal(0, await CountAsTenantAsync(a.OrganisationId, $"SELECT count(*) FROM site_observations WHERE tenant_id = '{b.OrganisationId}'"));
        Assert.Equal(0, await CountAsTenantAsync(a.OrganisationId, "SELECT count(*) FROM site_pairs"));
        var trader = await Scenario.RegisterAsync(client, "trader");
        Assert.Equal(0, await CountAsTenantAsync(trader.OrganisationId, "SELECT count(*) FROM site_observations"));
        // The bureau reads every operator's observations (SELECT only), so it sees both.
        var bureauId = await BureauIdAsync();
        Assert.Equal(2, await CountAsTenantAsync(bureauId, $"SELECT count(*) FROM site_observations WHERE tenant_id IN ('{a.OrganisationId}', '{b.OrganisationId}')"));
        // ...and cannot change them: its read policy is FOR SELECT, so a DELETE sees no row.
        Assert.Equal(0, await CountAsTenantAsync(bureauId,
            $"WITH d AS (DELETE FROM site_observations WHERE tenant_id = '{a.OrganisationId}' RETURNING 1) SELECT count(*) FROM d"));
    }

    [Fact]
    public async Task Decision_records_cannot_be_changed_or_removed_by_the_app_or_the_owner()
    {
        // Make one decision so there is a row to attack.
        var here = RandomPoint();
        var a = await Scenario.RegisterAsync(client);
        var b = await Scenario.RegisterAsync(client);
        var s1 = await ActiveWarehouseAsync(a.Token, here, "Unit 4, Logistics Way, Felixstowe IP11 3QW", 2_000);
        var s2 = await ActiveWarehouseAsync(b.Token, North(here, 15), "Unit 4 Logistics Way Felixstowe IP11 3QW", 2_000);
        var bureau = await BureauAsync();
        await SnapshotAsync(bureau);
        var pair = (await PairsInvolvingAsync(bureau, [s1, s2])).Single();
        var decided = await client.SendAsync(HttpMethod.Post, $"/api/city-progress/duplicates/{pair["id"]}/decision", bureau,
            new { decision = "distinct", reason = "Checked" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var bureauId = await BureauIdAsync();

        foreach (var connection in new[] { TestDatabase.App, TestDatabase.Owner })
        {
            foreach (var sql in new[]
                     {
                         $"UPDATE site_pair_decisions SET reason = 'rewritten' WHERE pair_id = '{pair["id"]}'",
                         $"DELETE FROM site_pair_decisions WHERE pair_id = '{pair["id"]}'",
                         "TRUNCATE site_pair_decisions",
                     })
            {
                var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsTenantAsync(connection, bureauId, sql));
                Assert.Equal("42501", error.SqlState); // insufficient privilege: revoked, or the append-only trigger
            }
        }
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM site_pair_decisions WHERE pair_id = $1 AND reason = 'Checked'", Guid.Parse((string)pair["id"]!)));
    }

    private static async Task<Guid> BureauIdAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM organisations WHERE kind = 'Bureau'", connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsTenantAsync(string connectionString, Guid tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection, tx))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString() });
            await set.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync();
        await tx.RollbackAsync();
    }

    /// <summary>Runs a count as the app role inside a transaction whose tenant is <paramref name="tenant"/>.</summary>
    private static async Task<long> CountAsTenantAsync(Guid tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.App);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection, tx))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString() });
            await set.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(sql, connection, tx);
        var result = Convert.ToInt64(await command.ExecuteScalarAsync());
        await tx.RollbackAsync();
        return result;
    }
}
