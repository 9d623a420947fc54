using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Api.Platform.Tenancy;

namespace Warehouse.Api.Features.Feeds;

/// <summary>
/// An operator connects a warehouse's WMS: registers a pull feed (URL, credentials, interval) or a push feed (a key),
/// watches its health and conflicts, rotates or revokes its push key. No answer ever carries a stored credential:
/// <see cref="FeedView"/> says only whether one is set.
/// </summary>
public static class ManageFeeds
{
    public sealed record AuthInput(FeedAuth? Type, string? HeaderName, string? Secret);

    public sealed record FeedInput(FeedMode? Mode, string? BaseUrl, AuthInput? Authentication, int? PollingIntervalSeconds, bool? Enabled, uint? Version = null);

    public sealed record PushKeyView(string? Hint, DateTimeOffset? IssuedAt, DateTimeOffset? RevokedAt);

    public sealed record FeedView(
        Guid Id, Guid WarehouseId, FeedMode Mode, bool Enabled, string? BaseUrl, FeedAuth Authentication, string? AuthHeaderName,
        bool HasCredential, int? PollingIntervalSeconds, DateTimeOffset? NextPollAt, PushKeyView? PushKey, FeedHealth.View Health,
        int Conflicts, DateTimeOffset CreatedAt, uint Version, string? NewPushKey = null);

    public sealed record IssuedKey(string PushKey, string Note, FeedView Feed);

    public sealed record ConflictView(Guid Id, long Sequence, Guid? OfferId, DateOnly? Day, Guid? SlotId, decimal Booked, decimal ReportedFree, DateTimeOffset DetectedAt);

    private const string KeyNote = "Shown once: store it in the warehouse system now. The platform keeps only its hash.";

    public static FeedView ToView(CapacityFeed f, int conflicts, DateTimeOffset now, FeedSettings settings, string? newKey = null) => new(
        f.Id, f.WarehouseId, f.Mode, f.Enabled, f.BaseUrl, f.Auth, f.AuthHeaderName, f.ProtectedSecret is not null,
        f.Mode == FeedMode.Pull ? f.PollingIntervalSeconds : null, f.Mode == FeedMode.Pull ? f.NextPollAt : null,
        f.Mode == FeedMode.Push ? new PushKeyView(f.PushKeyHint, f.PushKeyIssuedAt, f.PushKeyRevokedAt) : null,
        FeedHealth.Of(f, now, settings.StaleAfter), conflicts, f.CreatedAt, f.Version, newKey);

    private static Task<int> ConflictsAsync(WarehouseDb db, Guid feedId, CancellationToken ct)
        => db.Set<FeedConflict>().CountAsync(c => c.FeedId == feedId, ct);

    /// <summary>Validates pull settings into the feed; the credential is replaced only when one is sent.</summary>
    private static void ApplyPull(CapacityFeed feed, FeedInput input, FieldErrors errors, OutboundGuard guard, FeedSecrets secrets, FeedSettings settings, bool creating)
    {
        if (guard.CheckUrl(input.BaseUrl) is { } urlProblem) errors.Add("baseUrl", urlProblem);
        var interval = input.PollingIntervalSeconds ?? (creating ? 300 : feed.PollingIntervalSeconds);
        if (interval < Math.Max(CapacityFeed.MinPollingSeconds, settings.MinPollingIntervalSeconds) || interval > CapacityFeed.MaxPollingSeconds)
            errors.Add("pollingIntervalSeconds", $"Poll between every {settings.MinPollingIntervalSeconds} seconds and once a day ({CapacityFeed.MaxPollingSeconds}).");
        var auth = input.Authentication?.Type ?? (creating ? FeedAuth.None : feed.Auth);
        var header = input.Authentication?.HeaderName?.Trim() ?? (auth == feed.Auth ? feed.AuthHeaderName : null);
        var secret = input.Authentication?.Secret;
        if (auth == FeedAuth.ApiKeyHeader && (string.IsNullOrEmpty(header) || header.Length > 64 || !header.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')
            || header.Equals("Host", StringComparison.OrdinalIgnoreCase) || header.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            errors.Add("authentication.headerName", "Name the header that carries the API key, e.g. X-Api-Key (letters, digits, - and _).");
        if (secret is not null && (secret.Length is 0 or > 2000 || secret.Any(char.IsControl)))
            errors.Add("authentication.secret", "The credential is 1–2000 characters without control characters.");
        var keepsSecret = secret is null && auth == feed.Auth && feed.ProtectedSecret is not null;
        if (auth != FeedAuth.None && secret is null && !keepsSecret)
            errors.Add("authentication.secret", "Give the API key or token the platform sends.");
        if (errors.Any) return;

        feed.BaseUrl = input.BaseUrl!.Trim();
        feed.PollingIntervalSeconds = interval;
        if (auth != feed.Auth || secret is not null) feed.ProtectedSecret = auth == FeedAuth.None || secret is null ? null : secrets.Protect(feed.TenantId, feed.Id, secret);
        feed.Auth = auth;
        feed.AuthHeaderName = auth == FeedAuth.ApiKeyHeader ? header : null;
    }

    public static async Task<Results<Created<FeedView>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        Guid warehouseId, FeedInput input, WarehouseDb db, OutboundGuard guard, FeedSecrets secrets, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, ct)) return TypedResults.NotFound();
        if (await db.Set<CapacityFeed>().AnyAsync(f => f.WarehouseId == warehouseId, ct))
            return TypedResults.Problem(Problems.Create(409, "feed.exists", "This warehouse already has a feed; change it or remove it first."));
        var errors = new FieldErrors();
        if (input.Mode is null) errors.Add("mode", "Choose pull (the platform polls your system) or push (your system posts updates).");
        if (input.Version is not null) errors.Add("version", "A new feed has no version yet.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var feed = new CapacityFeed
        {
            TenantId = db.Tenant.RequiredTenantId, Id = Guid.CreateVersion7(now), WarehouseId = warehouseId, Mode = input.Mode!.Value,
            Enabled = input.Enabled ?? true, CreatedAt = now,
        };
        string? key = null;
        if (feed.Mode == FeedMode.Pull)
        {
            ApplyPull(feed, input, errors, guard, secrets, settings, creating: true);
            feed.NextPollAt = now; // due at once: the first poll shows whether the connection works
        }
        else
        {
            if (input.BaseUrl is not null) errors.Add("baseUrl", "A push feed has no URL: its system posts to the platform.");
            if (input.Authentication is not null) errors.Add("authentication", "A push feed authenticates with the key issued here.");
            if (input.PollingIntervalSeconds is not null) errors.Add("pollingIntervalSeconds", "A push feed is not polled.");
            key = IssueKey(feed, now);
        }
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        db.Add(feed);
        await db.SaveChangesAsync(ct);
        await FeedHealth.MirrorAsync(db, feed, now, ct);
        return TypedResults.Created($"/api/feeds/{feed.Id}", ToView(feed, 0, now, settings, key));
    }

    private static string IssueKey(CapacityFeed feed, DateTimeOffset now)
    {
        var key = FeedSecrets.NewPushKey(feed.TenantId);
        feed.PushKeyHash = FeedSecrets.Hash(key);
        feed.PushKeyHint = key[..12] + "…";
        feed.PushKeyIssuedAt = now;
        feed.PushKeyRevokedAt = null;
        return key;
    }

    public static async Task<Ok<List<FeedView>>> List(WarehouseDb db, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var feeds = await db.Set<CapacityFeed>().AsNoTracking().OrderBy(f => f.CreatedAt).ToListAsync(ct);
        var counts = await db.Set<FeedConflict>().GroupBy(c => c.FeedId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(feeds.Select(f => ToView(f, counts.GetValueOrDefault(f.Id), now, settings)).ToList());
    }

    public static async Task<Results<Ok<FeedView>, NotFound>> Get(Guid feedId, WarehouseDb db, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var feed = await db.Set<CapacityFeed>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == feedId, ct);
        return feed is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(feed, await ConflictsAsync(db, feedId, ct), clock.GetUtcNow(), settings));
    }

    public static async Task<Results<Ok<FeedView>, ValidationProblem, NotFound>> Update(
        Guid feedId, FeedInput input, WarehouseDb db, OutboundGuard guard, FeedSecrets secrets, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var feed = await AvailabilityApplier.LockFeedAsync(db, feedId, ct);
        if (feed is null) return TypedResults.NotFound();
        var errors = new FieldErrors();
        if (input.Version is null) errors.Add("version", "Send the version you edited (from the last GET) so concurrent edits are not lost.");
        if (input.Mode is { } mode && mode != feed.Mode) errors.Add("mode", "A feed's mode cannot change; remove it and register the other kind.");
        if (feed.Mode == FeedMode.Pull) ApplyPull(feed, input, errors, guard, secrets, settings, creating: false);
        else if (input.BaseUrl is not null || input.Authentication is not null || input.PollingIntervalSeconds is not null)
            errors.Add("mode", "A push feed has only the enabled switch; rotate its key with POST /api/feeds/{id}/push-key.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var now = clock.GetUtcNow();
        db.Entry(feed).Property(f => f.Version).OriginalValue = input.Version!.Value;
        if (input.Enabled is { } enabled)
        {
            if (enabled && !feed.Enabled && feed.Mode == FeedMode.Pull) feed.NextPollAt = now;
            feed.Enabled = enabled;
        }
        await db.SaveChangesAsync(ct);
        await FeedHealth.MirrorAsync(db, feed, now, ct);
        return TypedResults.Ok(ToView(feed, await ConflictsAsync(db, feedId, ct), now, settings));
    }

    /// <summary>Removes the feed; the availability it set stays as it is (it is the warehouse's last word).</summary>
    public static async Task<Results<NoContent, NotFound>> Delete(Guid feedId, WarehouseDb db, FeedClient client, CancellationToken ct)
    {
        var feed = await AvailabilityApplier.LockFeedAsync(db, feedId, ct);
        if (feed is null) return TypedResults.NotFound();
        db.Remove(feed);
        await db.SaveChangesAsync(ct);
        await FeedHealth.ForgetAsync(db, feedId, ct);
        client.Breakers.Forget(feedId);
        return TypedResults.NoContent();
    }

    /// <summary>Issues a new push key, shown once; the previous key stops working at once.</summary>
    public static async Task<Results<Ok<IssuedKey>, NotFound, ProblemHttpResult>> RotateKey(Guid feedId, WarehouseDb db, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var feed = await AvailabilityApplier.LockFeedAsync(db, feedId, ct);
        if (feed is null) return TypedResults.NotFound();
        if (feed.Mode != FeedMode.Push) return TypedResults.Problem(Problems.Create(409, "feed.notPush", "Only a push feed has a key."));
        var now = clock.GetUtcNow();
        var key = IssueKey(feed, now);
        await db.SaveChangesAsync(ct);
        await FeedHealth.MirrorAsync(db, feed, now, ct);
        return TypedResults.Ok(new IssuedKey(key, KeyNote, ToView(feed, await ConflictsAsync(db, feedId, ct), now, settings)));
    }

    /// <summary>Revokes the push key: every push with it is refused until a new key is issued.</summary>
    public static async Task<Results<Ok<FeedView>, NotFound, ProblemHttpResult>> RevokeKey(Guid feedId, WarehouseDb db, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var feed = await AvailabilityApplier.LockFeedAsync(db, feedId, ct);
        if (feed is null) return TypedResults.NotFound();
        if (feed.Mode != FeedMode.Push) return TypedResults.Problem(Problems.Create(409, "feed.notPush", "Only a push feed has a key."));
        var now = clock.GetUtcNow();
        feed.PushKeyRevokedAt ??= now;
        await db.SaveChangesAsync(ct);
        await FeedHealth.MirrorAsync(db, feed, now, ct);
        return TypedResults.Ok(ToView(feed, await ConflictsAsync(db, feedId, ct), now, settings));
    }

    public static async Task<Results<Ok<List<ConflictView>>, NotFound>> Conflicts(Guid feedId, WarehouseDb db, CancellationToken ct)
    {
        if (!await db.Set<CapacityFeed>().AnyAsync(f => f.Id == feedId, ct)) return TypedResults.NotFound();
        var conflicts = await db.Set<FeedConflict>().AsNoTracking().Where(c => c.FeedId == feedId)
            .OrderByDescending(c => c.DetectedAt).ThenBy(c => c.Day).Take(500)
            .Select(c => new ConflictView(c.Id, c.Sequence, c.OfferId, c.Day, c.SlotId, c.Booked, c.ReportedFree, c.DetectedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(conflicts);
    }

    /// <summary>
    /// Polls a pull feed now, whatever its schedule, and answers with its health afterwards ("test the connection").
    /// Owns its transactions: the partner is called with none open.
    /// </summary>
    public static async Task<Results<Ok<FeedView>, NotFound, ProblemHttpResult>> PollNow(
        Guid feedId, WarehouseDb db, TenantContext tenant, FeedPoller poller, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        FeedPoller.Claimed? claimed;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var feed = await AvailabilityApplier.LockFeedAsync(db, feedId, ct);
            if (feed is null) return TypedResults.NotFound();
            if (feed.Mode != FeedMode.Pull) return TypedResults.Problem(Problems.Create(409, "feed.notPull", "Only a pull feed is polled; a push feed posts its updates."));
            if (!feed.Enabled) return TypedResults.Problem(Problems.Create(409, "feed.disabled", "The feed is switched off."));
            claimed = poller.Claim(feed);
            await tx.CommitAsync(ct);
        }
        await poller.PollAsync(claimed, tenant.UserId, ct);
        db.ChangeTracker.Clear();
        await using var read = await db.Database.BeginTransactionAsync(ct);
        var after = await db.Set<CapacityFeed>().AsNoTracking().SingleAsync(f => f.Id == feedId, ct);
        return TypedResults.Ok(ToView(after, await ConflictsAsync(db, feedId, ct), clock.GetUtcNow(), settings));
    }
}
