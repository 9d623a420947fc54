namespace Warehouse.Web.Contracts;

/// <summary>One warehouse's public listing (GET /api/listings/{warehouseId}).</summary>
public sealed record ListingDetails(
    WarehouseListing Warehouse, string Address, IReadOnlyList<NearbyHub> NearestHubs, CertificationBadge? Certification,
    IReadOnlyList<ListedOffer> Offers, IReadOnlyList<ListedService> Services, string ConversionAssumptions);

public sealed record NearbyHub(string Code, string Kind, string NameZh, string NameEn, string CountryCode, double DistanceKm);

public sealed record ListedOffer(
    Guid OfferId, string Unit, decimal QuantityOffered, DateOnly AvailableFrom, DateOnly AvailableTo,
    decimal MinimumQuantity, int MinimumTermDays, decimal? FreeNow, PriceView Price, NormalisedView Normalised,
    string? HandlingFees, string BookingMode, int FreeCancellationDays);

public sealed record ServicePrice(decimal Amount, string Currency, string Unit);

public sealed record ListedService(
    Guid ServiceId, string ServiceType, string NameZh, string NameEn, bool IsTimeSlotted, ServicePrice Price,
    string? DescriptionZh, string? DescriptionEn, IReadOnlyList<ListedSlot> UpcomingSlots);

public sealed record ListedSlot(Guid SlotId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Free);

/// <summary>A warehouse's public rating (GET /api/warehouses/{warehouseId}/rating).</summary>
public sealed record WarehouseRating(double? Average, int Count, IReadOnlyList<PublicReview> Latest);

public sealed record PublicReview(Guid BookingId, int Stars, string? Comment, DateTimeOffset CreatedAt);
