using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Services;

namespace Warehouse.Api.Features.Reference;

/// <summary>
/// The reference tables a search validates against and reports from (countries, market groups, hubs, districts,
/// service types, industry belts), read once and kept in memory for a few minutes. They change only through a
/// migration or the reference seed, yet every search used to spend two to four round trips on them before its own
/// statements.
/// </summary>
public static class ReferenceCache
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    private const string Key = "reference-data";

    public sealed record Snapshot(
        IReadOnlySet<string> Countries, IReadOnlyDictionary<string, IReadOnlyList<string>> MarketGroups,
        IReadOnlyDictionary<string, Hub> Hubs, IReadOnlyList<Hub> RailHubs, IReadOnlySet<string> Districts,
        IReadOnlyList<string> ServiceTypes, IReadOnlyDictionary<string, IndustryBelt> IndustryBelts)
    {
        /// <summary>The China–Europe Railway Express node nearest to a point, by great-circle distance on the mean sphere (km).</summary>
        public (Hub Hub, double Km)? NearestRailHub(double latitude, double longitude)
            => RailHubs.Count == 0 ? null
                : RailHubs.Select(h => (h, Search.SearchArea.GreatCircleKm(latitude, longitude, h.Latitude, h.Longitude))).MinBy(x => x.Item2);
    }

    public static async Task<Snapshot> GetAsync(IMemoryCache cache, WarehouseDb db, CancellationToken ct)
    {
        if (cache.TryGetValue(Key, out Snapshot? snapshot)) return snapshot!;
        var hubs = await db.Set<Hub>().AsNoTracking().ToListAsync(ct);
        var members = await db.Set<MarketGroupMember>().AsNoTracking().ToListAsync(ct);
        var groups = await db.Set<MarketGroup>().AsNoTracking().Select(g => g.Code).ToListAsync(ct);
        snapshot = new Snapshot(
            (await db.Set<Country>().AsNoTracking().Select(c => c.Alpha2).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            groups.ToDictionary(g => g, g => (IReadOnlyList<string>)members.Where(m => m.GroupCode == g).Select(m => m.CountryCode).ToList(), StringComparer.Ordinal),
            hubs.ToDictionary(h => h.Code, StringComparer.Ordinal),
            hubs.Where(h => h.Kind == HubKind.Rail).OrderBy(h => h.Code, StringComparer.Ordinal).ToList(),
            (await db.Districts.AsNoTracking().Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            await db.Set<ServiceType>().AsNoTracking().Select(t => t.Code).ToListAsync(ct),
            (await db.Set<IndustryBelt>().AsNoTracking().ToListAsync(ct)).ToDictionary(b => b.Code, StringComparer.Ordinal));
        return cache.Set(Key, snapshot, KeepFor);
    }
}
