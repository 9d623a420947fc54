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
    /// Npgsql's session reset on returning a connection to the pool stays on (never <c>No Reset On Close</c>, see
    /// ARCHITECTURE.md): it costs a few statements per checkout, and it is what would clear a session setting if any
    /// code ever set one outside a transaction.
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
        return builder.ConnectionString;
    }
}
