namespace Warehouse.Web.Contracts;

// The operator's side of the API (warehouses, capacity offers, services and slots, bookings on its capacity),
// mirrored from Warehouse.Api's Features/{Warehouses,Capacity,Services,Bookings}. Request records carry exactly the
// members the API accepts: it rejects unknown ones.

public enum WarehouseStatus { Draft, Active, Suspended, Closed }

public enum Ownership { SelfBuilt, Leased }

public enum StorageCondition { Ambient, Chilled, Frozen, HumidityControlled }

public enum HandlingCapability { HazmatClass9LithiumBatteries, OversizeHeavy, GarmentsOnHanger, Bonded }

public enum CapacityUnit { SquareMetre, PalletPosition, CubicMetre }

public enum PriceBasis { PerSquareMetreMonth, PerCubicMetreDay, PerPalletWeek, PerPalletDay }

public enum BookingMode { Instant, Request }

public enum ServiceUnit { PerOrder, PerItem, PerCarton, PerPallet, PerHour, PerDay, PerSession, PerShipment }


public sealed record AreasInput(decimal? ExistingM2, decimal? InUseM2, decimal? UnderConstructionM2);

public sealed record WarehouseInput(
    string? NameZh, string? NameEn, string? Address, string? CountryCode, string? City, LatLon? Location,
    IReadOnlyList<LatLon>? Footprint, AreasInput? Areas, Ownership? Ownership, DateOnly? LeaseEndsOn, DateOnly? OpenedOn,
    IReadOnlyList<StorageCondition>? StorageConditions, IReadOnlyList<HandlingCapability>? HandlingCapabilities,
    int? MaxDailyOrders, uint? Version = null);

public sealed record WarehouseSummary(
    Guid Id, string NameZh, string? NameEn, string CountryCode, string City, decimal ExistingM2, decimal InUseM2,
    decimal UnderConstructionM2, WarehouseStatus Status, int Offers, uint Version);

public sealed record AreasView(decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2);


public sealed record WarehouseView(
    Guid Id, string NameZh, string? NameEn, string Address, string CountryCode, string City, LatLon Location,
    IReadOnlyList<LatLon>? Footprint, double? FootprintAreaM2, AreasView Areas, Ownership Ownership, DateOnly? LeaseEndsOn,
    DateOnly? OpenedOn, IReadOnlyList<StorageCondition> StorageConditions, IReadOnlyList<HandlingCapability> HandlingCapabilities,
    int? MaxDailyOrders, WarehouseStatus Status, DateTimeOffset StatusChangedAt, DateTimeOffset CreatedAt,
    IReadOnlyList<NearbyHub> NearestHubs, uint Version);

public sealed record WarehouseStatusChange(WarehouseStatus Status, uint? Version);

public sealed record OfferPriceInput(decimal? Amount, string? Currency, PriceBasis? Basis);

public sealed record OfferInput(
    CapacityUnit? Unit, decimal? Quantity, DateOnly? AvailableFrom, DateOnly? AvailableTo, decimal? MinimumQuantity,
    int? MinimumTermDays, OfferPriceInput? Price, string? HandlingFees, BookingMode? BookingMode, int? FreeCancellationDays,
    uint? Version = null);

public sealed record OfferPrice(decimal Amount, string Currency, PriceBasis Basis);

public sealed record NormalisedPrice(decimal CnyPerM2Month, decimal RateCnyPerUnit, DateOnly RateAsOf, string Assumptions);

public sealed record OfferView(
    Guid Id, Guid WarehouseId, CapacityUnit Unit, decimal Quantity, DateOnly AvailableFrom, DateOnly AvailableTo,
    decimal MinimumQuantity, int MinimumTermDays, OfferPrice Price, NormalisedPrice Normalised, string? HandlingFees,
    BookingMode BookingMode, int FreeCancellationDays, bool IsPublished, DateTimeOffset CreatedAt, uint Version);

public sealed record CapacityDay(DateOnly Day, decimal Capacity, decimal Booked, decimal Free);

public sealed record ServicePriceInput(decimal? Amount, string? Currency, ServiceUnit? Unit);

public sealed record ServiceInput(string? ServiceType, ServicePriceInput? Price, string? DescriptionZh, string? DescriptionEn, uint? Version = null);

public sealed record OpsServicePrice(decimal Amount, string Currency, ServiceUnit Unit);

public sealed record ServiceView(
    Guid Id, Guid WarehouseId, string ServiceType, string NameZh, string NameEn, bool IsTimeSlotted, OpsServicePrice Price,
    string? DescriptionZh, string? DescriptionEn, bool IsPublished, DateTimeOffset CreatedAt, uint Version);

public sealed record ServiceTypeInfo(
    string Code, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn, bool IsTimeSlotted,
    string? SlotLabelZh, string? SlotLabelEn);

public sealed record SlotInput(DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity);

public sealed record SlotsRequest(IReadOnlyList<SlotInput> Slots);

public sealed record SlotView(Guid Id, Guid ServiceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Booked, int Free);

public sealed record BookingDecision(string? Reason);


public sealed record BookingParty(Guid Id, string LegalNameZh, string? LegalNameEn, string? ContactName, string? ContactPhone, string? ContactEmail);

public sealed record BookedSlot(Guid SlotId, string ServiceType, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Quantity);

public sealed record OperatorBookingView(
    Guid Id, Guid OfferId, Guid WarehouseId, string WarehouseName, CapacityUnit Unit, decimal Quantity, DateOnly StartsOn,
    DateOnly EndsOn, int Days, string Status, DateTimeOffset? HoldExpiresAt, BookingQuote Quote, BookingParty Operator,
    BookingParty Trader, IReadOnlyList<BookedSlot> Slots, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? DecisionReason);

public sealed record CountryInfo(string Alpha2, string NameZh, string NameEn);

public sealed record CurrencyInfo(string Code, string NameZh, string NameEn);
