using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Jobs;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Tests.Platform.Jobs;

/// <summary>Background work per tenant: one scope, one tenant and one unit of work per operator.</summary>
public sealed class TenantScopesTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private sealed record Visit(Guid? Tenant, OrganisationKind? Kind, TenantContext Context, List<Guid> InvitationTenants);

    private async Task<(Scenario.Member Member, Guid Invitation)> OperatorWithInvitationAsync()
    {
        var member = await Scenario.RegisterAsync(client, "operator");
        var response = await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", member.Token, new { email = Scenario.NewEmail("invitee"), role = "staff" });
        var invitation = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (member, (Guid)invitation!["id"]!);
    }

    [Fact]
    public async Task Each_operator_is_visited_once_in_a_scope_of_its_own_that_sees_only_its_own_rows()
    {
        var (a, _) = await OperatorWithInvitationAsync();
        var (b, _) = await OperatorWithInvitationAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");

        var visits = new ConcurrentQueue<Visit>();
        await TenantScopes.ForEachOperatorAsync(api.Factory.Services, async (services, ct) =>
        {
            var tenant = services.GetRequiredService<TenantContext>();
            var db = services.GetRequiredService<WarehouseDb>();
            // EF's filter out of the way: what is left is PostgreSQL's row-level security, in the helper's transaction.
            var seen = await db.Invitations.IgnoreQueryFilters().Select(i => i.TenantId).ToListAsync(ct);
            visits.Enqueue(new Visit(tenant.TenantId, tenant.Kind, tenant, seen));
        }, TestContext.Current.CancellationToken);

        var byTenant = visits.ToLookup(v => v.Tenant);
        Assert.Single(byTenant[a.OrganisationId]);
        Assert.Single(byTenant[b.OrganisationId]);
        Assert.Empty(byTenant[trader.OrganisationId]);
        Assert.Empty(byTenant[null]);
        Assert.All(visits, v => Assert.Equal(OrganisationKind.Operator, v.Kind));
        Assert.All(visits, v => Assert.All(v.InvitationTenants, seen => Assert.Equal(v.Tenant, seen)));
        Assert.Contains(a.OrganisationId, byTenant[a.OrganisationId].Single().InvitationTenants);
        Assert.Contains(b.OrganisationId, byTenant[b.OrganisationId].Single().InvitationTenants);
        Assert.Equal(visits.Count, visits.Select(v => v.Context).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public async Task Each_operators_work_commits_on_its_own_and_a_failing_operator_is_rolled_back_alone()
    {
        var (a, invitationOfA) = await OperatorWithInvitationAsync();
        var (b, invitationOfB) = await OperatorWithInvitationAsync();
        var revokedInScope = new ConcurrentDictionary<Guid, int>();

        var failure = await Assert.ThrowsAsync<AggregateException>(() => TenantScopes.ForEachOperatorAsync(api.Factory.Services, async (services, ct) =>
        {
            var tenant = services.GetRequiredService<TenantContext>().RequiredTenantId;
            if (tenant != a.OrganisationId && tenant != b.OrganisationId) return; // other tests' operators: not ours to change
            var db = services.GetRequiredService<WarehouseDb>();
            // A conditional update of every invitation the scope can reach: row-level security limits it to the tenant's own.
            revokedInScope[tenant] = await db.Invitations.IgnoreQueryFilters().Where(i => i.RevokedAt == null)
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.RevokedAt, DateTimeOffset.UtcNow), ct);
            if (tenant == b.OrganisationId) throw new InvalidOperationException("operator B's work fails");
        }, TestContext.Current.CancellationToken));

        Assert.Equal("operator B's work fails", Assert.Single(failure.InnerExceptions).Message);
        Assert.Equal(1, revokedInScope[a.OrganisationId]);
        Assert.Equal(1, revokedInScope[b.OrganisationId]);
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM invitations WHERE id = $1 AND revoked_at IS NOT NULL", invitationOfA));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM invitations WHERE id = $1 AND revoked_at IS NULL", invitationOfB));
    }
}
