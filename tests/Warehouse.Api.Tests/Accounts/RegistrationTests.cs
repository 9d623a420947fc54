using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Accounts;

public sealed class RegistrationTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private static JsonObject Body(string kind = "operator") => System.Text.Json.JsonSerializer.SerializeToNode(Scenario.RegistrationBody(kind))!.AsObject();

    private static async Task AssertNothingWrittenAsync(JsonObject body)
    {
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM organisations WHERE credit_code = $1 OR legal_name_zh = $2",
            ((string?)body["creditCode"] ?? "").ToUpperInvariant().PadRight(18)[..18], ((string?)body["legalNameZh"] ?? "").Replace("\0", "")));
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM users WHERE email = $1", ((string?)body["adminEmail"] ?? "").ToLowerInvariant()));
    }

    [Fact]
    public async Task An_operator_registers_with_its_first_admin_who_can_then_sign_in_and_see_it()
    {
        var body = Body();
        var response = await client.PostAsJsonAsync("/api/auth/register", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var token = await Scenario.LoginAsync(client, (string)body["adminEmail"]!, Scenario.Password);
        var organisation = await (await client.SendAsync(HttpMethod.Get, "/api/organisation", token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((string)body["legalNameZh"]!, (string)organisation!["legalNameZh"]!);
        Assert.Equal((string)body["creditCode"]!, (string)organisation["creditCode"]!);
        Assert.Equal("operator", (string)organisation["kind"]!);
        Assert.Equal("SIP", (string)organisation["districtCode"]!);

        var members = await (await client.SendAsync(HttpMethod.Get, "/api/organisation/members", token)).Content.ReadFromJsonAsync<JsonArray>();
        var admin = Assert.Single(members!)!;
        Assert.Equal("admin", (string)admin["role"]!);
    }

    [Fact]
    public async Task A_trader_registers_without_a_district()
    {
        var response = await client.PostAsJsonAsync("/api/auth/register", Body("trader"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_credit_code_with_a_wrong_check_character_is_a_400_naming_the_field_and_writes_nothing()
    {
        var body = Body();
        var code = (string)body["creditCode"]!;
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');
        body["creditCode"] = wrong;
        var problem = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest);
        Assert.Contains("check character", problem["errors"]!["creditCode"]![0]!.ToString());
        await AssertNothingWrittenAsync(body);
    }

    [Fact]
    public async Task A_nul_character_in_a_name_is_a_400_naming_the_field_and_writes_nothing()
    {
        var body = Body();
        body["legalNameZh"] = "苏州\0仓储";
        var problem = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["legalNameZh"]);
        await AssertNothingWrittenAsync(body);
    }

    [Fact]
    public async Task A_lone_surrogate_is_a_400_not_a_500()
    {
        var body = Body();
        var json = body.ToJsonString().Replace("\"legalNameEn\":\"Test Warehousing Co., Ltd.\"", "\"legalNameEn\":\"Bad \\ud800 text\"");
        var response = await client.PostAsync("/api/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await Scenario.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["legalNameEn"]);
        await AssertNothingWrittenAsync(body);
    }

    [Fact]
    public async Task A_one_megabyte_name_is_refused_with_a_4xx_problem_and_writes_nothing()
    {
        var body = Body();
        body["legalNameZh"] = new string('仓', 1 << 20);
        var response = await client.PostAsJsonAsync("/api/auth/register", body);
        await Scenario.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        body["legalNameZh"] = "x"; // the name itself was never stored
        await AssertNothingWrittenAsync(body);
    }

    [Fact]
    public async Task A_name_longer_than_the_limit_but_under_the_body_limit_is_a_400_naming_the_field()
    {
        var body = Body();
        body["legalNameZh"] = new string('仓', 201);
        var problem = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["legalNameZh"]);
        await AssertNothingWrittenAsync(body);
    }

    [Fact]
    public async Task An_unknown_district_is_a_400_naming_the_field_and_writes_nothing()
    {
        var body = Body();
        body["districtCode"] = "BEIJING";
        var problem = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["districtCode"]);
        await AssertNothingWrittenAsync(body);
    }

    [Fact]
    public async Task An_operator_without_a_district_is_a_400_naming_the_field()
    {
        var body = Body();
        body.Remove("districtCode");
        var problem = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["districtCode"]);
    }

    [Fact]
    public async Task A_duplicate_credit_code_is_a_409_and_the_second_organisation_is_not_written()
    {
        var first = Body();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/auth/register", first)).StatusCode);
        var second = Body();
        second["creditCode"] = ((string)first["creditCode"]!).ToLowerInvariant(); // same code typed in lower case
        var problem = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", second), HttpStatusCode.Conflict);
        Assert.Equal("organisation.duplicateCreditCode", (string)problem["code"]!);
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM organisations WHERE credit_code = $1", (string)first["creditCode"]!));
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM users WHERE email = $1", (string)second["adminEmail"]!));
    }

    [Fact]
    public async Task Concurrent_registrations_with_one_credit_code_create_one_organisation()
    {
        var code = Scenario.NewCreditCode();
        var bodies = Enumerable.Range(0, 6).Select(_ => { var b = Body(); b["creditCode"] = code; return b; }).ToList();
        var responses = await Task.WhenAll(bodies.Select(b => client.PostAsJsonAsync("/api/auth/register", b)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM organisations WHERE credit_code = $1", code));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM organisation_members m JOIN organisations o ON o.id = m.tenant_id WHERE o.credit_code = $1", code));
    }

    [Fact]
    public async Task A_duplicate_admin_email_is_a_409()
    {
        var first = Body();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/auth/register", first)).StatusCode);
        var second = Body();
        second["adminEmail"] = ((string)first["adminEmail"]!).ToUpperInvariant();
        await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", second), HttpStatusCode.Conflict);
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM organisations WHERE credit_code = $1", (string)second["creditCode"]!));
    }

    [Fact]
    public async Task Unknown_json_members_are_rejected_by_name()
    {
        var body = Body();
        body["isBureau"] = true;
        var problem = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["isBureau"]);
        await AssertNothingWrittenAsync(body);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await client.PostAsync("/api/auth/register", new StringContent("{\"kind\": \"operator\",", Encoding.UTF8, "application/json"));
        await Scenario.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Decomposed_accents_are_stored_in_nfc_form()
    {
        var body = Body();
        body["legalNameEn"] = "Cafe\u0301 Logistics"; // e + combining acute accent
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/auth/register", body)).StatusCode);
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM organisations WHERE legal_name_en = $1", "Caf\u00e9 Logistics"));
    }

    [Fact]
    public async Task A_weak_password_is_a_400_naming_the_password()
    {
        var body = Body();
        body["adminPassword"] = "short";
        var problem = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["adminPassword"]);
        await AssertNothingWrittenAsync(body);
    }

    [Fact]
    public async Task The_service_keeps_serving_after_bad_input()
    {
        var body = Body();
        body["legalNameZh"] = "\0";
        await client.PostAsJsonAsync("/api/auth/register", body);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reference/districts")).StatusCode);
    }
}
