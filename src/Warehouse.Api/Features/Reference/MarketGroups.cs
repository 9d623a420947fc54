using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Features.Reference;

public static class MarketGroups
{
    public sealed record MarketGroupView(string Code, string NameZh, string NameEn, string? Note, IReadOnlyList<string> Members);

    public static async Task<Ok<List<MarketGroupView>>> List(WarehouseDb db, CancellationToken ct)
    {
        var members = (await db.Set<MarketGroupMember>().AsNoTracking().OrderBy(m => m.CountryCode).ToListAsync(ct))
            .ToLookup(m => m.GroupCode, m => m.CountryCode);
        var groups = await db.Set<MarketGroup>().AsNoTracking().OrderBy(g => g.Code).ToListAsync(ct);
        return TypedResults.Ok(groups.Select(g => new MarketGroupView(g.Code, g.NameZh, g.NameEn, g.Note, members[g.Code].ToList())).ToList());
    }
}
