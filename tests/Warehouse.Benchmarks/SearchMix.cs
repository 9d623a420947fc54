using NetTopologySuite.Geometries;
using Warehouse.Api.Features.Search;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Geography;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Benchmarks;

/// <summary>
/// The fixed mix of realistic searches, each as the JSON body a trader posts to <c>/api/search/capacity</c> and as the
/// validated <see cref="SearchCriteria"/> the floor hands to <see cref="SearchSql"/>: the same statement both ways.
/// A quarter each: market only, hub + radius, point + radius + services + dates + quantity, polygon.
/// </summary>
public static class SearchMix
{
    public enum Variant { Market, HubRadius, PointServicesDatesQuantity, Polygon }

    public sealed record Query(int Index, Variant Variant, object Body, SearchCriteria Criteria);

    public sealed record Reference(IReadOnlyList<DataGenerator.HubRef> Hubs, IReadOnlyDictionary<string, IReadOnlyList<string>> MarketGroups);

    public static List<Query> Build(Reference reference, DateOnly today, int count = 400, int seed = DataGenerator.Seed)
    {
        var rng = new Random(DataGenerator.Mix(seed, 21, count, 0));
        var groups = reference.MarketGroups.Keys.Order(StringComparer.Ordinal).ToList();
        var queries = new List<Query>(count);
        for (var i = 0; i < count; i++)
        {
            var variant = (Variant)(i % 4);
            var hub = reference.Hubs[rng.Next(reference.Hubs.Count)];
            queries.Add(variant switch
            {
                Variant.Market => Market(i, groups[rng.Next(groups.Count)], reference, today),
                Variant.HubRadius => HubRadius(i, hub, today),
                Variant.PointServicesDatesQuantity => PointServicesDatesQuantity(i, hub, rng, today),
                _ => PolygonAround(i, hub, rng, today),
            });
        }
        return queries;
    }

    private static SearchCriteria Criteria(DateOnly today, IReadOnlyList<string>? groups = null, IReadOnlyList<string>? marketCountries = null,
        SearchPlace? place = null, IReadOnlyList<string>? services = null, RequiredQuantity? quantity = null, DateOnly? from = null,
        DateOnly? to = null, SearchSort sort = SearchSort.BestMatch)
        => new([], groups ?? [], marketCountries, place, services ?? [], Array.Empty<StorageCondition>(), Array.Empty<HandlingCapability>(),
            quantity, from, to, null, false, [], null, sort, 1, SearchCriteria.DefaultPageSize, today);

    private static Query Market(int i, string group, Reference reference, DateOnly today)
    {
        var countries = reference.MarketGroups[group].Distinct().Order(StringComparer.Ordinal).ToList();
        return new Query(i, Variant.Market, new { marketGroups = new[] { group } }, Criteria(today, groups: [group], marketCountries: countries));
    }

    private static Query HubRadius(int i, DataGenerator.HubRef hub, DateOnly today)
    {
        const double radiusKm = 50;
        var place = new SearchPlace("nearHub", new GeoPoint(hub.Latitude, hub.Longitude), radiusKm, null, null);
        // Nearest first, the shape of the floor measured in ARCHITECTURE.md.
        return new Query(i, Variant.HubRadius, new { nearHub = new { code = hub.Code, radiusKm }, sort = "distance" },
            Criteria(today, place: place, sort: SearchSort.Distance));
    }

    private static Query PointServicesDatesQuantity(int i, DataGenerator.HubRef hub, Random rng, DateOnly today)
    {
        const double radiusKm = 100;
        var lat = Math.Round(hub.Latitude + (rng.NextDouble() - 0.5) * 0.4, 4);
        var lon = Math.Round(hub.Longitude + (rng.NextDouble() - 0.5) * 0.4, 4);
        var from = today.AddDays(7 + rng.Next(7));
        var to = from.AddDays(13);
        const decimal amount = 100m;
        var place = new SearchPlace("near", new GeoPoint(lat, lon), radiusKm, null, null);
        var quantity = RequiredQuantity.Of(amount, CapacityUnit.SquareMetre, ConversionAssumptions.Standard);
        return new Query(i, Variant.PointServicesDatesQuantity,
            new
            {
                near = new { latitude = lat, longitude = lon, radiusKm },
                services = new[] { "fulfilment" },
                quantity = new { amount, unit = "squareMetre" },
                from = from.ToString("yyyy-MM-dd"),
                to = to.ToString("yyyy-MM-dd"),
            },
            Criteria(today, place: place, services: ["fulfilment"], quantity: quantity, from: from, to: to));
    }

    private static Query PolygonAround(int i, DataGenerator.HubRef hub, Random rng, DateOnly today)
    {
        // A rough quadrilateral of about 60 × 80 km around the hub, as a trader would draw it.
        var dLat = 0.25 + rng.NextDouble() * 0.1;
        var dLon = 0.3 + rng.NextDouble() * 0.1;
        double[][] ring =
        [
            [Math.Round(hub.Longitude - dLon, 4), Math.Round(hub.Latitude - dLat, 4)],
            [Math.Round(hub.Longitude + dLon, 4), Math.Round(hub.Latitude - dLat * 0.8, 4)],
            [Math.Round(hub.Longitude + dLon * 0.9, 4), Math.Round(hub.Latitude + dLat, 4)],
            [Math.Round(hub.Longitude - dLon * 1.1, 4), Math.Round(hub.Latitude + dLat * 0.9, 4)],
            [Math.Round(hub.Longitude - dLon, 4), Math.Round(hub.Latitude - dLat, 4)],
        ];
        var geoJson = new GeoJsonPolygon("Polygon", [ring.Select(p => (IReadOnlyList<double>)p).ToList()]);
        var area = SearchArea.FromGeoJson(geoJson);
        var place = new SearchPlace("within", new GeoPoint(area.Centroid.Y, area.Centroid.X), null, null, area);
        return new Query(i, Variant.Polygon, new { within = new { type = "Polygon", coordinates = new[] { ring } } }, Criteria(today, place: place));
    }
}
