using Npgsql;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// The Api's connection string with the settings its workload needs, unless the configuration says otherwise.
/// </summary>
public static class AppConnection
{
    /// <summary>
    /// At most this many connections per Api process (Npgsql's default is 100), unless the configuration sets
    /// <c>Maximum Pool Size</c>. A database does its best work with a few active backends per core; past that, requests
    /// queue inside PostgreSQL instead of in the pool, every backend is switched in and out, and the pool hands out its
    /// connections in turn, so each of a hundred backends prepares and plans every statement for itself. Measured on
    /// the 2-core benchmark machine, 100k catalogue, searches arriving at 300/s: the 50 km nearest-first search served
    /// 73/s with 100 connections, 167/s with 32, 283/s with 16 and 271/s with 8; at 50/s the mix's p95 was 544 ms with
    /// 100 and 37 ms with 16. A request waits for a free connection up to the connection string's <c>Timeout</c>.
    /// </summary>
    public const int DefaultMaxPoolSize = 16;

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
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("PoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = DefaultMaxPoolSize;
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 128;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }
}
