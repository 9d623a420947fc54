using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Warehouses;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Services;
using Warehouse.Domain.Warehouses;
using static Warehouse.Api.Features.Search.SearchCapacity;

namespace Warehouse.Api.Features.Search;

/// <summary>
/// One warehouse's public listing, as a trader opens it from the search results: the site, its operator's company
/// name, its nearest rail node and port, its published offers with how much is free, and its published services with
/// their upcoming slots. This is the same published read path as search and booking (other operators' rows are read
/// with the tenant filter off, and every public condition is stated here as well as in the row policies): a draft,
/// suspended or closed warehouse, or one with nothing published, is a 404, as is anything unpublished on a listed one.
/// </summary>
public static class PublicListing
{
    /// <summary>Upcoming slots shown per service; the booking form offers these.</summary>
    public const int MaxSlotsPerService = 50;

    public sealed record Response(
        WarehouseListing Warehouse, string Address, IReadOnlyList<NearbyHub> NearestHubs, CertificationBadge? Certification,
        IReadOnlyList<ListedOffer> Offers, IReadOnlyList<ListedService> Services, string ConversionAssumptions);

    /// <summary>
    /// A published offer. <c>FreeNow</c> is the least free quantity on any remaining day of its window (from today), in
    /// its unit: what can still be booked over the whole window; a shorter range may have more.
    /// </summary>
    public sealed record ListedOffer(
        Guid OfferId, CapacityUnit Unit, decimal QuantityOffered, DateOnly AvailableFrom, DateOnly AvailableTo,
        decimal MinimumQuantity, int MinimumTermDays, decimal? FreeNow, PriceView Price, NormalisedView Normalised,
        string? HandlingFees, BookingMode BookingMode, int FreeCancellationDays);

    public sealed record ServicePrice(decimal Amount, string Currency, ServiceUnit Unit);

    public sealed record ListedService(
        Guid ServiceId, string ServiceType, string NameZh, string NameEn, bool IsTimeSlotted, ServicePrice Price,
        string? DescriptionZh, string? DescriptionEn, IReadOnlyList<ListedSlot> UpcomingSlots);

    public sealed record ListedSlot(Guid SlotId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Free);

    public static async Task<Results<Ok<Response>, NotFound>> Handle(Guid warehouseId, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var found = await (
            from w in db.Warehouses.IgnoreQueryFilters().AsNoTracking()
            join op in db.Organisations.AsNoTracking() on w.TenantId equals op.Id
            where w.Id == warehouseId && w.Status == WarehouseStatus.Active
            select new { w, OperatorNameZh = op.LegalNameZh, OperatorNameEn = op.LegalNameEn, op.DistrictCode }).SingleOrDefaultAsync(ct);
        if (found is null) return TypedResults.NotFound();
        var (tenantId, warehouse) = (found.w.TenantId, found.w);

        var offers = await db.Offers.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.TenantId == tenantId && o.WarehouseId == warehouseId && o.IsPublished && o.AvailableTo >= today)
            .OrderBy(o => o.AvailableFrom).ThenBy(o => o.Id)
            .Select(o => new
            {
                Offer = o,
                FreeNow = db.CapacityDays.IgnoreQueryFilters()
                    .Where(d => d.TenantId == o.TenantId && d.OfferId == o.Id && d.Day >= today && d.Day >= o.AvailableFrom && d.Day <= o.AvailableTo)
                    .Min(d => (decimal?)(d.Capacity - d.Booked)),
            })
            .ToListAsync(ct);

        var services = await (
            from s in db.Set<ServiceOffering>().IgnoreQueryFilters().AsNoTracking()
            join t in db.Set<ServiceType>().AsNoTracking() on s.ServiceTypeCode equals t.Code
            where s.TenantId == tenantId && s.WarehouseId == warehouseId && s.IsPublished
            orderby t.Position, s.Id
            select new { s, t }).ToListAsync(ct);
        var serviceIds = services.Select(x => x.s.Id).ToList();
        var slots = (await db.Set<ServiceSlot>().IgnoreQueryFilters().AsNoTracking()
                .Where(slot => slot.TenantId == tenantId && serviceIds.Contains(slot.ServiceId) && slot.StartsAt >= now)
                .OrderBy(slot => slot.StartsAt).ThenBy(slot => slot.Id)
                .ToListAsync(ct))
            .ToLookup(slot => slot.ServiceId);

        // Listed means active with something published (the rule of the published_listing policy): otherwise a 404,
        // so an active warehouse with nothing on offer is as invisible here as it is in search.
        if (offers.Count == 0 && services.Count == 0 && !await HasPublishedOfferAsync(db, tenantId, warehouseId, ct)) return TypedResults.NotFound();

        var listing = new WarehouseListing(
            warehouse.Id, warehouse.NameZh, warehouse.NameEn, warehouse.CountryCode, warehouse.City,
            new LatLon(warehouse.Location.Y, warehouse.Location.X), warehouse.StorageConditions, warehouse.HandlingCapabilities,
            new OperatorView(found.OperatorNameZh, found.OperatorNameEn, found.DistrictCode));
        var hubs = await NearbyHubs.NearestByKindAsync(db, warehouse.Location, ct);

        return TypedResults.Ok(new Response(
            listing, warehouse.Address, hubs,
            // Certification arrives with its own feature; until it fills this in, no listing carries a badge (as in search).
            Certification: null,
            offers.Select(x => new ListedOffer(
                x.Offer.Id, x.Offer.Unit, x.Offer.Quantity, x.Offer.AvailableFrom, x.Offer.AvailableTo, x.Offer.MinimumQuantity,
                x.Offer.MinimumTermDays, x.FreeNow, new PriceView(x.Offer.Price.Amount, x.Offer.Price.Currency, x.Offer.Price.Basis),
                new NormalisedView(x.Offer.Normalised.CnyPerM2Month, x.Offer.Normalised.RateAsOf), x.Offer.HandlingFees,
                x.Offer.BookingMode, x.Offer.FreeCancellationDays)).ToList(),
            services.Select(x => new ListedService(
                x.s.Id, x.t.Code, x.t.NameZh, x.t.NameEn, x.t.IsTimeSlotted,
                new ServicePrice(x.s.Price.Amount, x.s.Price.Currency, x.s.Price.Unit), x.s.DescriptionZh, x.s.DescriptionEn,
                slots[x.s.Id].Take(MaxSlotsPerService)
                    .Select(slot => new ListedSlot(slot.Id, slot.StartsAt, slot.EndsAt, slot.Capacity, slot.Capacity - slot.Booked)).ToList())).ToList(),
            ConversionAssumptions.Standard.Describe()));
    }

    /// <summary>A published offer whose window has passed still makes the warehouse listed (as the row policy says).</summary>
    private static Task<bool> HasPublishedOfferAsync(WarehouseDb db, Guid tenantId, Guid warehouseId, CancellationToken ct)
        => db.Offers.IgnoreQueryFilters().AnyAsync(o => o.TenantId == tenantId && o.WarehouseId == warehouseId && o.IsPublished, ct);
}
