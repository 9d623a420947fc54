using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// Lock 3 of tenancy, the database side: the first statement of every transaction EF starts sets
/// <c>app.tenant_id</c> and <c>app.user_id</c> transaction-locally (<c>set_config(…, true)</c>), so the row-level
/// security policies see the unit of work's tenant and the setting dies with the transaction; it can never leak to
/// the next user of a pooled connection. Work outside a transaction sees no tenant rows at all.
/// Stateless: the values come from the <see cref="WarehouseDb"/> that started the transaction.
/// </summary>
public sealed class TenantTransactionInterceptor : DbTransactionInterceptor
{
    public static readonly TenantTransactionInterceptor Instance = new();

    public const string SetSql = "SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = CreateCommand(connection, eventData, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private static NpgsqlCommand CreateCommand(DbConnection connection, TransactionEndEventData eventData, DbTransaction transaction)
    {
        var db = eventData.Context as WarehouseDb
            ?? throw new InvalidOperationException("The tenant interceptor only serves WarehouseDb.");
        var command = new NpgsqlCommand(SetSql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = db.CurrentTenantId?.ToString() ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = db.CurrentUserId?.ToString() ?? "" });
        return command;
    }
}
