using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Jobs;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Feeds;

public static class FeedsEndpoints
{
    public static void MapFeeds(this IEndpointRouteBuilder api)
    {
        var members = Access.Members(OrganisationKind.Operator);
        var admins = Access.Admins(OrganisationKind.Operator);
        api.MapPost("/warehouses/{warehouseId:guid}/feeds", ManageFeeds.Create).WithTags("Feeds").WithAccess(admins)
            .WithSummary("Connect the warehouse's WMS: a pull feed (URL, credential, interval) or a push feed (answers with its key, once)");

        var feeds = api.MapGroup("/feeds").WithTags("Feeds");
        feeds.MapGet("/", ManageFeeds.List).WithAccess(members).WithSummary("The operator's feeds with their health; credentials are never returned");
        feeds.MapGet("/{feedId:guid}", ManageFeeds.Get).WithAccess(members).WithSummary("One feed and its health: state, last success, last error, failures, breaker");
        feeds.MapPut("/{feedId:guid}", ManageFeeds.Update).WithAccess(admins)
            .WithSummary("Change a feed (URL, credential, interval, enabled); an omitted credential is kept");
        feeds.MapGet("/{feedId:guid}/conflicts", ManageFeeds.Conflicts).WithAccess(members)
            .WithSummary("Days and slots where the feed reported less than is already booked (bookings were kept)");
        feeds.MapPost("/{feedId:guid}/poll", ManageFeeds.PollNow).WithAccess(admins).WithMetadata(OwnsTransaction.Instance)
            .WithSummary("Poll a pull feed now and show its health afterwards");
        feeds.MapPost("/{feedId:guid}/push-key", ManageFeeds.RotateKey).WithAccess(admins)
            .WithSummary("Issue a new push key (shown once); the old one stops working at once");
        feeds.MapDelete("/{feedId:guid}/push-key", ManageFeeds.RevokeKey).WithAccess(admins)
            .WithSummary("Revoke the push key; pushes are refused until a new key is issued");
        feeds.MapPost("/{feedId:guid}/push", PushUpdate.Handle).WithAccess(Access.Anonymous).WithMetadata(OwnsTransaction.Instance)
            .Accepts<AvailabilityUpdate>("application/json")
            .Produces<PushUpdate.Accepted>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true) media.Example = AvailabilityUpdate.Example();
                operation.Description = """
                    The availability contract v1 (`warehouse-availability/v1`), pushed by the operator's system. Headers:
                    `X-Feed-Key` (the key issued for this feed), `X-Feed-Timestamp` (Unix seconds, within 5 minutes of now),
                    `X-Feed-Signature: sha256=<hex HMAC-SHA256 of "{timestamp}.{body}" keyed with the push key>`.
                    The same document is what a pull feed answers at `GET {baseUrl}/availability`.
                    Per offer and day `free` is the quantity still free for platform bookings; the day's capacity becomes
                    booked + free. A negative `free` is recorded as a conflict; bookings are never changed. An update whose
                    `sequence` was already applied changes nothing (200, `duplicate`); an older one is ignored (409).
                    """;
                return Task.CompletedTask;
            })
            .WithSummary("A warehouse system pushes an availability update (API key + HMAC signature)");

        feeds.MapGet("/health", BureauHealth).WithAccess(Access.Members(OrganisationKind.Bureau))
            .WithSummary("The bureau's view: every operator's feeds by state, without URLs, credentials or ids");
        // Last, so the isolation matrix (which calls endpoints in this order) removes the feed after every other call.
        feeds.MapDelete("/{feedId:guid}", ManageFeeds.Delete).WithAccess(admins).WithSummary("Disconnect; the availability last set stays");
    }

    public sealed record HealthRow(string Operator, string CountryCode, string City, FeedMode Mode, string State,
        DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError, int ConsecutiveFailures, string BreakerState);

    public sealed record HealthSummary(int Feeds, IReadOnlyDictionary<string, int> ByState, TimeSpan StaleAfter, IReadOnlyList<HealthRow> Rows);

    /// <summary>Read from the global <c>feed_health</c> table (written from each operator's own scope), never from tenant rows.</summary>
    public static async Task<Ok<HealthSummary>> BureauHealth(WarehouseDb db, FeedSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<FeedHealthRow>().AsNoTracking().OrderBy(h => h.OperatorId).ThenBy(h => h.CountryCode).ThenBy(h => h.City).ToListAsync(ct);
        var operatorIds = rows.Select(r => r.OperatorId).Distinct().ToList();
        // Organisations are a global registry: legal names are public facts.
        var names = await db.Organisations.AsNoTracking().Where(o => operatorIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.LegalNameZh, ct);
        var view = rows.Select(r => new HealthRow(names.GetValueOrDefault(r.OperatorId, "?"), r.CountryCode.Trim(), r.City, r.Mode,
                FeedHealth.StateOf(r.Enabled, FeedMode.Pull, true, r.LastSuccessAt, r.ConsecutiveFailures, now, settings.StaleAfter),
                r.LastSuccessAt, r.LastErrorAt, r.LastError, r.ConsecutiveFailures, r.BreakerState))
            .ToList();
        var byState = view.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count());
        return TypedResults.Ok(new HealthSummary(view.Count, byState, settings.StaleAfter, view));
    }

    /// <summary>Feeds: settings, the partner client and the poller (its job is registered with the others in JobsSetup).</summary>
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(FeedSettings.Section).Get<FeedSettings>() ?? new FeedSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<FeedSecrets>();
        builder.Services.AddSingleton<FeedPoller>();
        FeedClient.AddFeedClient(builder.Services, settings);
        return builder;
    }
}
