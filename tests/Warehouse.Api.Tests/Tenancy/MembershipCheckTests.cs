using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Tenancy;

/// <summary>
/// Lock 1 with remembered memberships (MembershipCache): the Api resolves a request's tenant from memory, and the
/// database checks the membership as each unit of work sets its tenant. A membership changed behind the Api's back
/// (another Api process, an administrator) is refused by the database before anything is read or written, answered
/// 409 membership.changed, and read afresh on the next request.
/// </summary>
public sealed class MembershipCheckTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task A_membership_removed_behind_the_Apis_back_is_refused_by_the_database_and_then_is_a_404()
    {
        var member = await Scenario.RegisterAsync(client, "trader");
        var other = await Scenario.RegisterAsync(client, "trader");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/organisation", member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/organisation", other.Token)).StatusCode);

        Assert.Equal(1, await TestDatabase.ExecuteAsync("DELETE FROM organisation_members WHERE user_id = $1", member.UserId));

        var refused = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/organisation", member.Token), HttpStatusCode.Conflict);
        Assert.Equal("membership.changed", (string)refused["code"]!);
        var gone = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/organisation", member.Token), HttpStatusCode.NotFound);
        Assert.Equal("organisation.notFound", (string)gone["code"]!);
        // Only that user is refused; another member still works from memory.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/organisation", other.Token)).StatusCode);
    }

    [Fact]
    public async Task A_search_with_a_remembered_membership_removed_behind_the_Apis_back_is_refused_by_the_database()
    {
        // Search reads other tenants' published listings only: the scope that admits it there checks the membership too.
        var trader = await Scenario.RegisterAsync(client, "trader");
        var search = () => client.SendAsync(HttpMethod.Post, "/api/search/capacity", trader.Token, new { countries = new[] { "DE" } });
        Assert.Equal(HttpStatusCode.OK, (await search()).StatusCode);

        Assert.Equal(1, await TestDatabase.ExecuteAsync("DELETE FROM organisation_members WHERE user_id = $1", trader.UserId));

        var refused = await Scenario.AssertProblemAsync(await search(), HttpStatusCode.Conflict);
        Assert.Equal("membership.changed", (string)refused["code"]!);
        await Scenario.AssertProblemAsync(await search(), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_role_lowered_behind_the_Apis_back_is_refused_by_the_database_and_a_role_raised_is_honoured_at_once()
    {
        var admin = await Scenario.RegisterAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/organisation/invitations", admin.Token)).StatusCode);

        // Lowered: the remembered Admin passes the Api's check, the database refuses the unit of work; then Staff is read.
        Assert.Equal(1, await TestDatabase.ExecuteAsync("UPDATE organisation_members SET role = 'Staff' WHERE user_id = $1", admin.UserId));
        var refused = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/organisation/invitations", admin.Token), HttpStatusCode.Conflict);
        Assert.Equal("membership.changed", (string)refused["code"]!);
        var denied = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/organisation/invitations", admin.Token), HttpStatusCode.Forbidden);
        Assert.Equal("access.denied", (string)denied["code"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/organisation", admin.Token)).StatusCode);

        // Raised: a refusal is never made on a remembered role, so the new role counts on the very next request.
        Assert.Equal(1, await TestDatabase.ExecuteAsync("UPDATE organisation_members SET role = 'Admin' WHERE user_id = $1", admin.UserId));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/organisation/invitations", admin.Token)).StatusCode);
    }

    [Fact]
    public async Task An_endpoint_that_works_only_in_deliberate_scopes_has_a_remembered_membership_checked_first()
    {
        // Refreshing the city's figures visits every operator in a scope of its own, none of which is the request's
        // membership: the check runs in a unit of work of its own before it. A second bureau admin is invited so that
        // removing them disturbs no other test.
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var email = Scenario.NewEmail("bureau");
        var invited = await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", bureau, new { email, role = "bureauAdmin" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var token = (string)(await invited.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/invitations/accept", new { token, displayName = "二号管理员", password = Scenario.Password })).StatusCode);
        var second = await Scenario.LoginAsync(client, email, Scenario.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/organisation", second)).StatusCode);

        Assert.Equal(1, await TestDatabase.ExecuteAsync(
            "DELETE FROM organisation_members m USING users u WHERE u.id = m.user_id AND u.email = $1", email));
        var refused = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/city-progress/refresh", second), HttpStatusCode.Conflict);
        Assert.Equal("membership.changed", (string)refused["code"]!);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/city-progress/refresh", second), HttpStatusCode.NotFound);
    }
}
