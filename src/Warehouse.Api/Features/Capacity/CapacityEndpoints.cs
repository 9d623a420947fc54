using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Capacity;

public static class CapacityEndpoints
{
    public static void MapCapacity(this IEndpointRouteBuilder api)
    {
        var operators = Access.Members(OrganisationKind.Operator);
        api.MapGet("/warehouses/{warehouseId:guid}/offers", ManageOffers.ListForWarehouse).WithTags("Capacity").WithAccess(operators)
            .WithSummary("Capacity offers of one of the operator's warehouses");
        api.MapPost("/warehouses/{warehouseId:guid}/offers", ManageOffers.Create).WithTags("Capacity").WithAccess(operators)
            .WithSummary("Offer capacity for a date window at a price; the normalised CNY per m²·month price is computed and explained");

        var offers = api.MapGroup("/offers").WithTags("Capacity").WithAccess(operators);
        offers.MapGet("/{offerId:guid}", ManageOffers.Get).WithSummary("One offer");
        offers.MapPut("/{offerId:guid}", ManageOffers.Update).WithSummary("Change an offer; shrinking below booked days is a 409 naming them");
        offers.MapPost("/{offerId:guid}/publish", (Guid offerId, Platform.Data.WarehouseDb db, CancellationToken ct) => ManageOffers.SetPublished(offerId, true, db, ct))
            .WithSummary("Make the offer visible to traders (the warehouse must be active)");
        offers.MapPost("/{offerId:guid}/unpublish", (Guid offerId, Platform.Data.WarehouseDb db, CancellationToken ct) => ManageOffers.SetPublished(offerId, false, db, ct))
            .WithSummary("Hide the offer from traders; existing bookings are untouched");
        offers.MapGet("/{offerId:guid}/days", ManageOffers.Days).WithSummary("Capacity, booked and free quantity per day");
        offers.MapGet("/{offerId:guid}/audit", ManageOffers.Audit).WithSummary("Who changed what, and when");
    }
}
