using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;
using static Warehouse.Api.Tests.Certification.CertificationSupply;

namespace Warehouse.Api.Tests.Certification;

public sealed class SubsidyTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private Task<string> BureauAsync() => Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);

    private static string Ref() => $"FP-{Guid.NewGuid():N}";

    [Fact]
    public async Task Cap_budget_overflow_pro_rata_and_revoked_certificates_are_left_out()
    {
        var bureau = await BureauAsync();
        // 30 %, cap 100,000, budget 150,000.
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau, ProgrammeBody(rate: 0.3m, cap: 100_000m, budget: 150_000m)))["id"]!;
        var a = await Scenario.RegisterAsync(client, "operator");
        var b = await Scenario.RegisterAsync(client, "operator");
        var c = await Scenario.RegisterAsync(client, "operator");
        // A: equipment 150,000 + IT 50,000 eligible, lease 900,000 excluded → 60,000.
        var first = await CertifiedAsync(client, bureau, a.Token, programmeId, await ReadyWarehouseAsync(client, a.Token),
            Items(("equipment", 150_000m, Ref()), ("it", 50_000m, Ref()), ("lease", 900_000m, Ref())));
        // B: renovation 500,000 → 150,000, capped at 100,000.
        var second = await CertifiedAsync(client, bureau, b.Token, programmeId, await ReadyWarehouseAsync(client, b.Token),
            Items(("renovation", 500_000m, Ref()), ("other", 10_000m, Ref())));
        // C: certified, then revoked: not eligible.
        var third = await CertifiedAsync(client, bureau, c.Token, programmeId, await ReadyWarehouseAsync(client, c.Token), Items(("equipment", 1_000_000m, Ref())));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/certification/certificates/{(string)third["certificate"]!["id"]!}/revoke", bureau, new { reason = "虚报投资" })).StatusCode);

        var subsidies = await (await client.SendAsync(HttpMethod.Get, $"/api/subsidies/programmes/{programmeId}", bureau)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(2, (int)subsidies!["eligibleWarehouses"]!);
        var lines = subsidies["lines"]!.AsArray().ToDictionary(l => (string)l!["applicationId"]!, l => l!);
        var la = lines[(string)first["id"]!];
        Assert.Equal(200_000m, (decimal)la["eligibleInvestmentCny"]!);
        Assert.Equal(900_000m, (decimal)la["excludedInvestmentCny"]!);
        Assert.Equal(60_000m, (decimal)la["requestedCny"]!);
        Assert.False((bool)la["capped"]!);
        var lb = lines[(string)second["id"]!];
        Assert.Equal(150_000m, (decimal)lb["rateAmountCny"]!);
        Assert.True((bool)lb["capped"]!);
        Assert.Equal(100_000m, (decimal)lb["requestedCny"]!);
        // Σ 160,000 > 150,000: pro rata 0.9375.
        Assert.True((bool)subsidies["overBudget"]!);
        Assert.Equal(160_000m, (decimal)subsidies["totalRequestedCny"]!);
        Assert.Equal(0.9375m, (decimal)subsidies["factor"]!);
        Assert.Equal(56_250m, (decimal)la["allocatedCny"]!);
        Assert.Equal(93_750m, (decimal)lb["allocatedCny"]!);
        Assert.Equal(150_000m, (decimal)subsidies["totalAllocatedCny"]!);
        Assert.Equal("min(0.3 × ¥200,000.00, cap ¥100,000.00) = min(¥60,000.00, ¥100,000.00) = ¥60,000.00; × 0.9375 (pro rata) → ¥56,250.00", (string)la["arithmetic"]!);
        Assert.Contains("pro rata", (string)subsidies["allocationRuleText"]!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain((string)third["id"]!, lines.Keys);
        // Operators and traders cannot read it.
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, $"/api/subsidies/programmes/{programmeId}", a.Token), HttpStatusCode.Forbidden);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, $"/api/subsidies/programmes/{Guid.NewGuid()}", bureau), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_investment_item_is_claimed_in_one_programme_only()
    {
        var bureau = await BureauAsync();
        var p1 = (string)(await CreateProgrammeAsync(client, bureau))["id"]!;
        var p2 = (string)(await CreateProgrammeAsync(client, bureau, ProgrammeBody(level: "provincial")))["id"]!;
        var op = await Scenario.RegisterAsync(client, "operator");
        var invoice = Ref();
        var first = await CreateApplicationAsync(client, op.Token, ApplicationBody(p1, await ReadyWarehouseAsync(client, op.Token), Items(("equipment", 500_000m, invoice))));
        await SubmitAsync(client, op.Token, (string)first["id"]!);

        // The same invoice, written differently, in another programme: refused at submission, naming the item.
        var second = await CreateApplicationAsync(client, op.Token, ApplicationBody(p2, await ReadyWarehouseAsync(client, op.Token),
            Items(("it", 80_000m, Ref()), ("equipment", 500_000m, " " + invoice.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)))));
        var refused = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/certification/applications/{(string)second["id"]!}/submit", op.Token), HttpStatusCode.Conflict);
        Assert.Equal("investment.alreadyClaimed", (string)refused["code"]!);
        Assert.Contains(invoice.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), (string)refused["detail"]!);
        var still = await (await client.SendAsync(HttpMethod.Get, $"/api/certification/applications/{(string)second["id"]!}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("draft", (string)still!["status"]!);
        Assert.All(still["investmentItems"]!.AsArray(), i => Assert.False((bool)i!["claimed"]!));
        // Listing it twice in one application is a 400 naming the second line.
        var twice = ApplicationBody(p2, await ReadyWarehouseAsync(client, op.Token), Items(("equipment", 1m, "A-1"), ("it", 2m, "a 1")));
        Assert.NotNull((await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/certification/applications", op.Token, twice), HttpStatusCode.BadRequest))["errors"]!["investmentItems[1].reference"]);

        // The database refuses a second claim even if the check were bypassed.
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.Superuser);
            await connection.OpenAsync();
            await using var claim = new Npgsql.NpgsqlCommand("UPDATE certification_investment_items SET claimed = true WHERE application_id = $1", connection);
            claim.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.Parse((string)second["id"]!) });
            await claim.ExecuteNonQueryAsync();
        });
        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, error.SqlState);

        // Once the first application is rejected, its items are free again and the second one goes through.
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(client, bureau, (string)first["id"]!, "reject", "不符合条件")).StatusCode);
        Assert.Equal("submitted", (string)(await SubmitAsync(client, op.Token, (string)second["id"]!))["status"]!);
    }
}
