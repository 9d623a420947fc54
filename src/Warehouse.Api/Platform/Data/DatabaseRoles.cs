using Npgsql;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// The Api runs as a role that row-level security binds. It refuses to start as one that could bypass it:
/// a superuser, a <c>BYPASSRLS</c> role, or the owner of any table (owners can disable RLS on their tables).
/// </summary>
public static class DatabaseRoles
{
    public static async Task<string?> FindRuntimeRoleProblemAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT r.rolname, r.rolsuper, r.rolbypassrls,
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relowner = r.oid AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                       AND n.nspname NOT LIKE 'pg_toast%')
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (role, super, bypass, owned) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetInt64(3));
        if (super) return $"the database role '{role}' is a superuser";
        if (bypass) return $"the database role '{role}' has BYPASSRLS";
        if (owned > 0) return $"the database role '{role}' owns {owned} relations (table owners can switch row-level security off)";
        return null;
    }
}
