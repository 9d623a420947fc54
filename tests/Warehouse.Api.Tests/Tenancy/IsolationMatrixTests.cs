using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Tests.Tenancy;

/// <summary>
/// Calls every endpoint the Api registers as five callers (the owning tenant, another tenant of the same kind, a
/// trader, the bureau, anonymous) against resources of the owning tenant, and checks each answer against the
/// endpoint's declared <see cref="AccessRule"/>. An endpoint without a declaration, or whose route parameter has no
/// sample resource here, fails the test, so endpoints added later are covered without anyone remembering to.
/// </summary>
public sealed class IsolationMatrixTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private sealed record Caller(string Name, string? Token, OrganisationKind? Kind, MembershipRole? Role, bool IsOwner);

    [Fact]
    public async Task No_endpoint_lets_a_caller_reach_another_tenants_data_or_act_outside_its_declaration()
    {
        // The owning tenant A, with data in every tenant-owned table, and its rivals.
        var a = await Scenario.RegisterAsync(client, "operator");
        var invite = await (await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", a.Token,
            new { email = Scenario.NewEmail("a-staff"), role = "staff" })).Content.ReadFromJsonAsync<JsonObject>();
        var warehouse = await Supply.CreateWarehouseAsync(client, a.Token, Supply.WarehouseBody($"甲方私有仓{Guid.NewGuid():N}"));
        var offer = await Supply.CreateOfferAsync(client, a.Token, (string)warehouse["id"]!);
        var samples = new Dictionary<string, string>
        {
            ["invitationId"] = (string)invite!["id"]!,
            ["warehouseId"] = (string)warehouse["id"]!,
            ["offerId"] = (string)offer["id"]!,
            ["code"] = "CN", // a country (reference data, public)
            ["documentName"] = "v1", // the OpenAPI document and its reference page
        };
        // What must never appear in an answer to anyone but A.
        var secrets = new[]
        {
            a.OrganisationId.ToString(), a.Email, a.LegalNameZh, (string)invite["id"]!, (string)invite["email"]!,
            (string)warehouse["id"]!, (string)warehouse["nameZh"]!, (string)offer["id"]!,
        };

        var b = await Scenario.RegisterAsync(client, "operator");
        var trader = await Scenario.RegisterAsync(client, "trader");
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var callers = new[]
        {
            new Caller("anonymous", null, null, null, false),
            new Caller("other operator", b.Token, OrganisationKind.Operator, MembershipRole.Admin, false),
            new Caller("trader", trader.Token, OrganisationKind.Trader, MembershipRole.Admin, false),
            new Caller("bureau", bureau, OrganisationKind.Bureau, MembershipRole.BureauAdmin, false),
            new Caller("same tenant", a.Token, OrganisationKind.Operator, MembershipRole.Admin, true), // last: it may consume A's samples
        };

        var endpoints = api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var rule = endpoint.Metadata.GetMetadata<AccessRule>();
            var route = endpoint.RoutePattern.RawText ?? "";
            if (rule is null)
            {
                failures.Add($"{string.Join(",", methods)} {route}: no access declaration (.WithAccess(...))");
                continue;
            }
            var missing = endpoint.RoutePattern.Parameters.Select(p => p.Name).Where(n => !samples.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"{route}: no sample resource for route parameter(s) {string.Join(", ", missing)}; add one to this test");
                continue;
            }
            var url = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => samples[parameter.Name],
                _ => "",
            }))));
            var targetsResource = endpoint.RoutePattern.Parameters.Count > 0;

            foreach (var method in methods)
            {
                foreach (var caller in callers)
                {
                    var body = method is "POST" or "PUT" or "PATCH" ? new JsonObject() : null;
                    var response = await client.SendAsync(Scenario.Request(new HttpMethod(method), url, caller.Token, body));
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync();
                    var label = $"{method} {route} as {caller.Name} ({rule}) → {status}";

                    var permitted = rule.AllowsAnonymous
                        || (caller.Token is not null && (!rule.RequiresTenant || rule.Permits(caller.Kind!.Value, caller.Role!.Value)));
                    if (!permitted)
                    {
                        var expected = caller.Token is null ? 401 : 403;
                        if (status != expected) failures.Add($"{label}: expected {expected}");
                        continue;
                    }
                    // (An anonymous endpoint may still answer 401 for wrong credentials: that is its answer, not a refusal.)
                    if (status is 401 or 403 && !rule.AllowsAnonymous) failures.Add($"{label}: a permitted caller was refused");
                    if (status >= 500) failures.Add($"{label}: server error {text}");
                    if (caller.IsOwner)
                    {
                        if (targetsResource && status == 404) failures.Add($"{label}: the owner cannot reach its own resource");
                        continue;
                    }
                    // Another tenant naming A's resource learns nothing: 404, never 403, never 2xx.
                    if (targetsResource && rule.RequiresTenant && status != 404) failures.Add($"{label}: expected 404 for another tenant's resource");
                    foreach (var secret in secrets)
                        if (text.Contains(secret, StringComparison.OrdinalIgnoreCase)) failures.Add($"{label}: the answer contains tenant A's '{secret}'");
                }
            }
        }
        Assert.True(failures.Count == 0, "Isolation failures:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Naming_an_organisation_the_user_does_not_belong_to_is_a_404()
    {
        var a = await Scenario.RegisterAsync(client);
        var b = await Scenario.RegisterAsync(client);
        var response = await client.SendAsync(Scenario.Request(HttpMethod.Get, "/api/organisation", b.Token, organisation: a.OrganisationId));
        await Scenario.AssertProblemAsync(response, HttpStatusCode.NotFound);
        var unknown = await client.SendAsync(Scenario.Request(HttpMethod.Get, "/api/organisation", b.Token, organisation: Guid.NewGuid()));
        await Scenario.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_user_in_two_organisations_selects_each_with_the_header_and_sees_only_that_ones_members()
    {
        var a = await Scenario.RegisterAsync(client);
        var b = await Scenario.RegisterAsync(client);
        // B's admin invites A's admin, who joins with their existing password.
        var invite = await (await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", b.Token, new { email = a.Email, role = "staff" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var accepted = await client.PostAsJsonAsync("/api/invitations/accept", new { token = (string)invite!["token"]!, displayName = "A in B", password = Scenario.Password });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var inA = await (await client.SendAsync(Scenario.Request(HttpMethod.Get, "/api/organisation/members", a.Token, organisation: a.OrganisationId))).Content.ReadAsStringAsync();
        var inB = await (await client.SendAsync(Scenario.Request(HttpMethod.Get, "/api/organisation/members", a.Token, organisation: b.OrganisationId))).Content.ReadAsStringAsync();
        Assert.DoesNotContain(b.Email, inA);
        Assert.Contains(b.Email, inB);
        Assert.Contains(a.Email, inB);
        // As staff in B, A's admin cannot invite there.
        var staffInvite = await client.SendAsync(Scenario.Request(HttpMethod.Post, "/api/organisation/invitations", a.Token, new { email = Scenario.NewEmail(), role = "staff" }, b.OrganisationId));
        await Scenario.AssertProblemAsync(staffInvite, HttpStatusCode.Forbidden);
    }
}
