using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Services;

namespace Warehouse.Api.Features.Services;

/// <summary>The catalogue of service types (global reference data, seeded from <see cref="ServiceCatalogue"/>).</summary>
public static class ServiceTypes
{
    public sealed record ServiceTypeView(
        string Code, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn, bool IsTimeSlotted,
        string? SlotLabelZh, string? SlotLabelEn);

    public static async Task<Ok<List<ServiceTypeView>>> List(WarehouseDb db, CancellationToken ct)
        => TypedResults.Ok(await db.Set<ServiceType>().AsNoTracking()
            .OrderBy(t => t.Position).ThenBy(t => t.Code)
            .Select(t => new ServiceTypeView(t.Code, t.NameZh, t.NameEn, t.DescriptionZh, t.DescriptionEn, t.IsTimeSlotted, t.SlotLabelZh, t.SlotLabelEn))
            .ToListAsync(ct));

    /// <summary>The catalogue entry for <paramref name="code"/> in any letter case ("Fulfilment" finds <c>fulfilment</c>).</summary>
    public static async Task<ServiceType?> FindAsync(WarehouseDb db, string code, CancellationToken ct)
    {
        var lower = code.Trim().ToLowerInvariant();
        return await db.Set<ServiceType>().AsNoTracking().SingleOrDefaultAsync(t => t.Code.ToLower() == lower, ct);
    }
}
