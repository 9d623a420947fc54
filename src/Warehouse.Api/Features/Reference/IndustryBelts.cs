using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Features.Reference;

public static class IndustryBelts
{
    public sealed record IndustryBeltView(
        string Code, string DistrictCode, string NameEn, string NameZh, decimal ExportTarget2026Cny100m, IReadOnlyList<string> HandlingNeeds);

    /// <summary>The export clusters, largest 2026 export target first.</summary>
    public static async Task<Ok<List<IndustryBeltView>>> List(WarehouseDb db, CancellationToken ct)
        => TypedResults.Ok(await db.Set<IndustryBelt>().AsNoTracking()
            .OrderByDescending(b => b.ExportTarget2026Cny100m).ThenBy(b => b.Code)
            .Select(b => new IndustryBeltView(b.Code, b.DistrictCode, b.NameEn, b.NameZh, b.ExportTarget2026Cny100m, b.HandlingNeeds))
            .ToListAsync(ct));
}
