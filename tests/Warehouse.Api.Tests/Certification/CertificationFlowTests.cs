using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Warehouse.Api.Tests.Infrastructure;
using static Warehouse.Api.Tests.Certification.CertificationSupply;

namespace Warehouse.Api.Tests.Certification;

/// <summary>An application from draft to certificate, badge in search and revocation, and the bureau's decision rules.</summary>
public sealed partial class CertificationFlowTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private Task<string> BureauAsync() => Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);

    [GeneratedRegex(@"^SZ-PW-2026-M-\d{4}$")]
    private static partial Regex MunicipalNumber();

    [Fact]
    public async Task Submit_evaluate_approve_certificate_badge_in_search_then_revoke()
    {
        var bureau = await BureauAsync();
        var programme = await CreateProgrammeAsync(client, bureau);
        var programmeId = (string)programme["id"]!;
        var op = await Scenario.RegisterAsync(client, "operator");
        var warehouseId = await ReadyWarehouseAsync(client, op.Token, withOffer: true);

        // The operator sees the programme among the open ones and starts a draft: the platform's facts are pre-filled, verified.
        var open = await client.SendAsync(HttpMethod.Get, "/api/certification/programmes/open", op.Token);
        Assert.Contains(programmeId, await open.Content.ReadAsStringAsync());
        var draft = await CreateApplicationAsync(client, op.Token, ApplicationBody(programmeId, warehouseId));
        var id = (string)draft["id"]!;
        Assert.Equal("draft", (string)draft["status"]!);
        var facts = draft["platformFacts"]!;
        Assert.True((bool)facts["verified"]!);
        Assert.True((bool)facts["live"]!);
        Assert.Equal(12000m, (decimal)facts["existingM2"]!);
        Assert.Equal(RequiredServices.Order(), facts["services"]!.AsArray().Select(s => (string)s!).Order());
        Assert.Null(facts["wmsConnected"]);
        Assert.Equal(4_250_000m, (decimal)draft["investmentTotalCny"]!);
        // The bureau does not see drafts.
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/certification/review/{id}", bureau)).StatusCode);

        var attached = await UploadAsync(client, op.Token, id, Pdf(), "营业执照.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);

        // Submission evaluates every criterion against version 1: no feed yet (WMS) and few bookings (served enterprises) → review.
        var submitted = await SubmitAsync(client, op.Token, id);
        Assert.Equal("submitted", (string)submitted["status"]!);
        Assert.Equal(1, (int)submitted["submissionRound"]!);
        var evaluation = submitted["evaluation"]!;
        Assert.Equal(1, (int)evaluation["programmeVersion"]!);
        Assert.Equal("needsReview", (string)evaluation["overall"]!);
        var criteria = evaluation["criteria"]!.AsArray().ToDictionary(c => (string)c!["criterion"]!, c => c!);
        Assert.Equal("pass", (string)criteria["equityPercent"]["outcome"]!);
        Assert.Equal("> 50 %", (string)criteria["equityPercent"]["threshold"]!);
        Assert.Equal("needsReview", (string)criteria["wms"]["outcome"]!);
        Assert.Equal("needsReview", (string)criteria["servedEnterprises"]["outcome"]!);
        Assert.Equal("pass", (string)criteria["serviceCoverage"]["outcome"]!);
        Assert.Equal("verified", (string)criteria["serviceCoverage"]["source"]!);
        Assert.All(submitted["investmentItems"]!.AsArray(), i => Assert.True((bool)i!["claimed"]!));
        // Submitted: no more edits.
        var edit = ApplicationBody(programmeId, warehouseId);
        edit["version"] = (uint)submitted["version"]!;
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/certification/applications/{id}", op.Token, edit), HttpStatusCode.Conflict);

        // The bureau's queue shows it, with the operator; a decision needs a reason.
        var queue = await (await client.SendAsync(HttpMethod.Get, "/api/certification/review", bureau)).Content.ReadFromJsonAsync<JsonArray>();
        var queued = queue!.Single(a => (string)a!["id"]! == id)!;
        Assert.Equal(op.LegalNameZh, (string)queued["operator"]!["legalNameZh"]!);
        // The status filter takes the API's camelCase names (and any case); an unknown one is named in a 400.
        foreach (var spelling in new[] { "submitted", "Submitted", "SUBMITTED" })
        {
            var filtered = await (await client.SendAsync(HttpMethod.Get, $"/api/certification/review?status={spelling}", bureau)).Content.ReadFromJsonAsync<JsonArray>();
            Assert.Contains(filtered!, a => (string)a!["id"]! == id);
        }
        var approvedOnly = await (await client.SendAsync(HttpMethod.Get, "/api/certification/review?status=approved", bureau)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.DoesNotContain(approvedOnly!, a => (string)a!["id"]! == id);
        var unknown = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/certification/review?status=pending", bureau), HttpStatusCode.BadRequest);
        Assert.NotNull(unknown["errors"]!["status"]);
        var ownSubmitted = await (await client.SendAsync(HttpMethod.Get, "/api/certification/applications?status=submitted", op.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Contains(ownSubmitted!, a => (string)a!["id"]! == id);
        var noReason = await Scenario.AssertProblemAsync(await DecideAsync(client, bureau, id, "approve", "  "), HttpStatusCode.BadRequest);
        Assert.NotNull(noReason["errors"]!["reason"]);
        await Scenario.AssertProblemAsync(await DecideAsync(client, bureau, id, "approve", null), HttpStatusCode.BadRequest);
        // An operator cannot decide (403) and a trader cannot either.
        await Scenario.AssertProblemAsync(await DecideAsync(client, op.Token, id, "approve", "自己批准"), HttpStatusCode.Forbidden);

        var approved = await ApproveAsync(client, bureau, id);
        Assert.Equal("approved", (string)approved["status"]!);
        var certificate = approved["certificate"]!;
        Assert.Matches(MunicipalNumber(), (string)certificate["number"]!);
        Assert.Equal("valid", (string)certificate["state"]!);
        var validFrom = DateOnly.Parse((string)certificate["validFrom"]!);
        Assert.Equal(validFrom.AddYears(3).AddDays(-1), DateOnly.Parse((string)certificate["validUntil"]!));
        var decision = approved["decisions"]!.AsArray().Single()!;
        Assert.Equal("approve", (string)decision["action"]!);
        Assert.Equal(1, (int)decision["programmeVersion"]!);
        Assert.Equal("材料齐全，符合认定条件。", (string)decision["reason"]!);
        // The operator sees its certificate and the reason.
        var mine = await (await client.SendAsync(HttpMethod.Get, $"/api/certification/applications/{id}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((string)certificate["number"]!, (string)mine!["certificate"]!["number"]!);
        Assert.Single(mine["decisions"]!.AsArray());

        // A trader's search shows the badge, and certifiedOnly keeps it.
        var trader = await Scenario.RegisterAsync(client, "trader");
        var search = new { near = new { latitude = 51.4556, longitude = 6.7333, radiusKm = 5 }, certifiedOnly = true, pageSize = 100 };
        var found = await SearchAsync(trader.Token, search);
        var badge = found.Single(r => (string)r!["warehouse"]!["id"]! == warehouseId)!["certification"]!;
        Assert.Equal("municipal", (string)badge["level"]!);
        Assert.Equal(2026, (int)badge["programmeYear"]!);
        Assert.Equal((string)certificate["number"]!, (string)badge["certificateNumber"]!);
        Assert.Equal((string)certificate["validUntil"]!, (string)badge["validUntil"]!);
        Assert.Equal((string)programme["nameZh"]!, (string)badge["programmeNameZh"]!);

        // Revocation: reason required, then the badge is gone and the record shows it.
        var certificateId = (string)certificate["id"]!;
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/certification/certificates/{certificateId}/revoke", bureau, new { reason = "" }), HttpStatusCode.BadRequest);
        var revoked = await client.SendAsync(HttpMethod.Post, $"/api/certification/certificates/{certificateId}/revoke", bureau, new { reason = "抽查发现仓库已停止对外服务。" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var revokedBody = await revoked.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("revoked", (string)revokedBody!["certificate"]!["state"]!);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/certification/certificates/{certificateId}/revoke", bureau, new { reason = "再次撤销" }), HttpStatusCode.Conflict);
        Assert.DoesNotContain(await SearchAsync(trader.Token, search), r => (string)r!["warehouse"]!["id"]! == warehouseId);
        var all = await SearchAsync(trader.Token, new { near = new { latitude = 51.4556, longitude = 6.7333, radiusKm = 5 }, pageSize = 100 });
        Assert.Null(all.Single(r => (string)r!["warehouse"]!["id"]! == warehouseId)!["certification"]);
        // The badge's term in the score and the certifiedOnly filter read the search index, kept by the certificate's triggers.
        Assert.Equal(0, await TestDatabase.SearchIndexDriftAsync());

        var log = await (await client.SendAsync(HttpMethod.Get, $"/api/certification/decisions?applicationId={id}", bureau)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(new[] { "revoke", "approve" }, log!.Select(e => (string)e!["decision"]!["action"]!));
        Assert.All(log!, e => Assert.Equal((string)certificate["number"]!, (string)e!["certificateNumber"]!));
        Assert.Equal("抽查发现仓库已停止对外服务。", (string)log![0]!["decision"]!["reason"]!);
    }

    private async Task<JsonArray> SearchAsync(string token, object body)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/search/capacity", token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["results"]!.AsArray();
    }

    [Fact]
    public async Task More_information_lets_the_operator_amend_and_resubmit_and_each_round_is_decided_once()
    {
        var bureau = await BureauAsync();
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau))["id"]!;
        var op = await Scenario.RegisterAsync(client, "operator");
        var warehouseId = await ReadyWarehouseAsync(client, op.Token);
        var id = (string)(await CreateApplicationAsync(client, op.Token, ApplicationBody(programmeId, warehouseId)))["id"]!;
        await SubmitAsync(client, op.Token, id);

        var more = await DecideAsync(client, bureau, id, "requestMoreInfo", "请补充境外公司股权证明。");
        Assert.Equal(HttpStatusCode.OK, more.StatusCode);
        // The same round cannot be decided again, whatever the decision.
        await Scenario.AssertProblemAsync(await DecideAsync(client, bureau, id, "approve", "改为批准"), HttpStatusCode.Conflict);

        var current = await (await client.SendAsync(HttpMethod.Get, $"/api/certification/applications/{id}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("moreInfoRequested", (string)current!["status"]!);
        var amended = ApplicationBody(programmeId, warehouseId);
        amended["equityPercent"] = 51;
        amended["version"] = (uint)current["version"]!;
        var put = await client.SendAsync(HttpMethod.Put, $"/api/certification/applications/{id}", op.Token, amended);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        // A stale version is refused.
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Put, $"/api/certification/applications/{id}", op.Token, amended), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, op.Token, id, Png, "股权证明.png", "image/png", "shareholding")).StatusCode);

        var second = await SubmitAsync(client, op.Token, id);
        Assert.Equal(2, (int)second["submissionRound"]!);
        var rejected = await DecideAsync(client, bureau, id, "reject", "股权比例证明与申报不符。");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var body = await rejected.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("rejected", (string)body!["status"]!);
        Assert.Null(body["certificate"]);
        Assert.Equal(new[] { 1, 2 }, body["decisions"]!.AsArray().Select(d => (int)d!["submissionRound"]!));
        // Rejection releases the claims on the investment items.
        Assert.All(body["investmentItems"]!.AsArray(), i => Assert.False((bool)i!["claimed"]!));
        // Rejected is final: neither amend nor resubmit.
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/certification/applications/{id}/submit", op.Token), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_officers_deciding_at_once_one_wins_the_other_gets_409()
    {
        var bureau = await BureauAsync();
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau))["id"]!;
        var op = await Scenario.RegisterAsync(client, "operator");
        var warehouseId = await ReadyWarehouseAsync(client, op.Token);
        for (var round = 0; round < 3; round++)
        {
            var id = (string)(await CreateApplicationAsync(client, op.Token, ApplicationBody(programmeId, await ReadyWarehouseAsync(client, op.Token))))["id"]!;
            await SubmitAsync(client, op.Token, id);
            var answers = await Task.WhenAll(
                DecideAsync(client, bureau, id, "approve", "同意"), DecideAsync(client, bureau, id, "reject", "不同意"),
                DecideAsync(client, bureau, id, "approve", "同意"), DecideAsync(client, bureau, id, "requestMoreInfo", "补充材料"));
            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
            Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM certification_decisions WHERE application_id = $1", Guid.Parse(id)));
        }
        _ = warehouseId;
    }

    [Fact]
    public async Task Approval_is_refused_while_a_criterion_fails_unless_the_officer_overrides_it_with_a_note()
    {
        var bureau = await BureauAsync();
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau))["id"]!;
        var op = await Scenario.RegisterAsync(client, "operator");
        var body = ApplicationBody(programmeId, await ReadyWarehouseAsync(client, op.Token));
        body["equityPercent"] = 50; // exactly 50 % is not more than half
        var id = (string)(await CreateApplicationAsync(client, op.Token, body))["id"]!;
        var submitted = await SubmitAsync(client, op.Token, id);
        Assert.Equal("fail", (string)submitted["evaluation"]!["overall"]!);

        var refused = await Scenario.AssertProblemAsync(await DecideAsync(client, bureau, id, "approve", "同意"), HttpStatusCode.Conflict);
        Assert.Contains("equityPercent", (string)refused["detail"]!);
        await Scenario.AssertProblemAsync(await DecideAsync(client, bureau, id, "approve", "同意",
            new[] { new { criterion = "equityPercent", outcome = "pass", note = "" } }), HttpStatusCode.BadRequest);
        var approved = await DecideAsync(client, bureau, id, "approve", "同意",
            new[] { new { criterion = "equityPercent", outcome = "pass", note = "另一股东为本企业全资子公司，合计持股100%。" } });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decision = (await approved.Content.ReadFromJsonAsync<JsonObject>())!["decisions"]!.AsArray().Single()!;
        Assert.Equal("equityPercent", (string)decision["overrides"]![0]!["criterion"]!);
    }

    [Fact]
    public async Task Operators_see_only_their_own_applications()
    {
        var bureau = await BureauAsync();
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau))["id"]!;
        var a = await Scenario.RegisterAsync(client, "operator");
        var b = await Scenario.RegisterAsync(client, "operator");
        var id = (string)(await CreateApplicationAsync(client, a.Token, ApplicationBody(programmeId, await ReadyWarehouseAsync(client, a.Token))))["id"]!;
        await SubmitAsync(client, a.Token, id);

        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, $"/api/certification/applications/{id}", b.Token), HttpStatusCode.NotFound);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/certification/applications/{id}/submit", b.Token), HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await (await client.SendAsync(HttpMethod.Get, "/api/certification/applications", b.Token)).Content.ReadAsStringAsync());
        Assert.Contains(id, await (await client.SendAsync(HttpMethod.Get, "/api/certification/applications", a.Token)).Content.ReadAsStringAsync());
        // B cannot apply for A's warehouse either: it does not exist for B.
        var warehouseOfA = await ReadyWarehouseAsync(client, a.Token);
        var foreign = await client.SendAsync(HttpMethod.Post, "/api/certification/applications", b.Token, ApplicationBody(programmeId, warehouseOfA));
        Assert.NotNull((await Scenario.AssertProblemAsync(foreign, HttpStatusCode.BadRequest))["errors"]!["warehouseId"]);
        // A trader and the bureau cannot act as an operator.
        var trader = await Scenario.RegisterAsync(client, "trader");
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/certification/applications", trader.Token), HttpStatusCode.Forbidden);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/certification/applications", bureau, ApplicationBody(programmeId, warehouseOfA)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Served_enterprises_are_counted_from_completed_bookings_at_the_warehouse()
    {
        var bureau = await BureauAsync();
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau))["id"]!;
        var op = await Scenario.RegisterAsync(client, "operator");
        var warehouseId = await ReadyWarehouseAsync(client, op.Token, withOffer: true);
        var offerId = (string)(await (await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{warehouseId}/offers", op.Token)).Content.ReadFromJsonAsync<JsonArray>())![0]!["id"]!;
        // Three bookings by two traders, then (as superuser) moved into the past so they count as completed.
        var bookings = new List<Guid>();
        foreach (var (trader, count) in new[] { (await Scenario.RegisterAsync(client, "trader"), 2), (await Scenario.RegisterAsync(client, "trader"), 1) })
            for (var i = 0; i < count; i++)
            {
                var booked = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token,
                    new { offerId, quantity = 10, startsOn = $"2027-0{i + 1}-01", endsOn = $"2027-0{i + 2}-15" });
                Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
                bookings.Add((Guid)(await booked.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
            }
        await using (var connection = new Npgsql.NpgsqlConnection(TestDatabase.Superuser))
        {
            await connection.OpenAsync();
            await using var move = new Npgsql.NpgsqlCommand("UPDATE bookings SET starts_on = starts_on - 1000, ends_on = ends_on - 1000 WHERE id = ANY($1)", connection);
            move.Parameters.Add(new Npgsql.NpgsqlParameter { Value = bookings.ToArray() });
            Assert.Equal(3, await move.ExecuteNonQueryAsync());
        }
        var draft = await CreateApplicationAsync(client, op.Token, ApplicationBody(programmeId, warehouseId));
        Assert.Equal(2, (int)draft["platformFacts"]!["servedEnterprises"]!);
    }
}
