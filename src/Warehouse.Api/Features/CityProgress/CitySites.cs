using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Features.CityProgress;

/// <summary>
/// Every active warehouse of the city's operators as the bureau may see it, for the dashboard's map: listed or not.
/// Read from the site observations the snapshot pass writes in each operator's scope (the bureau's <c>bureau_read</c>
/// SELECT policy is the deliberate cross-tenant path, see <see cref="SiteObservation"/>), so the map shows the
/// warehouses as of the latest snapshot, like the figures beside it. Operator ids are left out: the map needs names.
/// </summary>
public static class CitySites
{
    public sealed record Site(
        Guid WarehouseId, string WarehouseName, string CountryCode, double Latitude, double Longitude,
        decimal ExistingM2, string? OperatorNameZh, string? OperatorNameEn, DateTimeOffset ObservedAt);

    public sealed record Sites(int Count, decimal ExistingM2, IReadOnlyList<Site> Items);

    /// <summary>At most this many sites in one answer (the map draws them all at once).</summary>
    public const int MaxSites = 5000;

    public static async Task<Ok<Sites>> List(WarehouseDb db, CancellationToken ct)
    {
        // IgnoreQueryFilters: the bureau's unit of work has no operator tenant; row security (bureau_read) decides what is seen.
        var rows = await (from s in db.Set<SiteObservation>().IgnoreQueryFilters().AsNoTracking()
                          join o in db.Organisations.AsNoTracking() on s.TenantId equals o.Id into operators
                          from o in operators.DefaultIfEmpty()
                          orderby s.CountryCode, s.WarehouseName, s.WarehouseId
                          select new { s, NameZh = o == null ? null : o.LegalNameZh, NameEn = o == null ? null : o.LegalNameEn })
            .Take(MaxSites).ToListAsync(ct);
        // The point's coordinates are read here: PostGIS has no ST_X/ST_Y for geography.
        var items = rows.Select(r => new Site(r.s.WarehouseId, r.s.WarehouseName, r.s.CountryCode, r.s.Location.Y, r.s.Location.X,
            r.s.ExistingM2, r.NameZh, r.NameEn, r.s.ObservedAt)).ToList();
        return TypedResults.Ok(new Sites(items.Count, items.Sum(i => i.ExistingM2), items));
    }
}
