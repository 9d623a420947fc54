using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>
/// An operator's warehouses, capacity offers, services with their slots, and the bookings on its capacity. The
/// bearer token and organisation are added by <see cref="SignedInUserHandler"/>; the API answers 404 for anything
/// of another operator.
/// </summary>
public interface IOperatorApi
{
    [Get("/api/warehouses")]
    Task<IReadOnlyList<WarehouseSummary>> ListWarehousesAsync(CancellationToken ct);

    [Get("/api/warehouses/{warehouseId}")]
    Task<WarehouseView> GetWarehouseAsync(Guid warehouseId, CancellationToken ct);

    [Post("/api/warehouses")]
    Task<WarehouseView> CreateWarehouseAsync([Body] WarehouseInput input, CancellationToken ct);

    [Put("/api/warehouses/{warehouseId}")]
    Task<WarehouseView> UpdateWarehouseAsync(Guid warehouseId, [Body] WarehouseInput input, CancellationToken ct);

    [Post("/api/warehouses/{warehouseId}/status")]
    Task<WarehouseView> ChangeWarehouseStatusAsync(Guid warehouseId, [Body] WarehouseStatusChange change, CancellationToken ct);

    [Get("/api/warehouses/{warehouseId}/offers")]
    Task<IReadOnlyList<OfferView>> ListOffersAsync(Guid warehouseId, CancellationToken ct);

    [Post("/api/warehouses/{warehouseId}/offers")]
    Task<OfferView> CreateOfferAsync(Guid warehouseId, [Body] OfferInput input, CancellationToken ct);

    [Get("/api/offers/{offerId}")]
    Task<OfferView> GetOfferAsync(Guid offerId, CancellationToken ct);

    [Put("/api/offers/{offerId}")]
    Task<OfferView> UpdateOfferAsync(Guid offerId, [Body] OfferInput input, CancellationToken ct);

    [Post("/api/offers/{offerId}/publish")]
    Task<OfferView> PublishOfferAsync(Guid offerId, CancellationToken ct);

    [Post("/api/offers/{offerId}/unpublish")]
    Task<OfferView> UnpublishOfferAsync(Guid offerId, CancellationToken ct);

    [Get("/api/offers/{offerId}/days")]
    Task<IReadOnlyList<CapacityDay>> GetOfferDaysAsync(Guid offerId, [Query(Format = "yyyy-MM-dd")] DateOnly? from, [Query(Format = "yyyy-MM-dd")] DateOnly? to, CancellationToken ct);

    [Get("/api/warehouses/{warehouseId}/services")]
    Task<IReadOnlyList<ServiceView>> ListServicesAsync(Guid warehouseId, CancellationToken ct);

    [Post("/api/warehouses/{warehouseId}/services")]
    Task<ServiceView> CreateServiceAsync(Guid warehouseId, [Body] ServiceInput input, CancellationToken ct);

    [Get("/api/services/{serviceId}")]
    Task<ServiceView> GetServiceAsync(Guid serviceId, CancellationToken ct);

    [Put("/api/services/{serviceId}")]
    Task<ServiceView> UpdateServiceAsync(Guid serviceId, [Body] ServiceInput input, CancellationToken ct);

    [Post("/api/services/{serviceId}/publish")]
    Task<ServiceView> PublishServiceAsync(Guid serviceId, CancellationToken ct);

    [Post("/api/services/{serviceId}/unpublish")]
    Task<ServiceView> UnpublishServiceAsync(Guid serviceId, CancellationToken ct);

    [Get("/api/services/{serviceId}/slots")]
    Task<IReadOnlyList<SlotView>> ListSlotsAsync(Guid serviceId, CancellationToken ct);

    [Post("/api/services/{serviceId}/slots")]
    Task<IReadOnlyList<SlotView>> CreateSlotsAsync(Guid serviceId, [Body] SlotsRequest request, CancellationToken ct);

    [Delete("/api/services/{serviceId}/slots/{slotId}")]
    Task DeleteSlotAsync(Guid serviceId, Guid slotId, CancellationToken ct);

    [Get("/api/bookings")]
    Task<IReadOnlyList<OperatorBookingView>> ListBookingsAsync(CancellationToken ct);

    [Post("/api/bookings/{bookingId}/accept")]
    Task<OperatorBookingView> AcceptBookingAsync(Guid bookingId, CancellationToken ct);

    [Post("/api/bookings/{bookingId}/decline")]
    Task<OperatorBookingView> DeclineBookingAsync(Guid bookingId, [Body] BookingDecision decision, CancellationToken ct);

    [Get("/api/reference/countries")]
    Task<IReadOnlyList<CountryInfo>> ListCountriesAsync(CancellationToken ct);

    [Get("/api/reference/currencies")]
    Task<IReadOnlyList<CurrencyInfo>> ListCurrenciesAsync(CancellationToken ct);

    [Get("/api/reference/service-types")]
    Task<IReadOnlyList<ServiceTypeInfo>> ListServiceTypesAsync(CancellationToken ct);
}
