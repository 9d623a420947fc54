using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Errors;

namespace Warehouse.Api.Features.Feeds;

/// <summary>
/// <c>POST /api/feeds/{feedId}/push</c>: an operator's system posts an availability update.
/// <para>
/// Three headers authenticate it: <c>X-Feed-Key</c> (the key issued for this feed), <c>X-Feed-Timestamp</c> (Unix
/// seconds) and <c>X-Feed-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of <c>"{timestamp}.{raw body}"</c> keyed
/// with the push key. The platform keeps only the key's hash: it hashes the presented key to find it, then checks the
/// signature with it. A timestamp more than <see cref="FeedSettings.PushWindow"/> away from now is refused, so a
/// captured request cannot be replayed later; inside the window a replay is the same sequence again and changes nothing.
/// </para>
/// <para>
/// Every authentication failure is a 401 that says which check failed but never whether the feed exists. Only an
/// authenticated request can change the feed's health, so a stranger cannot make a feed look broken.
/// </para>
/// </summary>
public static class PushUpdate
{
    public const string KeyHeader = "X-Feed-Key";
    public const string TimestampHeader = "X-Feed-Timestamp";
    public const string SignatureHeader = "X-Feed-Signature";

    public sealed record Accepted(string Outcome, long Sequence, long? LastSequence, int Days, int Slots, int Conflicts);

    public static async Task<IResult> Handle(Guid feedId, HttpRequest request, IServiceProvider services, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var key = request.Headers[KeyHeader].ToString();
        var timestamp = request.Headers[TimestampHeader].ToString();
        var signature = request.Headers[SignatureHeader].ToString();
        if (key.Length == 0 || timestamp.Length == 0 || signature.Length == 0)
            return Unauthorized("feed.unauthenticated", $"Send {KeyHeader}, {TimestampHeader} and {SignatureHeader}.");
        if (FeedSecrets.TenantOf(key) is not { } tenantId) return Unauthorized("feed.unknownKey", "The feed key is not known.");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            return Unauthorized("feed.timestamp", $"{TimestampHeader} is the time of signing in Unix seconds.");
        var now = clock.GetUtcNow();
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > settings.PushWindow)
            return Unauthorized("feed.timestamp", $"The signature's timestamp is more than {settings.PushWindow.TotalMinutes:0} minutes from the platform's clock: sign each request when sending it.");
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal) || signature.Length != 7 + 64)
            return Unauthorized("feed.badSignature", $"{SignatureHeader} is sha256= followed by 64 hex digits.");
        byte[] presented;
        try { presented = Convert.FromHexString(signature.AsSpan(7)); }
        catch (FormatException) { return Unauthorized("feed.badSignature", $"{SignatureHeader} is sha256= followed by 64 hex digits."); }

        // The body was measured against the size limit before this runs (InputGuardMiddleware: 413 beyond it).
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();

        return await FeedScope.AsOperatorAsync<IResult>(services, tenantId, null, async (db, _) =>
        {
            // Row security shows only this operator's feeds: a key naming another operator finds nothing here.
            var hash = await db.Set<CapacityFeed>().AsNoTracking().Where(f => f.Id == feedId && f.Mode == FeedMode.Push)
                .Select(f => new { f.PushKeyHash, f.PushKeyRevokedAt, f.Enabled }).SingleOrDefaultAsync(ct);
            if (hash?.PushKeyHash is null || !CryptographicOperations.FixedTimeEquals(hash.PushKeyHash, FeedSecrets.Hash(key)))
                return Unauthorized("feed.unknownKey", "The feed key is not known.");
            if (hash.PushKeyRevokedAt is not null) return Unauthorized("feed.keyRevoked", "This key was revoked; ask the operator for the new one.");
            if (!CryptographicOperations.FixedTimeEquals(presented, FeedSecrets.Sign(key, timestamp, body)))
                return Unauthorized("feed.badSignature", "The signature does not match the body and timestamp.");
            if (!hash.Enabled) return Problem(409, "feed.disabled", "The operator has switched this feed off.");

            var feed = (await AvailabilityApplier.LockFeedAsync(db, feedId, ct))!;
            AvailabilityUpdate? update;
            try
            {
                update = JsonSerializer.Deserialize<AvailabilityUpdate>(body, AvailabilityUpdate.Json);
            }
            catch (JsonException e)
            {
                var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
                await AvailabilityApplier.RecordFailureAsync(db, feed, "A pushed update was not valid JSON for the contract.", clock.GetUtcNow(), ct);
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Not valid JSON for the availability contract."] });
            }
            var errors = update?.Validate(feed.WarehouseId) ?? Single("body", "An update is required.");
            if (errors.Any)
            {
                await AvailabilityApplier.RecordFailureAsync(db, feed, $"A pushed update was refused: {AvailabilityApplier.Summarise(errors)}", clock.GetUtcNow(), ct);
                return TypedResults.ValidationProblem(errors.ToDictionary());
            }
            feed.BreakerState = "closed"; // no breaker stands between a pushing system and the platform
            var result = await AvailabilityApplier.ApplyAsync(db, feed, update!, clock.GetUtcNow(), ct);
            return result.Outcome switch
            {
                ApplyOutcome.Rejected => TypedResults.ValidationProblem(result.Errors!.ToDictionary()),
                ApplyOutcome.OutOfOrder => ProblemWith(409, "feed.sequenceOutOfOrder",
                    $"Sequence {update!.Sequence} is older than the last one applied ({result.LastSequence}); it was ignored.", result.LastSequence),
                _ => TypedResults.Ok(new Accepted(result.Outcome == ApplyOutcome.Applied ? "applied" : "duplicate",
                    update!.Sequence!.Value, result.LastSequence, result.Days, result.Slots, result.Conflicts)),
            };
        }, ct);
    }

    private static FieldErrors Single(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    private static IResult Unauthorized(string code, string detail) => Problem(401, code, detail);

    private static IResult Problem(int status, string code, string detail) => TypedResults.Problem(Problems.Create(status, code, detail));

    private static IResult ProblemWith(int status, string code, string detail, long? lastSequence)
    {
        var problem = Problems.Create(status, code, detail);
        problem.Extensions["lastSequence"] = lastSequence;
        return TypedResults.Problem(problem);
    }
}
