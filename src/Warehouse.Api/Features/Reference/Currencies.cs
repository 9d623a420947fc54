using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Features.Reference;

public static class Currencies
{
    /// <summary>The newest rate of a currency: yuan per unit, the day it is for, and where it came from.</summary>
    public sealed record LatestRate(decimal CnyPerUnit, DateOnly AsOf, string Source);

    /// <summary>
    /// A currency with its newest rate. The base currency (CNY) has no rate row: <see cref="IsBase"/> is true and
    /// <see cref="LatestRate"/> null, as a yuan is 1 yuan on every day.
    /// </summary>
    public sealed record CurrencyView(string Code, string NameZh, string NameEn, int MinorUnits, bool IsBase, LatestRate? LatestRate);

    public static async Task<Ok<List<CurrencyView>>> List(WarehouseDb db, CancellationToken ct)
        => TypedResults.Ok(await db.Set<Currency>().AsNoTracking()
            .OrderBy(c => c.Code)
            .Select(c => new CurrencyView(c.Code, c.NameZh, c.NameEn, c.MinorUnits, c.Code == Currency.Base,
                db.Set<ExchangeRate>().Where(r => r.CurrencyCode == c.Code).OrderByDescending(r => r.AsOf)
                    .Select(r => new LatestRate(r.CnyPerUnit, r.AsOf, r.Source)).FirstOrDefault()))
            .ToListAsync(ct));
}
