using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;
using static Warehouse.Api.Tests.Certification.CertificationSupply;

namespace Warehouse.Api.Tests.Certification;

public sealed class ProgrammeTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private Task<string> BureauAsync() => Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);

    [Fact]
    public async Task A_new_programme_takes_the_default_criteria_and_categories_unless_given()
    {
        var programme = await CreateProgrammeAsync(client, await BureauAsync());
        Assert.Equal(1, (int)programme["version"]!);
        var criteria = programme["criteria"]!;
        Assert.Equal(2m, (decimal)criteria["minYearsRegisteredInProvince"]!);
        Assert.Equal(2m, (decimal)criteria["minYearsOperatingOverseas"]!);
        Assert.Equal(50m, (decimal)criteria["minEquityPercentExclusive"]!);
        Assert.True((bool)criteria["odiCertificateRequired"]!);
        Assert.True((bool)criteria["noSeriousViolationsRequired"]!);
        Assert.Equal(50, (int)criteria["minServedEnterprises"]!);
        Assert.True((bool)criteria["wmsRequired"]!);
        Assert.Equal(RequiredServices.Order(), criteria["requiredServices"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(new[] { "equipment", "renovation", "it" }, programme["eligibleCategories"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("proRata", (string)programme["allocationRule"]!);
        Assert.Equal(3, (int)programme["certificateValidityYears"]!);
        Assert.True((bool)programme["isOpen"]!);
    }

    [Fact]
    public async Task Bad_programmes_are_400s_naming_the_field_and_only_bureau_admins_create_them()
    {
        var bureau = await BureauAsync();
        var body = ProgrammeBody(rate: 1.5m);
        body["criteria"] = new JsonObject { ["minEquityPercentExclusive"] = 120, ["requiredServices"] = new JsonArray("dropShipping", "teleport") };
        var problem = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/certification/programmes", bureau, body), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["subsidyRate"]);
        var missing = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/certification/programmes", bureau, new { year = 2026 }), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "level", "opensOn", "closesOn", "subsidyRate", "capPerWarehouseCny", "budgetCny" })
            Assert.NotNull(missing["errors"]![field]);
        var closed = ProgrammeBody();
        closed["closesOn"] = "2020-01-01";
        Assert.NotNull((await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/certification/programmes", bureau, closed), HttpStatusCode.BadRequest))["errors"]!["closesOn"]);
        var op = await Scenario.RegisterAsync(client, "operator");
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/certification/programmes", op.Token, ProgrammeBody()), HttpStatusCode.Forbidden);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/certification/programmes", op.Token), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Editing_after_a_submission_adds_a_version_the_old_one_stays_and_decisions_record_the_version_they_used()
    {
        var bureau = await BureauAsync();
        var programme = await CreateProgrammeAsync(client, bureau);
        var id = (string)programme["id"]!;

        // No application yet: the edit changes version 1 in place.
        var edit = ProgrammeBody(budget: 8_000_000m, name: (string)programme["nameZh"]!);
        edit["revision"] = (uint)programme["revision"]!;
        var inPlace = await (await client.SendAsync(HttpMethod.Put, $"/api/certification/programmes/{id}", bureau, edit)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)inPlace!["version"]!);
        Assert.Equal(8_000_000m, (decimal)inPlace["budgetCny"]!);
        // A stale revision is refused.
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/certification/programmes/{id}", bureau, edit), HttpStatusCode.Conflict);

        // An operator submits under version 1.
        var op = await Scenario.RegisterAsync(client, "operator");
        var first = await CreateApplicationAsync(client, op.Token, ApplicationBody(id, await ReadyWarehouseAsync(client, op.Token)));
        Assert.Equal(1, (int)(await SubmitAsync(client, op.Token, (string)first["id"]!))["evaluation"]!["programmeVersion"]!);

        // Now the edit (a stricter equity threshold) adds version 2; version 1 is kept as it was.
        var stricter = ProgrammeBody(budget: 8_000_000m, name: (string)programme["nameZh"]!);
        stricter["criteria"] = new JsonObject { ["minEquityPercentExclusive"] = 99.5 };
        stricter["revision"] = (uint)inPlace["revision"]!;
        var response = await client.SendAsync(HttpMethod.Put, $"/api/certification/programmes/{id}", bureau, stricter);
        var v2 = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, (int)v2["version"]!);
        Assert.Equal(99.5m, (decimal)v2["criteria"]!["minEquityPercentExclusive"]!);
        Assert.Equal(new[] { (1, true), (2, false) }, v2["versions"]!.AsArray().Select(v => ((int)v!["version"]!, (bool)v["inUse"]!)));
        var v1 = await (await client.SendAsync(HttpMethod.Get, $"/api/certification/programmes/{id}/versions/1", bureau)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(50m, (decimal)v1!["criteria"]!["minEquityPercentExclusive"]!);
        Assert.False((bool)v1["isLatest"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/certification/programmes/{id}/versions/3", bureau)).StatusCode);

        // The first application is decided under the version it was evaluated with; a new one is evaluated under version 2.
        var decided = await ApproveAsync(client, bureau, (string)first["id"]!);
        Assert.Equal(1, (int)decided["decisions"]![0]!["programmeVersion"]!);
        Assert.Equal(1, (int)decided["certificate"]!["programmeVersion"]!);
        var secondBody = ApplicationBody(id, await ReadyWarehouseAsync(client, op.Token));
        secondBody["equityPercent"] = 90; // passes version 1 (> 50 %), fails version 2 (> 99.5 %)
        var second = await CreateApplicationAsync(client, op.Token, secondBody);
        var evaluated = await SubmitAsync(client, op.Token, (string)second["id"]!);
        Assert.Equal(2, (int)evaluated["evaluation"]!["programmeVersion"]!);
        Assert.Equal("fail", (string)evaluated["evaluation"]!["criteria"]!.AsArray().Single(c => (string)c!["criterion"]! == "equityPercent")!["outcome"]!);
        var rejected = await DecideAsync(client, bureau, (string)second["id"]!, "reject", "股权比例不足。");
        Assert.Equal(2, (int)(await rejected.Content.ReadFromJsonAsync<JsonObject>())!["decisions"]![0]!["programmeVersion"]!);
    }

    [Fact]
    public async Task Operators_cannot_apply_to_a_programme_that_is_not_open()
    {
        var bureau = await BureauAsync();
        var future = await CreateProgrammeAsync(client, bureau, ProgrammeBody(opensInDays: 10, closesInDays: 40));
        Assert.False((bool)future["isOpen"]!);
        var op = await Scenario.RegisterAsync(client, "operator");
        var open = await (await client.SendAsync(HttpMethod.Get, "/api/certification/programmes/open", op.Token)).Content.ReadAsStringAsync();
        Assert.DoesNotContain((string)future["id"]!, open);
        var refused = await client.SendAsync(HttpMethod.Post, "/api/certification/applications", op.Token,
            ApplicationBody((string)future["id"]!, await ReadyWarehouseAsync(client, op.Token)));
        Assert.NotNull((await Scenario.AssertProblemAsync(refused, HttpStatusCode.BadRequest))["errors"]!["programmeId"]);
    }
}
