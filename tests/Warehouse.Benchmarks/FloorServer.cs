using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using NpgsqlTypes;
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
/// <item><c>POST /book/{k}</c> runs the booking transaction on target <c>k</c>: lock the offer row and conditionally update
/// the days of the range (one round trip), insert the booking (the ledger) or roll back with 409.</item>
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
            var days = window.EndsOn.DayNumber - window.StartsOn.DayNumber + 1;
            await using var db = await dataSource.OpenConnectionAsync(http.RequestAborted);
            await using var tx = await db.BeginTransactionAsync(http.RequestAborted);
            Guid warehouseId;
            string warehouseName, unit, currency;
            decimal rate;
            DateOnly rateAsOf;
            // One round trip: the scope, the offer's lock (with what the booking records) and the conditional update of
            // the range, batched as the Api batches its lock and reservation.
            await using (var batch = new NpgsqlBatch(db, tx)
                         {
                             BatchCommands =
                             {
                                 Command(SetScopeSql, target.OperatorId.ToString(), traderUserId.ToString()),
                                 Command("""
                                     SELECT o.warehouse_id, w.name_zh, o.unit, o.price_currency, o.normalised_rate_cny_per_unit, o.normalised_rate_as_of
                                     FROM capacity_offers o JOIN overseas_warehouses w ON w.tenant_id = o.tenant_id AND w.id = o.warehouse_id
                                     WHERE o.tenant_id = $1 AND o.id = $2 AND o.is_published
                                     FOR NO KEY UPDATE OF o
                                     """, target.OperatorId, target.OfferId),
                                 Command("""
                                     UPDATE capacity_days SET booked = booked + $3
                                     WHERE tenant_id = $1 AND offer_id = $2 AND day BETWEEN $4 AND $5 AND capacity - booked >= $3
                                     """, target.OperatorId, target.OfferId, window.Quantity, window.StartsOn, window.EndsOn),
                             },
                         })
            {
                await using var reader = await batch.ExecuteReaderAsync(http.RequestAborted);
                await reader.NextResultAsync(http.RequestAborted); // past the scope row
                if (!await reader.ReadAsync(http.RequestAborted)) return Results.NotFound();
                (warehouseId, warehouseName, unit, currency, rate, rateAsOf) =
                    (reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4), reader.GetFieldValue<DateOnly>(5));
                await reader.DisposeAsync(); // reads the update's outcome
                if (batch.BatchCommands[2].RecordsAffected != days)
                {
                    await tx.RollbackAsync(http.RequestAborted);
                    return Results.Conflict();
                }
            }
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO bookings (tenant_id, id, trader_id, offer_id, warehouse_id, warehouse_name, unit, quantity, starts_on, ends_on, status,
                                      created_by, created_at, quote_currency, quote_explanation, quote_rate_as_of, quote_rate_cny_per_unit,
                                      quote_total_cny, quote_total_original)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'Confirmed', $11, now(), $12, 'floor', $13, $14, 0, 0)
                """, db, tx))
            {
                foreach (var (value, type) in new (object, NpgsqlDbType)[]
                         {
                             (target.OperatorId, NpgsqlDbType.Uuid), (Guid.CreateVersion7(), NpgsqlDbType.Uuid), (traderId, NpgsqlDbType.Uuid),
                             (target.OfferId, NpgsqlDbType.Uuid), (warehouseId, NpgsqlDbType.Uuid), (warehouseName, NpgsqlDbType.Varchar),
                             (unit, NpgsqlDbType.Varchar), (window.Quantity, NpgsqlDbType.Numeric), (window.StartsOn, NpgsqlDbType.Date),
                             (window.EndsOn, NpgsqlDbType.Date), (traderUserId, NpgsqlDbType.Uuid), (currency, NpgsqlDbType.Char),
                             (rateAsOf, NpgsqlDbType.Date), (rate, NpgsqlDbType.Numeric),
                         })
                    insert.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
                await insert.ExecuteNonQueryAsync(http.RequestAborted);
            }
            await tx.CommitAsync(http.RequestAborted);
            return Results.StatusCode(201);
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
