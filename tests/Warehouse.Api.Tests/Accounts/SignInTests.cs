using System.Net;
using System.Net.Http.Json;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Accounts;

public sealed class SignInTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_answer_the_same_401()
    {
        var member = await Scenario.RegisterAsync(client);
        var wrong = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = "Wrong-Pass-123" }), HttpStatusCode.Unauthorized);
        var unknown = await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = Scenario.NewEmail(), password = "Wrong-Pass-123" }), HttpStatusCode.Unauthorized);
        Assert.Equal((string)wrong["detail"]!, (string)unknown["detail"]!);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var member = await Scenario.RegisterAsync(client);
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = "Wrong-Pass-123" });
        var problem = await Scenario.AssertProblemAsync(
            await client.PostAsJsonAsync("/api/auth/login", new { email = member.Email, password = Scenario.Password }), HttpStatusCode.Unauthorized);
        Assert.Equal("account.locked", (string)problem["code"]!);
    }

    [Fact]
    public async Task The_bureau_admin_from_configuration_can_sign_in_as_the_bureau()
    {
        var token = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var me = await (await client.SendAsync(HttpMethod.Get, "/api/me", token)).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        var membership = Assert.Single(me!["memberships"]!.AsArray())!;
        Assert.Equal("bureau", (string)membership["organisationKind"]!);
        Assert.Equal("bureauAdmin", (string)membership["role"]!);
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_a_401()
    {
        var response = await client.SendAsync(HttpMethod.Get, "/api/me", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.invalid");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>Its own Api with a low limit, so the other tests never see a 429.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_auth_endpoints_answer_429_with_a_problem_when_called_too_often()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?> { ["RateLimits:AuthPerMinute"] = "3" });
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { email = Scenario.NewEmail(), password = "x" })).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        var limited = await client.PostAsJsonAsync("/api/auth/login", new { email = Scenario.NewEmail(), password = "x" });
        var problem = await Scenario.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal("rateLimited", (string)problem["code"]!);
        Assert.True(limited.Headers.RetryAfter is not null);
        // Other endpoints are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reference/districts")).StatusCode);
    }
}
