namespace Warehouse.Web.Contracts;

// The bureau's duplicate-site register (GET /api/city-progress/duplicates, POST …/duplicates/{pairId}/decision).
// A pair's status is flagged, sameSite or distinct, as the API spells it.

public sealed record DuplicateSite(
    Guid WarehouseId, Guid OperatorId, string? OperatorNameZh, string? OperatorNameEn, string WarehouseName, string Address,
    string CountryCode, double Latitude, double Longitude, decimal ExistingM2, bool StillObserved);

public sealed record DuplicateDecision(string Decision, string Reason, Guid DecidedBy, DateTimeOffset DecidedAt);

public sealed record DuplicatePair(
    Guid Id, string Status, double DistanceM, double AddressSimilarity, DateTimeOffset DetectedAt, DateTimeOffset LastSeenAt,
    DuplicateSite A, DuplicateSite B, Guid? CountedWarehouseId, Guid? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason,
    uint Version, IReadOnlyList<DuplicateDecision> History);

public sealed record DuplicateRegister(int Flagged, int SameSite, int Distinct, string Rule, IReadOnlyList<DuplicatePair> Pairs);

public sealed record PairDecision(string Decision, string Reason, uint? Version);

/// <summary>Records left out of the count as the same site as a counted one, and pairs awaiting a decision.</summary>
public sealed record DuplicateSummary(int RecordsNotCounted, decimal ExistingM2NotCounted, int PairsAwaitingDecision);
