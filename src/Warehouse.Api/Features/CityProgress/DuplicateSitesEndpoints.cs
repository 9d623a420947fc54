using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;

namespace Warehouse.Api.Features.CityProgress;

/// <summary>
/// The bureau's duplicate-site register: pairs flagged by the snapshot pass, each with both records side by side
/// (from the observations the bureau may read), and the bureau's decision, same site (counted once) or distinct.
/// A decision takes effect at the next snapshot (hourly, or <c>POST /api/city-progress/snapshots</c>).
/// </summary>
public static class DuplicateSitesEndpoints
{
    public sealed record SiteRecord(
        Guid WarehouseId, Guid OperatorId, string? OperatorNameZh, string? OperatorNameEn, string WarehouseName, string Address,
        string CountryCode, double Latitude, double Longitude, decimal ExistingM2, bool StillObserved);

    public sealed record DecisionView(SitePairStatus Decision, string Reason, Guid DecidedBy, DateTimeOffset DecidedAt);

    public sealed record PairView(
        Guid Id, SitePairStatus Status, double DistanceM, double AddressSimilarity, DateTimeOffset DetectedAt, DateTimeOffset LastSeenAt,
        SiteRecord A, SiteRecord B,
        // For a same-site pair: the record that counts for the site (largest existing area of its group).
        Guid? CountedWarehouseId,
        Guid? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason, uint Version, IReadOnlyList<DecisionView> History);

    public sealed record DuplicateRegister(int Flagged, int SameSite, int Distinct, string Rule, IReadOnlyList<PairView> Pairs);

    public const string Rule =
        "Two active warehouses of different operators within {0} m of each other whose addresses are alike (character-bigram similarity ≥ {1}) are flagged. " +
        "Pairs marked same site join into one site that counts once, through its record with the largest existing area; distinct pairs count separately. " +
        "Decisions take effect at the next snapshot.";

    public static async Task<Results<Ok<DuplicateRegister>, ValidationProblem>> List(
        string? status, WarehouseDb db, IConfiguration configuration, CancellationToken ct)
    {
        SitePairStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<SitePairStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                var errors = new FieldErrors();
                errors.Add("status", "Use flagged, sameSite or distinct.");
                return TypedResults.ValidationProblem(errors.ToDictionary());
            }
            wanted = parsed;
        }

        var all = await db.Set<SitePair>().AsNoTracking().ToListAsync(ct);
        var pairs = all.Where(p => wanted is null || p.Status == wanted).OrderBy(p => p.Status).ThenByDescending(p => p.AddressSimilarity).ThenBy(p => p.Id).ToList();
        var views = await ViewsAsync(db, pairs, ct);
        var settings = DuplicateSites.Settings.From(configuration);
        return TypedResults.Ok(new DuplicateRegister(
            all.Count(p => p.Status == SitePairStatus.Flagged), all.Count(p => p.Status == SitePairStatus.SameSite), all.Count(p => p.Status == SitePairStatus.Distinct),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Rule, settings.RadiusM, settings.Similarity), views));
    }

    public sealed record DecideRequest(SitePairStatus? Decision, string? Reason, uint? Version);

    public static async Task<Results<Ok<PairView>, ValidationProblem, NotFound>> Decide(
        Guid pairId, DecideRequest? request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        // Existence first: an unknown pair is a 404 whatever the body says.
        var pair = await db.Set<SitePair>().SingleOrDefaultAsync(p => p.Id == pairId, ct);
        if (pair is null) return TypedResults.NotFound();

        var errors = new FieldErrors();
        if (request?.Decision is not (SitePairStatus.SameSite or SitePairStatus.Distinct))
            errors.Add("decision", "Decide sameSite (counted once) or distinct.");
        var reason = request?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) errors.Add("reason", "Give the reason for the decision (e.g. what was checked).");
        else if (reason.Length > 500) errors.Add("reason", "At most 500 characters.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        // Optimistic concurrency: two officers deciding from the same view → the second gets 409 and sees the first.
        if (request!.Version is { } version) db.Entry(pair).Property(p => p.Version).OriginalValue = version;

        var now = clock.GetUtcNow();
        var officer = db.Tenant.RequiredUserId;
        pair.Status = request.Decision!.Value;
        pair.DecidedBy = officer;
        pair.DecidedAt = now;
        pair.DecisionReason = reason;
        db.Set<SitePairDecision>().Add(new SitePairDecision
        {
            Id = Guid.CreateVersion7(now),
            PairId = pair.Id,
            Decision = pair.Status,
            Reason = reason!,
            DecidedBy = officer,
            DecidedAt = now,
        });
        await db.SaveChangesAsync(ct);
        var fresh = await db.Set<SitePair>().AsNoTracking().SingleAsync(p => p.Id == pairId, ct);
        return TypedResults.Ok((await ViewsAsync(db, [fresh], ct))[0]);
    }

    private static async Task<List<PairView>> ViewsAsync(WarehouseDb db, List<SitePair> pairs, CancellationToken ct)
    {
        if (pairs.Count == 0) return [];
        var ids = pairs.SelectMany(p => new[] { p.WarehouseA, p.WarehouseB }).Distinct().ToList();
        var observed = (await DuplicateSites.ObservationsAsync(db, ids, ct)).ToDictionary(o => o.WarehouseId);
        var operatorIds = pairs.SelectMany(p => new[] { p.OperatorA, p.OperatorB }).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => operatorIds.Contains(o.Id))
            .Select(o => new { o.Id, o.LegalNameZh, o.LegalNameEn }).ToDictionaryAsync(o => o.Id, ct);
        var pairIds = pairs.Select(p => p.Id).ToList();
        var history = (await db.Set<SitePairDecision>().AsNoTracking().Where(d => pairIds.Contains(d.PairId)).OrderBy(d => d.DecidedAt).ToListAsync(ct))
            .ToLookup(d => d.PairId);
        var excluded = await DuplicateSites.ExclusionsAsync(db, ct);

        SiteRecord Record(Guid warehouseId, Guid operatorId)
        {
            names.TryGetValue(operatorId, out var name);
            return observed.TryGetValue(warehouseId, out var o)
                ? new SiteRecord(warehouseId, operatorId, name?.LegalNameZh, name?.LegalNameEn, o.WarehouseName, o.Address, o.CountryCode, o.Latitude, o.Longitude, o.ExistingM2, true)
                // No longer active: the decision stands in the register, but there is nothing left to show or count.
                : new SiteRecord(warehouseId, operatorId, name?.LegalNameZh, name?.LegalNameEn, "", "", "", 0, 0, 0, false);
        }

        Guid? Counted(SitePair p) => p.Status != SitePairStatus.SameSite ? null
            : excluded.TryGetValue(p.WarehouseA, out var a) ? a
            : excluded.TryGetValue(p.WarehouseB, out var b) ? b
            : observed.ContainsKey(p.WarehouseA) ? p.WarehouseA : null;

        return pairs.Select(p => new PairView(
            p.Id, p.Status, p.DistanceM, p.AddressSimilarity, p.DetectedAt, p.LastSeenAt,
            Record(p.WarehouseA, p.OperatorA), Record(p.WarehouseB, p.OperatorB), Counted(p),
            p.DecidedBy, p.DecidedAt, p.DecisionReason, p.Version,
            history[p.Id].Select(d => new DecisionView(d.Decision, d.Reason, d.DecidedBy, d.DecidedAt)).ToList())).ToList();
    }
}
