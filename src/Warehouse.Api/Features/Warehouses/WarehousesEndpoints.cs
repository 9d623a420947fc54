using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Warehouses;

public static class WarehousesEndpoints
{
    public static void MapWarehouses(this IEndpointRouteBuilder api)
    {
        var warehouses = api.MapGroup("/warehouses").WithTags("Warehouses").WithAccess(Access.Members(OrganisationKind.Operator));
        warehouses.MapGet("/", ManageWarehouses.List).WithSummary("The operator's own warehouses");
        warehouses.MapPost("/", ManageWarehouses.Create).WithSummary("Create a warehouse (starts as draft)");
        warehouses.MapGet("/{warehouseId:guid}", ManageWarehouses.Get).WithSummary("One warehouse with footprint area and nearest rail node and port");
        warehouses.MapPut("/{warehouseId:guid}", ManageWarehouses.Update).WithSummary("Edit a warehouse; send the version you edited (stale → 409)");
        warehouses.MapPost("/{warehouseId:guid}/status", ManageWarehouses.ChangeStatus).WithSummary("Move along draft → active ⇄ suspended → closed");
        warehouses.MapGet("/{warehouseId:guid}/audit", WarehouseAudit.Handle).WithSummary("Who changed what, and when");
    }
}
