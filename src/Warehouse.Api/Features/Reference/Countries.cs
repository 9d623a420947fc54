using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;

namespace Warehouse.Api.Features.Reference;

/// <summary>Countries (markets) with their M49 regions and the market groups each belongs to.</summary>
public static class Countries
{
    /// <summary>An area of the UN M49 hierarchy (region, sub-region or intermediate region).</summary>
    public sealed record M49Area(string Code, string NameEn, string NameZh);

    public sealed record CountryView(
        string Alpha2, string Alpha3, string NumericCode, string NameZh, string NameEn,
        M49Area? Region, M49Area? Subregion, M49Area? IntermediateRegion, IReadOnlyList<string> MarketGroups);

    public static async Task<Ok<List<CountryView>>> List(WarehouseDb db, CancellationToken ct)
    {
        var groups = (await db.Set<MarketGroupMember>().AsNoTracking().OrderBy(m => m.GroupCode).ToListAsync(ct))
            .ToLookup(m => m.CountryCode, m => m.GroupCode);
        var countries = await db.Set<Country>().AsNoTracking().OrderBy(c => c.Alpha2).ToListAsync(ct);
        return TypedResults.Ok(countries.Select(c => View(c, groups[c.Alpha2].ToList())).ToList());
    }

    /// <summary>One country by its alpha-2 code, in any letter case.</summary>
    public static async Task<Results<Ok<CountryView>, NotFound, ValidationProblem>> Get(string code, WarehouseDb db, CancellationToken ct)
    {
        if (Country.NormaliseCode(code) is not { } normalised)
        {
            var errors = new FieldErrors();
            errors.Add("code", "An ISO 3166-1 alpha-2 code: two letters, such as CN or DE.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        var country = await db.Set<Country>().AsNoTracking().SingleOrDefaultAsync(c => c.Alpha2 == normalised, ct);
        if (country is null) return TypedResults.NotFound();
        var groups = await db.Set<MarketGroupMember>().Where(m => m.CountryCode == normalised)
            .OrderBy(m => m.GroupCode).Select(m => m.GroupCode).ToListAsync(ct);
        return TypedResults.Ok(View(country, groups));
    }

    private static CountryView View(Country c, IReadOnlyList<string> groups) => new(
        c.Alpha2, c.Alpha3, c.NumericCode, c.NameZh, c.NameEn,
        Area(c.RegionCode, c.RegionNameEn, c.RegionNameZh),
        Area(c.SubregionCode, c.SubregionNameEn, c.SubregionNameZh),
        Area(c.IntermediateRegionCode, c.IntermediateRegionNameEn, c.IntermediateRegionNameZh),
        groups);

    private static M49Area? Area(string? code, string? nameEn, string? nameZh)
        => code is null ? null : new M49Area(code, nameEn!, nameZh!);
}
