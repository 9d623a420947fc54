using Npgsql;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// The Api's connection string with the settings its workload needs, unless the configuration says otherwise.
/// </summary>
public static class AppConnection
{
    /// <summary>
    /// Turns on Npgsql's automatic preparation: EF does not prepare statements itself, and a search or a booking
    /// re-sends the same few statement texts all day, so preparing them once per connection saves parsing and
    /// analysis on every request. An explicit <c>Max Auto Prepare</c> in the configuration (0 to compare) wins.
    /// <para>
    /// Also skips Npgsql's session reset when a connection goes back to the pool (<c>No Reset On Close</c>). With
    /// prepared statements kept, that reset is seven statements (CLOSE ALL, RESET ALL, UNLISTEN *, …) run before the
    /// next command of every checkout, and a booking checks out two connections. It resets nothing the platform
    /// leaves behind: the tenant and user are set transaction-locally and die with the transaction, advisory locks are
    /// transaction-scoped, and nothing uses session SET, LISTEN, cursors across transactions or temporary tables. An
    /// open transaction is still rolled back when a connection is returned. An explicit setting wins.
    /// </para>
    /// </summary>
    public static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 128;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
