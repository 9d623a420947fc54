using Microsoft.EntityFrameworkCore.Migrations;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// Row-level security statements for migrations. Every tenant-owned table gets <c>ENABLE</c> and <c>FORCE</c> (so even
/// its owner is bound) and a policy on the transaction-local <c>app.tenant_id</c>; an unset or empty setting matches
/// no row, so forgetting to set a tenant shows nothing rather than everything.
/// </summary>
public static class RowSecurity
{
    public const string CurrentTenant = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";
    public const string CurrentUser = "NULLIF(current_setting('app.user_id', true), '')::uuid";

    public static void EnableTenantRowSecurity(this MigrationBuilder migration, string table)
    {
        migration.Sql($"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;");
        migration.Sql($"ALTER TABLE {table} FORCE ROW LEVEL SECURITY;");
        migration.Sql($"CREATE POLICY tenant_isolation ON {table} USING (tenant_id = {CurrentTenant}) WITH CHECK (tenant_id = {CurrentTenant});");
    }

    public static void DisableTenantRowSecurity(this MigrationBuilder migration, string table)
    {
        migration.Sql($"DROP POLICY IF EXISTS tenant_isolation ON {table};");
        migration.Sql($"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;");
        migration.Sql($"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;");
    }
}
