using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Warehouse.Api.Platform.Tenancy;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// Lock 3 of tenancy, the database side: the first statement of every transaction EF starts sets
/// <c>app.tenant_id</c> and <c>app.user_id</c> transaction-locally (<c>set_config(…, true)</c>), so the row-level
/// security policies see the unit of work's tenant and the setting dies with the transaction; it can never leak to
/// the next user of a pooled connection. Work outside a transaction sees no tenant rows at all.
/// When the tenant is the request's membership (remembered by <see cref="Tenancy.MembershipCache"/>), the statement is
/// <c>set_member_scope</c> instead, which sets the same two values only if the user is still a member in a role the
/// request's endpoint admits, and otherwise fails the transaction (SQLSTATE WH001): lock 1 is checked by the database
/// in the same round trip, so a remembered membership never grants what the database would not.
/// Stateless: the values come from the <see cref="WarehouseDb"/> that started the transaction.
/// </summary>
public sealed class TenantTransactionInterceptor : DbTransactionInterceptor
{
    public static readonly TenantTransactionInterceptor Instance = new();

    public const string SetSql = "SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)";

    /// <summary>Tenant, user and admitted roles of a membership; fails with <see cref="MembershipChangedState"/> unless it holds.</summary>
    public const string SetMemberSql = "SELECT set_member_scope($1, $2, $3)";

    /// <summary>The SQLSTATE of a membership that no longer holds (see the MembershipCheckedInUnitOfWork migration).</summary>
    public const string MembershipChangedState = "WH001";

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

    /// <summary>Roles as the organisation_members table stores them (their names).</summary>
    public static string[] RoleNames(IReadOnlyList<Domain.Organisations.MembershipRole> roles) => [.. roles.Select(role => role.ToString())];

    /// <summary>
    /// The same first statement for a batch sent without a transaction: such a batch is one implicit transaction (one
    /// Sync), so the values set here hold for the batch's later statements and die with it. A read that needs no
    /// transaction across its round trips (search) sends this at the head of each batch instead of BEGIN … COMMIT.
    /// </summary>
    public static NpgsqlBatchCommand ScopeBatchCommand(TenantContext tenant)
    {
        var (sql, values) = Scope(tenant);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private static NpgsqlCommand CreateCommand(DbConnection connection, TransactionEndEventData eventData, DbTransaction transaction)
    {
        var db = eventData.Context as WarehouseDb
            ?? throw new InvalidOperationException("The tenant interceptor only serves WarehouseDb.");
        var (sql, values) = Scope(db.Tenant);
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private static (string Sql, object[] Values) Scope(TenantContext tenant)
        => tenant is { FromMembership: true, TenantId: { } tenantId, UserId: { } userId }
            ? (SetMemberSql, [tenantId, userId, RoleNames(tenant.AdmittedRoles)])
            : (SetSql, [tenant.TenantId?.ToString() ?? "", tenant.UserId?.ToString() ?? ""]);
}
