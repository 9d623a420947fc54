using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Features.Bookings;

/// <summary>
/// <c>Idempotency-Key</c> for creating requests. The key is claimed with an insert in its own short transaction, so of
/// concurrent duplicates exactly one proceeds; the others see it in progress (409) or, once it finished, get its
/// response. The same key with a different body is a 422. A request that fails with a server error frees its key.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    public abstract record Claim;
    public sealed record Claimed : Claim;
    public sealed record Replay(int Status, string Body) : Claim;
    public sealed record InProgress : Claim;
    public sealed record Mismatch : Claim;

    public static byte[] Hash(object request) => SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request)));

    public static async Task<Claim> ClaimAsync(WarehouseDb db, string operation, string key, byte[] requestHash, TimeProvider clock, CancellationToken ct)
    {
        // One short unit of work: the insert claims the key, or finds it taken; then, in the same transaction, a new
        // statement (read committed: a fresh snapshot) reads the record that holds it, committed by the first request.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO idempotency_records (tenant_id, key, operation, request_hash, completed, created_at)
            VALUES ({db.Tenant.RequiredTenantId}, {key}, {operation}, {requestHash}, false, {clock.GetUtcNow()})
            ON CONFLICT (tenant_id, key) DO NOTHING
            """, ct);
        if (inserted == 1)
        {
            await tx.CommitAsync(ct);
            return new Claimed();
        }
        var existing = await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, ct);
        await tx.CommitAsync(ct);
        // Freed in between by a request that failed: this one may simply be sent again.
        if (existing is null) return new InProgress();
        if (existing.Operation != operation || !existing.RequestHash.AsSpan().SequenceEqual(requestHash)) return new Mismatch();
        return existing.Completed ? new Replay(existing.ResponseStatus!.Value, existing.ResponseBody!) : new InProgress();
    }

    /// <summary>
    /// Records the answer against the key. A deliberate unit of work of the caller's organisation that does not check
    /// the membership again (<see cref="Platform.Tenancy.MembershipCache"/>): the request was checked when it claimed the
    /// key and when it did its work, and its answer must be recorded even if the membership changed since, or a retry
    /// would do the work twice.
    /// </summary>
    public static Task CompleteAsync(NpgsqlDataSource database, Guid tenantId, Guid userId, string key, int status, string body, CancellationToken ct)
        => ExecuteAsync(database, tenantId, userId, new NpgsqlBatchCommand("""
            UPDATE idempotency_records SET completed = true, response_status = $1, response_body = $2::jsonb
            WHERE tenant_id = $3 AND key = $4
            """)
        {
            Parameters = { new() { Value = status }, new() { Value = body }, new() { Value = tenantId }, new() { Value = key } },
        }, ct);

    /// <summary>Frees the key after a failure that was not the client's, so a retry can try again (unchecked, as above).</summary>
    public static async Task ReleaseAsync(NpgsqlDataSource database, Guid tenantId, Guid userId, string key)
    {
        try
        {
            await ExecuteAsync(database, tenantId, userId, new NpgsqlBatchCommand(
                "DELETE FROM idempotency_records WHERE tenant_id = $1 AND key = $2 AND NOT completed")
            {
                Parameters = { new() { Value = tenantId }, new() { Value = key } },
            }, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The original failure matters more; a key left "in progress" only blocks retries of this one request.
        }
    }

    /// <summary>One statement in the organisation's tenant, set transaction-locally first (the batch is one implicit transaction).</summary>
    private static async Task ExecuteAsync(NpgsqlDataSource database, Guid tenantId, Guid userId, NpgsqlBatchCommand statement, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(TenantTransactionInterceptor.SetSql)
                {
                    Parameters = { new() { Value = tenantId.ToString() }, new() { Value = userId.ToString() } },
                },
                statement,
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }
}
