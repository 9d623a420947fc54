using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using Warehouse.Api.Features.Search;

namespace Warehouse.Benchmarks;

/// <summary>An offer the booking phases book on: its operator (the tenant) and id.</summary>
public sealed record BookingTarget(Guid OperatorId, Guid OfferId);

/// <summary>
/// The floor: the least an HTTP endpoint can do for the same work, measured in the same run as the Api. A minimal
/// Kestrel app over raw Npgsql (one data source, automatic preparation), no authentication, no EF, no validation:
/// <list type="bullet">
/// <item><c>POST /search/{i}</c> runs query <c>i</c> of the mix through <see cref="SearchSql.RunAsync"/>, the Api's own
/// statements, as the app role in a unit of work of the signed-in trader (the same row-security path), and writes the
/// page back as JSON;</item>
/// <item><c>POST /book/{k}</c> books on target <c>k</c> in one round trip: lock the offer row, then take the days of the
/// range and insert the booking (the ledger) only if every day has room, else 409.</item>
/// </list>
/// </summary>
public sealed class FloorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    public Uri BaseAddress { get; }

    private FloorServer(WebApplication app, NpgsqlDataSource dataSource, Uri baseAddress)
    {
        _app = app;
        _dataSource = dataSource;
        BaseAddress = baseAddress;
    }

    public sealed record BookingWindow(decimal Quantity, DateOnly StartsOn, DateOnly EndsOn);

    public static async Task<FloorServer> StartAsync(string appConnection, IReadOnlyList<SearchMix.Query> queries, Guid traderId, Guid traderUserId,
        IReadOnlyList<BookingTarget> offers, BookingWindow window)
    {
        var connection = new NpgsqlConnectionStringBuilder(appConnection) { ApplicationName = "warehouse-bench-floor", MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, MaxPoolSize = 100 };
        var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        app.MapPost("/search/{i:int}", async (int i, HttpContext http) =>
        {
            var query = queries[i % queries.Count];
            await using var db = await dataSource.OpenConnectionAsync(http.RequestAborted);
            await using var tx = await db.BeginTransactionAsync(http.RequestAborted);
            await SetScopeAsync(db, tx, traderId, traderUserId, http.RequestAborted);
            var page = await SearchSql.RunAsync(db, tx, query.Criteria, query.Criteria.Today, http.RequestAborted);
            http.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(http.Response.Body, page, cancellationToken: http.RequestAborted);
            await tx.CommitAsync(http.RequestAborted);
        });

        app.MapPost("/book/{k:int}", async (int k, HttpContext http) =>
        {
            var target = offers[k % offers.Count];
            var ct = http.RequestAborted;
            await using var db = await dataSource.OpenConnectionAsync(ct);
            // One round trip, as the Api books: a batch without an explicit transaction runs as one implicit transaction
            // (the scope, the offer's lock, then one statement that takes the days and writes the booking only if every
            // day has room), committed at its end.
            await using var batch = new NpgsqlBatch(db)
            {
                BatchCommands =
                {
                    Command(SetScopeSql, target.OperatorId.ToString(), traderUserId.ToString()),
                    Command("SELECT 1 FROM capacity_offers WHERE tenant_id = $1 AND id = $2 AND is_published FOR NO KEY UPDATE", target.OperatorId, target.OfferId),
                    Command("""
                        WITH terms AS (
                            SELECT o.warehouse_id, w.name_zh, o.unit, o.price_currency, o.normalised_rate_cny_per_unit, o.normalised_rate_as_of
                            FROM capacity_offers o JOIN overseas_warehouses w ON w.tenant_id = o.tenant_id AND w.id = o.warehouse_id
                            WHERE o.tenant_id = $1 AND o.id = $2 AND o.is_published),
                        go AS (SELECT EXISTS (SELECT 1 FROM terms) AND NOT EXISTS (
                            SELECT 1 FROM capacity_days WHERE tenant_id = $1 AND offer_id = $2 AND day BETWEEN $4 AND $5 AND capacity - booked < $3) AS ok),
                        taken AS (
                            UPDATE capacity_days SET booked = booked + $3
                            WHERE tenant_id = $1 AND offer_id = $2 AND day BETWEEN $4 AND $5 AND (SELECT ok FROM go)),
                        ledger AS (
                            INSERT INTO bookings (tenant_id, id, trader_id, offer_id, warehouse_id, warehouse_name, unit, quantity, starts_on, ends_on, status,
                                                  created_by, created_at, quote_currency, quote_explanation, quote_rate_as_of, quote_rate_cny_per_unit,
                                                  quote_total_cny, quote_total_original)
                            SELECT $1, $6, $7, $2, warehouse_id, name_zh, unit, $3, $4, $5, 'Confirmed', $8, now(), price_currency, 'floor',
                                   normalised_rate_as_of, normalised_rate_cny_per_unit, 0, 0
                            FROM terms WHERE (SELECT ok FROM go))
                        SELECT ok FROM go
                        """, target.OperatorId, target.OfferId, window.Quantity, window.StartsOn, window.EndsOn, Guid.CreateVersion7(), traderId, traderUserId),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var booked = reader.GetBoolean(0);
            await reader.DisposeAsync();
            return booked ? Results.StatusCode(201) : Results.Conflict();
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FloorServer(app, dataSource, new Uri(address));
    }

    /// <summary>The unit of work's tenant and user, transaction-local: what the Api's TenantTransactionInterceptor does.</summary>
    private const string SetScopeSql = "SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)";

    private static async Task SetScopeAsync(NpgsqlConnection db, NpgsqlTransaction tx, Guid tenantId, Guid userId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SetScopeSql, db, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = userId.ToString() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
