using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;

namespace Warehouse.Api.Features.Reference;

/// <summary>Read-only reference data, public: nothing here belongs to a tenant.</summary>
public static class ReferenceEndpoints
{
    public static void MapReference(this IEndpointRouteBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Reference");
        reference.MapGet("/districts", ListDistricts).WithAccess(Access.Anonymous)
            .WithSummary("Suzhou districts (板块) an operator can be registered in");
    }

    public static async Task<Ok<List<District>>> ListDistricts(WarehouseDb db, CancellationToken ct)
        => TypedResults.Ok(await db.Districts.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct));
}
