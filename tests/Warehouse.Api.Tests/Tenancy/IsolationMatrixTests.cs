using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Api.Tests.Services;
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
        var service = await ServiceSupply.CreateServiceAsync(client, a.Token, (string)warehouse["id"]!, ServiceSupply.StudioBody($"甲方私有直播间{Guid.NewGuid():N}"));
        var slot = (await ServiceSupply.CreateSlotsAsync(client, a.Token, (string)service["id"]!, ServiceSupply.Hours(1)))[0]!;
        // A booking on A's capacity by a trader who is not one of the callers below: it needs a published offer.
        var listed = await Supply.CreateWarehouseAsync(client, a.Token);
        await Supply.ActivateAsync(client, a.Token, (string)listed["id"]!);
        var listedOffer = await Supply.CreateOfferAsync(client, a.Token, (string)listed["id"]!);
        await client.SendAsync(HttpMethod.Post, $"/api/offers/{(string)listedOffer["id"]!}/publish", a.Token);
        var booker = await Scenario.RegisterAsync(client, "trader");
        var booked = await client.SendAsync(HttpMethod.Post, "/api/bookings", booker.Token,
            new { offerId = (string)listedOffer["id"]!, quantity = 10, startsOn = "2027-01-04", endsOn = "2027-02-04" });
        Assert.True(booked.StatusCode == System.Net.HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var booking = await booked.Content.ReadFromJsonAsync<JsonObject>();
        var samples = new Dictionary<string, string>
        {
            ["bookingId"] = (string)booking!["id"]!,
            ["invitationId"] = (string)invite!["id"]!,
            ["warehouseId"] = (string)warehouse["id"]!,
            ["offerId"] = (string)offer["id"]!,
            ["serviceId"] = (string)service["id"]!,
            ["slotId"] = (string)slot["id"]!,
            ["pairId"] = Guid.NewGuid().ToString(), // a duplicate-site pair: the bureau's own register
            ["code"] = "CN", // a country (reference data, public)
            ["documentName"] = "v1", // the OpenAPI document and its reference page
        };
        // What must never appear in an answer to anyone but A.
        var secrets = new[]
        {
            // (A's company name is public once it lists a warehouse, so it is not among these.)
            a.OrganisationId.ToString(), a.Email, (string)invite["id"]!, (string)invite["email"]!,
            (string)booking["id"]!, booker.LegalNameZh, booker.Email,
            (string)warehouse["id"]!, (string)warehouse["nameZh"]!, (string)offer["id"]!,
            (string)service["id"]!, (string)service["descriptionZh"]!, (string)slot["id"]!,
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
        var calls = new List<(RouteEndpoint Endpoint, AccessRule Rule, string Method, string Url, bool TargetsResource)>();
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
            foreach (var method in methods) calls.Add((endpoint, rule, method, url, endpoint.RoutePattern.Parameters.Count > 0));
        }

        // Every other caller goes first, over every endpoint; then A's data must be exactly as it was (no write slipped
        // through behind a 404); then A itself, which may change its own resources.
        var before = await TenantRowsFingerprintAsync(a.OrganisationId);
        foreach (var caller in callers.Where(c => !c.IsOwner))
            foreach (var call in calls)
                await CheckAsync(call, caller);
        Assert.Equal(before, await TenantRowsFingerprintAsync(a.OrganisationId));
        foreach (var call in calls)
            await CheckAsync(call, callers.Single(c => c.IsOwner));

        async Task CheckAsync((RouteEndpoint Endpoint, AccessRule Rule, string Method, string Url, bool TargetsResource) call, Caller caller)
        {
            var (endpoint, rule, method, url, targetsResource) = call;
            var body = method is "POST" or "PUT" or "PATCH" ? new JsonObject() : null;
            var response = await client.SendAsync(Scenario.Request(new HttpMethod(method), url, caller.Token, body));
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var label = $"{method} {endpoint.RoutePattern.RawText} as {caller.Name} ({rule}) → {status}";

            var permitted = rule.AllowsAnonymous
                || (caller.Token is not null && (!rule.RequiresTenant || rule.Permits(caller.Kind!.Value, caller.Role!.Value)));
            if (!permitted)
            {
                var expected = caller.Token is null ? 401 : 403;
                if (status != expected) failures.Add($"{label}: expected {expected}");
                return;
            }
            // (An anonymous endpoint may still answer 401 for wrong credentials: that is its answer, not a refusal.)
            if (status is 401 or 403 && !rule.AllowsAnonymous) failures.Add($"{label}: a permitted caller was refused");
            if (status >= 500) failures.Add($"{label}: server error {text}");
            if (caller.IsOwner)
            {
                if (targetsResource && rule.RequiresTenant && status == 404) failures.Add($"{label}: the owner cannot reach its own resource");
                return;
            }
            // Another tenant naming A's resource learns nothing: 404, never 403, never 2xx.
            if (targetsResource && rule.RequiresTenant && status != 404) failures.Add($"{label}: expected 404 for another tenant's resource");
            foreach (var secret in secrets)
                if (text.Contains(secret, StringComparison.OrdinalIgnoreCase)) failures.Add($"{label}: the answer contains tenant A's '{secret}'");
        }
        Assert.True(failures.Count == 0, "Isolation failures:\n" + string.Join("\n", failures));
    }

    /// <summary>Row count and xmin sum of every tenant table for one tenant, read as superuser (row security does not apply).</summary>
    /// <summary>
    /// Tenant tables the platform itself rewrites inside the tenant's own scope when another caller legitimately asks
    /// for it: the city snapshot (a bureau action) refreshes every operator's <c>site_observations</c>. Derived data,
    /// not the tenant's records; their isolation is tested in DuplicateSiteTests.
    /// </summary>
    private static readonly HashSet<string> RefreshedByPlatformPasses = ["site_observations"];

    private static async Task<string> TenantRowsFingerprintAsync(Guid tenantId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.Superuser);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
            WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        tables.RemoveAll(RefreshedByPlatformPasses.Contains);
        var parts = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new Npgsql.NpgsqlCommand($"SELECT count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text FROM {table} WHERE tenant_id = $1", connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenantId });
            parts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        return string.Join("; ", parts);
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
