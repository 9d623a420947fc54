namespace Warehouse.Web.Contracts;

public sealed record SlotRequest(Guid SlotId, int Quantity);

/// <summary>A booking or a quote request (POST /api/bookings, /api/bookings/quote); quantity in the offer's unit.</summary>
public sealed record BookingRequest(Guid OfferId, decimal Quantity, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<SlotRequest>? Slots = null);

/// <summary>What a booking costs, with the arithmetic as the API words it.</summary>
public sealed record BookingQuote(decimal TotalOriginal, string Currency, decimal TotalCny, decimal RateCnyPerUnit, DateOnly RateAsOf, string Explanation);

public sealed record QuoteResponse(
    Guid OfferId, string WarehouseName, string Unit, decimal Quantity, DateOnly StartsOn, DateOnly EndsOn, int Days,
    string BookingMode, bool Available, IReadOnlyList<DateOnly> ShortDays, BookingQuote Quote);

public sealed record PartyView(Guid Id, string LegalNameZh, string? LegalNameEn, string? ContactName, string? ContactPhone, string? ContactEmail);

public sealed record BookedSlotView(Guid SlotId, string ServiceType, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Quantity);

/// <summary>A booking as its trader sees it; <see cref="Status"/> is held, confirmed, declined, expired, cancelled or completed.</summary>
public sealed record BookingView(
    Guid Id, Guid OfferId, Guid WarehouseId, string WarehouseName, string Unit, decimal Quantity, DateOnly StartsOn,
    DateOnly EndsOn, int Days, string Status, DateTimeOffset? HoldExpiresAt, BookingQuote Quote, PartyView Operator,
    PartyView Trader, IReadOnlyList<BookedSlotView> Slots, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? DecisionReason, bool CanReview);

public sealed record CancelRequest(string? Reason);

public sealed record ReviewRequest(int Stars, string? Comment);

public sealed record ReviewView(Guid BookingId, int Stars, string? Comment, DateTimeOffset CreatedAt);
