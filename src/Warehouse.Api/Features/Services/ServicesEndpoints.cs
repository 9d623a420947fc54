using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Services;

public static class ServicesEndpoints
{
    public static void MapServices(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reference/service-types", ServiceTypes.List).WithTags("Reference").WithAccess(Access.Anonymous)
            .WithSummary("The catalogue of service types (仓配一体, 仓内直播, 前展后仓, 售后维修, …); time-slotted ones name their slots");

        var operators = Access.Members(OrganisationKind.Operator);
        api.MapGet("/warehouses/{warehouseId:guid}/services", ManageServices.ListForWarehouse).WithTags("Services").WithAccess(operators)
            .WithSummary("Services offered at one of the operator's warehouses");
        api.MapPost("/warehouses/{warehouseId:guid}/services", ManageServices.Create).WithTags("Services").WithAccess(operators)
            .WithSummary("Offer a service at a warehouse with a price and unit (starts unpublished)");

        var services = api.MapGroup("/services").WithTags("Services").WithAccess(operators);
        services.MapGet("/{serviceId:guid}", ManageServices.Get).WithSummary("One service");
        services.MapPut("/{serviceId:guid}", ManageServices.Update).WithSummary("Change price and descriptions; send the version you edited (stale → 409)");
        services.MapPost("/{serviceId:guid}/publish", (Guid serviceId, WarehouseDb db, CancellationToken ct) => ManageServices.SetPublished(serviceId, true, db, ct))
            .WithSummary("Make the service visible to traders (the warehouse must be active)");
        services.MapPost("/{serviceId:guid}/unpublish", (Guid serviceId, WarehouseDb db, CancellationToken ct) => ManageServices.SetPublished(serviceId, false, db, ct))
            .WithSummary("Hide the service from traders");
        services.MapGet("/{serviceId:guid}/audit", ManageServices.Audit).WithSummary("Who changed what, and when");
        services.MapGet("/{serviceId:guid}/slots", ServiceSlots.List).WithSummary("Slots of a time-slotted service overlapping ?from&to, in time order");
        services.MapPost("/{serviceId:guid}/slots", ServiceSlots.Create)
            .WithSummary("Publish up to 500 slots at once, all or nothing; overlapping an existing slot is a 409 naming it");
        services.MapDelete("/{serviceId:guid}/slots/{slotId:guid}", ServiceSlots.Delete).WithSummary("Remove a slot nobody has booked (booked → 409)");
    }
}
