using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Tests.Tenancy;

/// <summary>The database's own lock: row-level security, checked in SQL and by trying to get around it.</summary>
public sealed class RowSecurityTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task Audit_every_tenant_table_has_forced_row_security_and_keys_that_include_tenant_id()
    {
        var offences = new List<string>();
        // 1. Tables with a tenant_id column: RLS enabled and forced, with at least one policy.
        offences.AddRange(await QueryAsync(TestDatabase.Owner, """
            SELECT format('table %s: row security %s%s%s', c.relname,
                          CASE WHEN c.relrowsecurity THEN 'enabled' ELSE 'NOT ENABLED' END,
                          CASE WHEN c.relforcerowsecurity THEN ', forced' ELSE ', NOT FORCED' END,
                          CASE WHEN EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) THEN '' ELSE ', NO POLICY' END)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
            """));
        // 1b. Each has the tenant policy on app.tenant_id (other policies may add published or own-row reads, never replace it).
        offences.AddRange(await QueryAsync(TestDatabase.Owner, """
            SELECT format('table %s has no tenant_isolation policy on app.tenant_id', c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation'
                              AND pg_get_expr(p.polqual, p.polrelid) LIKE '%app.tenant_id%'
                              AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%app.tenant_id%')
            """));
        // 1c. Only SELECT policies may widen what a tenant sees; writes stay with the tenant policy.
        offences.AddRange(await QueryAsync(TestDatabase.Owner, """
            SELECT format('policy %s on %s widens %s', p.polname, c.relname, p.polcmd)
            FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND p.polname <> 'tenant_isolation' AND p.polcmd <> 'r' AND p.polpermissive
            """));
        // 2. Unique constraints and unique indexes on tenant tables include tenant_id (a duplicate-key error must not reveal another tenant's row).
        offences.AddRange(await QueryAsync(TestDatabase.Owner, """
            SELECT format('unique index %s on %s does not include tenant_id', i.relname, c.relname)
            FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE n.nspname = 'public' AND x.indisunique AND NOT (a.attnum = ANY (x.indkey))
            """));
        // 3. Foreign keys between tenant tables carry tenant_id on both sides (references to global tables such as users need not).
        offences.AddRange(await QueryAsync(TestDatabase.Owner, """
            SELECT format('foreign key %s on %s references tenant table %s without tenant_id', k.conname, c.relname, r.relname)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
            JOIN pg_attribute ra ON ra.attrelid = r.oid AND ra.attname = 'tenant_id'
            WHERE n.nspname = 'public' AND k.contype = 'f'
              AND NOT (a.attnum = ANY (k.conkey) AND ra.attnum = ANY (k.confkey))
            """));
        // 4. Views run with the caller's rights, so row security applies through them.
        offences.AddRange(await QueryAsync(TestDatabase.Owner, """
            SELECT format('view %s is not security_invoker', c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
              AND NOT coalesce('security_invoker=true' = ANY (c.reloptions) OR 'security_invoker=on' = ANY (c.reloptions), false)
              AND c.relname NOT IN ('geography_columns', 'geometry_columns')
            """));
        // 5. The app role can neither bypass row security nor own anything.
        offences.AddRange(await QueryAsync(TestDatabase.App, """
            SELECT format('app role %s: superuser=%s bypassrls=%s', rolname, rolsuper, rolbypassrls)
            FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)
            UNION ALL
            SELECT format('app role owns %s', c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND n.nspname = 'public'
            """));
        Assert.True(offences.Count == 0, "Row-level security audit:\n" + string.Join("\n", offences));
        // The audit must have something to audit.
        Assert.True(await TestDatabase.CountAsync("SELECT count(*) FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid WHERE c.relname = 'invitations'") > 0);
    }

    private async Task<(Scenario.Member A, Scenario.Member B, Guid InvitationOfA)> TwoTenantsAsync()
    {
        var a = await Scenario.RegisterAsync(client);
        var b = await Scenario.RegisterAsync(client);
        var invite = await (await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", a.Token, new { email = Scenario.NewEmail(), role = "staff" }))
            .Content.ReadFromJsonAsync<JsonObject>();
        await client.SendAsync(HttpMethod.Post, "/api/organisation/invitations", b.Token, new { email = Scenario.NewEmail(), role = "staff" });
        return (a, b, (Guid)invite!["id"]!);
    }

    private static async Task<List<Guid>> InvitationTenantsAsync(string connectionString, Guid? tenant)
    {
        var context = new TenantContext();
        if (tenant is { } id) context.SetTenant(id, OrganisationKind.Operator, MembershipRole.Admin);
        await using var db = TestDatabase.CreateContext(connectionString, context);
        await using var tx = await db.Database.BeginTransactionAsync();
        // IgnoreQueryFilters: this test is about the database's lock alone, with EF's filter out of the way.
        return await db.Invitations.IgnoreQueryFilters().Select(i => i.TenantId).ToListAsync();
    }

    [Fact]
    public async Task With_a_pool_of_one_connection_no_tenant_setting_outlives_its_unit_of_work()
    {
        var (a, b, _) = await TwoTenantsAsync();
        // As the Api connects (its tuning of the connection string included).
        var pooled = AppConnection.Tune(TestDatabase.App + ";Maximum Pool Size=1;Application Name=leak-test-" + Guid.NewGuid().ToString("N")[..8]);

        var seenByA = await InvitationTenantsAsync(pooled, a.OrganisationId);
        var seenByB = await InvitationTenantsAsync(pooled, b.OrganisationId);
        var seenByNobody = await InvitationTenantsAsync(pooled, null);

        Assert.NotEmpty(seenByA);
        Assert.All(seenByA, t => Assert.Equal(a.OrganisationId, t));
        Assert.NotEmpty(seenByB);
        Assert.DoesNotContain(a.OrganisationId, seenByB);
        Assert.Empty(seenByNobody);

        // And the physical connection itself carries nothing afterwards.
        await using var connection = new NpgsqlConnection(pooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(current_setting('app.tenant_id', true), '') || coalesce(current_setting('app.user_id', true), '')", connection);
        Assert.Equal("", (string)(await command.ExecuteScalarAsync())!);

        // The tenancy middleware's membership lookup: a batch of two statements outside any transaction runs as one
        // implicit transaction, so the user id it sets is seen by the second statement and gone after the batch.
        var user = Guid.NewGuid().ToString();
        await using (var batch = new NpgsqlBatch(connection)
                     {
                         BatchCommands =
                         {
                             new NpgsqlBatchCommand("SELECT set_config('app.user_id', $1, true)") { Parameters = { new() { Value = user } } },
                             new NpgsqlBatchCommand("SELECT current_setting('app.user_id', true)"),
                         },
                     })
        {
            await using var reader = await batch.ExecuteReaderAsync();
            await reader.NextResultAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(user, reader.GetString(0));
        }
        Assert.Equal("", (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Raw_sql_as_the_app_role_cannot_read_update_or_insert_another_tenants_rows()
    {
        var (a, b, invitationOfA) = await TwoTenantsAsync();
        await using var connection = new NpgsqlConnection(TestDatabase.App);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection, tx))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = b.OrganisationId.ToString() });
            await set.ExecuteNonQueryAsync();
        }

        await using (var read = new NpgsqlCommand("SELECT count(*) FROM invitations WHERE tenant_id = $1", connection, tx))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = a.OrganisationId });
            Assert.Equal(0L, (long)(await read.ExecuteScalarAsync())!);
        }
        await using (var update = new NpgsqlCommand("UPDATE invitations SET email = 'stolen@evil.example' WHERE id = $1", connection, tx))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = invitationOfA });
            Assert.Equal(0, await update.ExecuteNonQueryAsync());
        }
        await using (var delete = new NpgsqlCommand("DELETE FROM organisation_members WHERE tenant_id = $1", connection, tx))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = a.OrganisationId });
            Assert.Equal(0, await delete.ExecuteNonQueryAsync());
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO invitations (tenant_id, id, email, role, secret_hash, invited_by, created_at, expires_at)
            VALUES ($1, gen_random_uuid(), 'x@evil.example', 'Admin', '\x00', gen_random_uuid(), now(), now() + interval '1 day')
            """, connection, tx))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = a.OrganisationId });
            var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState); // "new row violates row-level security policy"
        }
        await tx.RollbackAsync();

        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM invitations WHERE id = $1 AND email <> 'stolen@evil.example'", invitationOfA));
    }

    [Fact]
    public async Task Without_a_tenant_setting_the_app_role_sees_no_tenant_rows_at_all()
    {
        await TwoTenantsAsync();
        Assert.Empty(await QueryAsync(TestDatabase.App, "SELECT email FROM invitations"));
        Assert.Empty(await QueryAsync(TestDatabase.App, "SELECT user_id::text FROM organisation_members"));
        // A plain session SET outside a transaction is not how tenants are set, but even set_config(..., true) outside one lasts for nothing.
        Assert.Empty(await QueryAsync(TestDatabase.App, "SELECT email FROM invitations, (SELECT set_config('app.tenant_id', '', true)) s"));
    }

    [Fact]
    public async Task Saving_a_row_of_another_tenant_is_refused_by_the_context_before_it_reaches_the_database()
    {
        var (a, b, invitationOfA) = await TwoTenantsAsync();
        var context = new TenantContext();
        context.SetTenant(b.OrganisationId, OrganisationKind.Operator, MembershipRole.Admin);
        await using var db = TestDatabase.CreateContext(TestDatabase.App, context);
        var organisationA = await db.Organisations.SingleAsync(o => o.Id == a.OrganisationId);
        var (foreign, _) = Invitation.Create(organisationA, Scenario.NewEmail(), MembershipRole.Staff, a.UserId, DateTimeOffset.UtcNow);
        db.Invitations.Add(foreign);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM invitations WHERE id = $1", foreign.Id));
    }
}
