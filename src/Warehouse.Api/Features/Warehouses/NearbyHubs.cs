using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Features.Warehouses;

/// <summary>A hub near a warehouse and its great-circle distance (PostGIS geography, WGS 84 spheroid).</summary>
public sealed record NearbyHub(string Code, string Kind, string NameZh, string NameEn, string CountryCode, double DistanceKm);

public static class NearbyHubs
{
    // Column names are snake_case: the naming convention maps NearbyHub's properties to them.
    /// <summary>Beyond this a hub is not "near" in any useful sense; the list is then empty for that kind.</summary>
    public const double MaxDistanceKm = 2000;

    /// <summary>The nearest China–Europe Railway Express node and the nearest port to <paramref name="location"/>, nearest first.</summary>
    public static async Task<List<NearbyHub>> NearestByKindAsync(WarehouseDb db, Point location, CancellationToken ct)
        => await db.Database.SqlQuery<NearbyHub>($"""
            SELECT DISTINCT ON (h.kind) h.code, lower(h.kind) AS kind, h.name_zh, h.name_en, h.country_code,
                   round((ST_Distance(h.location, {location}::geography) / 1000)::numeric, 1)::float8 AS distance_km
            FROM hubs h
            WHERE h.kind IN ('Rail', 'Port') AND ST_DWithin(h.location, {location}::geography, {MaxDistanceKm * 1000})
            ORDER BY h.kind, h.location <-> {location}::geography
            """).OrderBy(h => h.DistanceKm).ToListAsync(ct);

    public static async Task<bool> CountryExistsAsync(WarehouseDb db, string alpha2, CancellationToken ct)
        => await db.Database.SqlQuery<int>($"SELECT 1 AS value FROM countries WHERE alpha2 = {alpha2}").AnyAsync(ct);
}
