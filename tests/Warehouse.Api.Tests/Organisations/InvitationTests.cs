using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Organisations;

public sealed class InvitationTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<JsonObject> InviteAsync(Scenario.Member admin, string email, string role = "staff")
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", admin.Token, new { email, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task An_invited_staff_member_accepts_signs_in_and_acts_for_the_same_organisation_as_staff()
    {
        var admin = await Scenario.RegisterAsync(client);
        var email = Scenario.NewEmail("staff");
        var invitation = await InviteAsync(admin, email);
        var accepted = await client.PostAsJsonAsync("/api/invitations/accept", new { token = (string)invitation["token"]!, displayName = "员工", password = Scenario.Password });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var staff = await Scenario.LoginAsync(client, email, Scenario.Password);
        var organisation = await (await client.SendAsync(HttpMethod.Get, "/api/organisation", staff)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(admin.OrganisationId, (Guid)organisation!["id"]!);
        var forbidden = await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", staff, new { email = Scenario.NewEmail(), role = "staff" });
        await Scenario.AssertProblemAsync(forbidden, HttpStatusCode.Forbidden);

        var list = await (await client.SendAsync(HttpMethod.Get, "/api/organisation/invitations", admin.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.NotNull(Assert.Single(list!)!["acceptedAt"]);
    }

    [Fact]
    public async Task A_token_works_once()
    {
        var admin = await Scenario.RegisterAsync(client);
        var invitation = await InviteAsync(admin, Scenario.NewEmail());
        var body = new { token = (string)invitation["token"]!, displayName = "员工", password = Scenario.Password };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/invitations/accept", body)).StatusCode);
        await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/invitations/accept", body), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_revoked_invitation_cannot_be_accepted_and_another_tenant_cannot_revoke_it()
    {
        var admin = await Scenario.RegisterAsync(client);
        var rival = await Scenario.RegisterAsync(client);
        var invitation = await InviteAsync(admin, Scenario.NewEmail());
        var path = $"/api/organisation/invitations/{(string)invitation["id"]!}";

        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Delete, path, rival.Token), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, path, admin.Token)).StatusCode);
        var accept = await client.PostAsJsonAsync("/api/invitations/accept", new { token = (string)invitation["token"]!, displayName = "员工", password = Scenario.Password });
        await Scenario.AssertProblemAsync(accept, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_whose_organisation_part_is_swapped_for_another_tenant_is_a_404()
    {
        var admin = await Scenario.RegisterAsync(client);
        var rival = await Scenario.RegisterAsync(client);
        var token = (string)(await InviteAsync(admin, Scenario.NewEmail()))["token"]!;
        var forged = rival.OrganisationId.ToString("N") + token[token.IndexOf('.')..];
        var accept = await client.PostAsJsonAsync("/api/invitations/accept", new { token = forged, displayName = "x", password = Scenario.Password });
        await Scenario.AssertProblemAsync(accept, HttpStatusCode.NotFound);
        await Scenario.AssertProblemAsync(await client.PostAsJsonAsync("/api/invitations/accept", new { token = "garbage", displayName = "x", password = Scenario.Password }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_role_that_does_not_exist_in_the_organisation_is_a_400()
    {
        var admin = await Scenario.RegisterAsync(client);
        var response = await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", admin.Token, new { email = Scenario.NewEmail(), role = "bureauAdmin" });
        var problem = await Scenario.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["role"]);
    }
}
