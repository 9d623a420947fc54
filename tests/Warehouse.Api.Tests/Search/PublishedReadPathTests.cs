using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Api.Tests.Services;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Tests.Search;

/// <summary>
/// The published read path in the database: another tenant's signed-in unit of work reads published supply through
/// the <c>published_listing</c> row policies, and nothing else; it can change none of it. EF's tenant filter still
/// hides the same rows from ordinary handlers.
/// </summary>
public sealed class PublishedReadPathTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private sealed record Listing(Scenario.Member A, Scenario.Member B, Guid Warehouse, Guid Draft, Guid PublishedOffer, Guid HiddenOffer,
        Guid PublishedService, Guid HiddenService, Guid Slot);

    /// <summary>Operator A: an active warehouse with a published and an unpublished offer and service, and a draft warehouse.</summary>
    private async Task<Listing> ListingAsync()
    {
        var a = await SearchData.OperatorAsync(client, "SIP");
        var b = await SearchData.OperatorAsync(client, "SIP");
        var at = SearchData.Offset(-50, -20, 0, 0);
        var warehouse = await SearchData.WarehouseAsync(client, a.Token, SearchData.WarehouseBody("行级安全测试仓", "BR", at));
        var published = await SearchData.OfferAsync(client, a.Token, warehouse, SearchData.OfferBody(100, "squareMetre", 10, "CNY", "perSquareMetreMonth"));
        var hidden = await SearchData.OfferAsync(client, a.Token, warehouse, SearchData.OfferBody(50, "squareMetre", 10, "CNY", "perSquareMetreMonth"), publish: false);
        var studio = await ServiceSupply.CreateServiceAsync(client, a.Token, warehouse, ServiceSupply.StudioBody());
        var slot = (await ServiceSupply.CreateSlotsAsync(client, a.Token, (string)studio["id"]!, ServiceSupply.Hours(1)))[0]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/services/{(string)studio["id"]!}/publish", a.Token)).StatusCode);
        var hiddenService = await SearchData.ServiceAsync(client, a.Token, warehouse, "fulfilment", publish: false);
        var draft = await SearchData.WarehouseAsync(client, a.Token, SearchData.WarehouseBody("行级安全草稿仓", "BR", at), active: false);
        return new Listing(a, b, Guid.Parse(warehouse), Guid.Parse(draft), Guid.Parse((string)published["id"]!), Guid.Parse((string)hidden["id"]!),
            Guid.Parse((string)studio["id"]!), Guid.Parse((string)hiddenService["id"]!), Guid.Parse((string)slot["id"]!));
    }

    /// <summary>
    /// Runs a query returning one count as the app role, inside a transaction that sets tenant and user the way every
    /// unit of work does, and rolls it back.
    /// </summary>
    private static async Task<long> AsAppAsync(Guid? tenant, Guid? user, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.App);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", connection, tx))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = tenant?.ToString() ?? "" });
            set.Parameters.Add(new NpgsqlParameter { Value = user?.ToString() ?? "" });
            await set.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        var count = Convert.ToInt64(await command.ExecuteScalarAsync());
        await tx.RollbackAsync();
        return count;
    }

    /// <summary>How many rows <paramref name="statement"/> (an UPDATE or DELETE) changed.</summary>
    private static string Changed(string statement) => $"WITH changed AS ({statement} RETURNING 1) SELECT count(*) FROM changed";

    [Fact]
    public async Task Another_tenant_reads_published_supply_and_nothing_unpublished_or_unlisted()
    {
        var l = await ListingAsync();
        var (b, user) = (l.B.OrganisationId, l.B.UserId);
        Assert.Equal(1, await AsAppAsync(b, user, "SELECT count(*) FROM capacity_offers WHERE id = $1", l.PublishedOffer));
        Assert.Equal(0, await AsAppAsync(b, user, "SELECT count(*) FROM capacity_offers WHERE id = $1", l.HiddenOffer));
        Assert.Equal(1, await AsAppAsync(b, user, "SELECT count(*) FROM overseas_warehouses WHERE id = $1", l.Warehouse));
        Assert.Equal(0, await AsAppAsync(b, user, "SELECT count(*) FROM overseas_warehouses WHERE id = $1", l.Draft));
        Assert.Equal(DateTime.IsLeapYear(SearchData.Year) ? 366 : 365, await AsAppAsync(b, user, "SELECT count(*) FROM capacity_days WHERE offer_id = $1", l.PublishedOffer));
        Assert.Equal(0, await AsAppAsync(b, user, "SELECT count(*) FROM capacity_days WHERE offer_id = $1", l.HiddenOffer));
        Assert.Equal(1, await AsAppAsync(b, user, "SELECT count(*) FROM service_offerings WHERE id = $1", l.PublishedService));
        Assert.Equal(0, await AsAppAsync(b, user, "SELECT count(*) FROM service_offerings WHERE id = $1", l.HiddenService));
        Assert.Equal(1, await AsAppAsync(b, user, "SELECT count(*) FROM service_slots WHERE id = $1", l.Slot));
        Assert.Equal(1, await AsAppAsync(b, user, "SELECT count(*) FROM published_locations WHERE warehouse_id = $1", l.Warehouse));
        Assert.Equal(0, await AsAppAsync(b, user, "SELECT count(*) FROM published_locations WHERE warehouse_id = $1", l.Draft));
        // Tables without a published policy stay tenant-only.
        Assert.Equal(0, await AsAppAsync(b, user, "SELECT count(*) FROM audit_entries WHERE entity_id = $1", l.PublishedOffer));
        // Published supply is for signed-in units of work: a tenant without a user sees none of A's.
        Assert.Equal(0, await AsAppAsync(b, null, "SELECT count(*) FROM capacity_offers WHERE id = $1", l.PublishedOffer));
        Assert.Equal(0, await AsAppAsync(null, null, "SELECT count(*) FROM overseas_warehouses WHERE id = $1", l.Warehouse));
    }

    [Fact]
    public async Task Another_tenant_can_lock_update_delete_or_insert_none_of_it()
    {
        var l = await ListingAsync();
        var (b, user) = (l.B.OrganisationId, l.B.UserId);
        Assert.Equal(0, await AsAppAsync(b, user, "SELECT count(*) FROM (SELECT id FROM capacity_offers WHERE id = $1 FOR UPDATE) locked", l.PublishedOffer));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("UPDATE capacity_offers SET quantity = 1 WHERE id = $1"), l.PublishedOffer));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("DELETE FROM capacity_offers WHERE id = $1"), l.PublishedOffer));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("UPDATE capacity_days SET booked = capacity WHERE offer_id = $1"), l.PublishedOffer));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("DELETE FROM capacity_days WHERE offer_id = $1"), l.PublishedOffer));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("UPDATE overseas_warehouses SET name_zh = 'stolen' WHERE id = $1"), l.Warehouse));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("DELETE FROM overseas_warehouses WHERE id = $1"), l.Warehouse));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("UPDATE service_offerings SET is_published = false WHERE id = $1"), l.PublishedService));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("UPDATE service_slots SET booked = capacity WHERE id = $1"), l.Slot));
        Assert.Equal(0, await AsAppAsync(b, user, Changed("DELETE FROM published_locations WHERE warehouse_id = $1"), l.Warehouse));
        var insert = await Assert.ThrowsAsync<PostgresException>(() => AsAppAsync(b, user,
            Changed("INSERT INTO published_locations (tenant_id, warehouse_id, location) VALUES ($1, $2, 'SRID=4326;POINT(0 0)')"), l.A.OrganisationId, l.Draft));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);

        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_offers WHERE id = $1 AND quantity = 100 AND is_published", l.PublishedOffer));
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked > 0", l.PublishedOffer));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM overseas_warehouses WHERE id = $1 AND name_zh <> 'stolen'", l.Warehouse));
    }

    [Fact]
    public async Task Ef_still_filters_other_tenants_rows_and_the_operator_endpoints_answer_404()
    {
        var l = await ListingAsync();
        var tenant = new TenantContext();
        tenant.SetUser(l.B.UserId);
        tenant.SetTenant(l.B.OrganisationId, OrganisationKind.Operator, MembershipRole.Admin);
        await using (var db = TestDatabase.CreateContext(TestDatabase.App, tenant))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            // EF's filter alone hides it; row security alone lets the published offer through.
            Assert.Equal(0, await db.Offers.CountAsync(o => o.Id == l.PublishedOffer));
            Assert.Equal(1, await db.Offers.IgnoreQueryFilters().CountAsync(o => o.Id == l.PublishedOffer));
            Assert.Equal(0, await db.Offers.IgnoreQueryFilters().CountAsync(o => o.Id == l.HiddenOffer));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/offers/{l.PublishedOffer}", l.B.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{l.Warehouse}", l.B.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/offers/{l.PublishedOffer}/unpublish", l.B.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/services/{l.PublishedService}", l.B.Token)).StatusCode);
    }

    [Fact]
    public async Task The_spatial_index_of_listings_follows_publication_status_and_location()
    {
        var l = await ListingAsync();
        async Task<long> ListedAsync() => await TestDatabase.CountAsync("SELECT count(*) FROM published_locations WHERE warehouse_id = $1", l.Warehouse);
        Assert.Equal(1, await ListedAsync());
        // Still listed through its published studio after the offer is unpublished; not once that goes too.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/offers/{l.PublishedOffer}/unpublish", l.A.Token)).StatusCode);
        Assert.Equal(1, await ListedAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/services/{l.PublishedService}/unpublish", l.A.Token)).StatusCode);
        Assert.Equal(0, await ListedAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/offers/{l.PublishedOffer}/publish", l.A.Token)).StatusCode);
        Assert.Equal(1, await ListedAsync());
        await SearchData.SetStatusAsync(client, l.A.Token, l.Warehouse.ToString(), "suspended");
        Assert.Equal(0, await ListedAsync());
        await SearchData.SetStatusAsync(client, l.A.Token, l.Warehouse.ToString(), "active");
        Assert.Equal(1, await ListedAsync());

        // Moving the warehouse moves its entry.
        var view = await (await client.SendAsync(HttpMethod.Get, $"/api/warehouses/{l.Warehouse}", l.A.Token)).Content.ReadAsStringAsync();
        var body = SearchData.WarehouseBody("行级安全测试仓", "BR", SearchData.Offset(-50, -20, 10, 0));
        body["version"] = System.Text.Json.Nodes.JsonNode.Parse(view)!["version"]!.GetValue<uint>();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/warehouses/{l.Warehouse}", l.A.Token, body)).StatusCode);
        Assert.Equal(1, await TestDatabase.CountAsync(
            "SELECT count(*) FROM published_locations p JOIN overseas_warehouses w ON w.tenant_id = p.tenant_id AND w.id = p.warehouse_id WHERE p.warehouse_id = $1 AND ST_Equals(p.location::geometry, w.location::geometry)",
            l.Warehouse));
    }
}
