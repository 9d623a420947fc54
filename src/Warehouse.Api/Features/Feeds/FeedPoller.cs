using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Quartz;
using Refit;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Jobs;

namespace Warehouse.Api.Features.Feeds;

/// <summary>
/// Polls the pull feeds that are due, in three steps so no transaction stays open while a partner is slow:
/// <list type="number">
/// <item><b>Claim</b>, per operator in its own tenant scope (<see cref="TenantScopes.ForEachOperatorAsync"/>): one
/// statement moves each due feed's <c>next_poll_at</c> one interval ahead and returns it (<c>FOR UPDATE SKIP LOCKED</c>,
/// and the <c>next_poll_at &lt;= now</c> condition is re-checked after any wait). Two nodes, or two overlapping
/// firings, can never both claim a feed for the same interval: each feed is polled once per interval across the cluster.</item>
/// <item><b>Fetch</b> each claimed feed through <see cref="FeedClient"/>, a few at a time, with no database work.</item>
/// <item><b>Apply</b> the answer (or record the failure) in that operator's scope again
/// (<see cref="AvailabilityApplier"/>): idempotent by sequence, so an at-least-once re-run applies nothing twice.</item>
/// </list>
/// A failure keeps the last good data and only changes the feed's health.
/// </summary>
public sealed class FeedPoller(IServiceProvider services, FeedClient client, FeedSecrets secrets, FeedSettings settings, TimeProvider clock, ILogger<FeedPoller> logger)
{
    public sealed record Claimed(Guid TenantId, Guid FeedId, string BaseUrl, FeedAuth Auth, string? HeaderName, string? Secret);

    public sealed record PollResult(Guid FeedId, ApplyOutcome? Outcome, string? Error);

    /// <summary>Claims every due pull feed of every operator and polls them. Returns what happened to each.</summary>
    public async Task<IReadOnlyList<PollResult>> PollDueAsync(CancellationToken ct)
    {
        var claimed = new ConcurrentQueue<Claimed>();
        await TenantScopes.ForEachOperatorAsync(services, async (scope, token) =>
        {
            foreach (var feed in await ClaimDueAsync(scope.GetRequiredService<WarehouseDb>(), token)) claimed.Enqueue(feed);
        }, ct);

        var results = new ConcurrentQueue<PollResult>();
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.PollConcurrency), CancellationToken = ct },
            async (feed, token) => results.Enqueue(await PollAsync(feed, null, token)));
        return [.. results];
    }

    /// <summary>Claims the current tenant's due pull feeds: moves each one's next poll one interval ahead, in one statement.</summary>
    public async Task<List<Claimed>> ClaimDueAsync(WarehouseDb db, CancellationToken ct)
    {
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException("Claiming feeds needs an operator's scope.");
        var now = clock.GetUtcNow();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var claim = new NpgsqlCommand("""
            UPDATE capacity_feeds f SET next_poll_at = $2 + make_interval(secs => f.polling_interval_seconds)
            WHERE f.tenant_id = $1 AND f.id IN (
                SELECT id FROM capacity_feeds
                WHERE tenant_id = $1 AND mode = 'Pull' AND enabled AND next_poll_at <= $2
                ORDER BY next_poll_at LIMIT 100 FOR UPDATE SKIP LOCKED)
              AND f.next_poll_at <= $2
            RETURNING f.id, f.base_url, f.auth, f.auth_header_name, f.protected_secret
            """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        claim.Parameters.Add(new NpgsqlParameter { Value = tenant });
        claim.Parameters.Add(new NpgsqlParameter { Value = now });
        var rows = new List<(Guid Id, string BaseUrl, FeedAuth Auth, string? Header, string? Secret)>();
        await using (var reader = await claim.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetGuid(0), reader.GetString(1), Enum.Parse<FeedAuth>(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return [.. rows.Select(row => new Claimed(tenant, row.Id, row.BaseUrl, row.Auth, row.Header, Decrypt(tenant, row.Id, row.Secret)))];
    }

    /// <summary>A feed about to be polled outside the schedule (the operator's "poll now"), with its credential decrypted.</summary>
    public Claimed Claim(CapacityFeed feed)
        => new(feed.TenantId, feed.Id, feed.BaseUrl!, feed.Auth, feed.AuthHeaderName, Decrypt(feed.TenantId, feed.Id, feed.ProtectedSecret));

    private string? Decrypt(Guid tenant, Guid feedId, string? protectedSecret)
    {
        if (protectedSecret is null) return null;
        try
        {
            return secrets.Unprotect(tenant, feedId, protectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The key ring lost the key (a database restored elsewhere): the operator must enter the credential again.
            logger.LogWarning("Feed {FeedId}: its stored credential cannot be decrypted; it is polled without it.", feedId);
            return null;
        }
    }

    /// <summary>Fetches one feed and applies or records the result in the operator's scope. Never throws for a partner's fault.</summary>
    public async Task<PollResult> PollAsync(Claimed feed, Guid? actingUserId, CancellationToken ct)
    {
        AvailabilityUpdate? update = null;
        string? error = null;
        try
        {
            update = await client.FetchAsync(feed.FeedId, feed.BaseUrl, feed.Auth, feed.HeaderName, feed.Secret, ct);
            if (update is null) error = "The partner answered with an empty body.";
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            error = Describe(e);
            // The platform's description only: the exception text may carry a partner's URL or answer.
            logger.LogInformation("Feed {FeedId} poll failed: {Error} ({Exception})", feed.FeedId, error, e.GetType().Name);
        }

        return await FeedScope.AsOperatorAsync(services, feed.TenantId, actingUserId, async (db, _) =>
        {
            var now = clock.GetUtcNow();
            var row = await AvailabilityApplier.LockFeedAsync(db, feed.FeedId, ct);
            if (row is null) return new PollResult(feed.FeedId, null, "The feed was removed meanwhile.");
            row.BreakerState = client.Breakers.StateOf(feed.FeedId);
            if (error is null)
            {
                var shape = update!.Validate(row.WarehouseId);
                if (shape.Any) error = $"The answer is not a valid {AvailabilityUpdate.V1} update: {AvailabilityApplier.Summarise(shape)}";
            }
            if (error is not null)
            {
                await AvailabilityApplier.RecordFailureAsync(db, row, error, now, ct);
                return new PollResult(feed.FeedId, null, error);
            }
            var result = await AvailabilityApplier.ApplyAsync(db, row, update!, now, ct);
            return new PollResult(feed.FeedId, result.Outcome, result.Errors is null ? null : row.LastError);
        }, ct);
    }

    /// <summary>What went wrong, in the platform's words: never the partner's body, never a header or credential.</summary>
    public static string Describe(Exception e) => e switch
    {
        // Refit wraps what the handlers threw (an open breaker, a timeout, a refused address) in an ApiRequestException.
        ApiRequestException { InnerException: { } inner } => Describe(inner),
        FeedRefusedException refused => refused.Message,
        HttpRequestException { InnerException: FeedRefusedException refused } => refused.Message,
        BrokenCircuitException => "The circuit breaker is open after repeated failures; the feed is tried again when it half-opens.",
        TimeoutRejectedException => "The partner did not answer in time.",
        ApiException { StatusCode: var status } api when api.InnerException is JsonException or null && (int)status < 300
            => "The partner's answer is not valid JSON for the contract.",
        ApiException api => $"The partner answered HTTP {(int)api.StatusCode}.",
        JsonException => "The partner's answer is not valid JSON for the contract.",
        HttpRequestException http when http.InnerException is TimeoutException or TaskCanceledException => "The partner did not answer in time.",
        HttpRequestException http => $"The partner could not be reached ({http.HttpRequestError}).",
        TaskCanceledException or OperationCanceledException => "The partner did not answer in time.",
        _ => "The poll failed unexpectedly.",
    };
}

/// <summary>
/// Polls the due pull feeds. Fires every <c>Jobs:FeedPoll:Interval</c> (default 15 s): a feed's own interval decides
/// when it is due, the firing only looks. Safe to run on every node at once; see <see cref="FeedPoller"/>.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FeedPollJob(FeedPoller poller, ILogger<FeedPollJob> logger) : IJob
{
    public const string Name = "FeedPoll";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var results = await poller.PollDueAsync(cancellationToken);
        if (results.Count > 0)
            logger.LogInformation("Polled {Count} feeds: {Failed} failed.", results.Count, results.Count(r => r.Error is not null));
    }
}
