using NetTopologySuite.Geometries;
using Warehouse.Domain;
using Warehouse.Domain.Geography;

namespace Warehouse.Api.Features.Search;

/// <summary>A GeoJSON Polygon (RFC 7946): rings of [longitude, latitude] positions, the first ring the outer one.</summary>
public sealed record GeoJsonPolygon(string? Type, IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>>? Coordinates);

/// <summary>
/// The area a trader draws to search in, checked before PostGIS sees it (geography would wrap bad coordinates and
/// accept a self-intersecting ring). Unlike a warehouse footprint (<see cref="GeoPoint.Polygon"/>, a few hectares),
/// a search area may span a region: up to <see cref="MaxRadiusKm"/> from its centroid to any corner, the same reach
/// as the largest search radius, which also keeps rings from straddling the antimeridian ambiguously.
/// </summary>
public static class SearchArea
{
    public const double MaxRadiusKm = SearchCriteria.MaxRadiusKm;
    public const int MaxPositions = 1000;
    /// <summary>Square degrees below which a ring is a line or a point in disguise (about 0.01 km² at the equator).</summary>
    private const double MinAreaSquareDegrees = 1e-6;
    private const double EarthRadiusKm = 6371.0088;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), GeoPoint.Srid);

    /// <summary>The polygon (x = longitude, y = latitude, SRID 4326), or a <see cref="DomainException"/> naming the part at fault.</summary>
    public static Polygon FromGeoJson(GeoJsonPolygon geoJson, string field = "within")
    {
        if (!string.Equals(geoJson.Type, "Polygon", StringComparison.Ordinal))
            throw new DomainException("area.type", "A search area is a GeoJSON object with \"type\": \"Polygon\".", $"{field}.type");
        if (geoJson.Coordinates is not { Count: > 0 } rings)
            throw new DomainException("area.coordinates", "Give the polygon's rings: [[[longitude, latitude], …]].", $"{field}.coordinates");
        if (rings.Sum(r => r?.Count ?? 0) > MaxPositions)
            throw new DomainException("area.tooManyPositions", $"A search area has at most {MaxPositions} positions.", $"{field}.coordinates");

        var linearRings = new List<LinearRing>();
        for (var r = 0; r < rings.Count; r++)
        {
            var ring = rings[r];
            var ringField = $"{field}.coordinates[{r}]";
            if (ring is null || ring.Count < 4)
                throw new DomainException("area.tooFewPositions", "A ring needs at least 4 positions, the first repeated last.", ringField);
            var coordinates = new Coordinate[ring.Count];
            for (var i = 0; i < ring.Count; i++)
            {
                // GeoJSON order is [longitude, latitude(, altitude)]; GeoPoint checks range and finiteness.
                if (ring[i] is not { Count: 2 or 3 } position)
                    throw new DomainException("area.position", "A position is [longitude, latitude].", $"{ringField}[{i}]");
                var point = new GeoPoint(position[1], position[0], $"{ringField}[{i}]");
                coordinates[i] = new Coordinate(point.Longitude, point.Latitude);
            }
            if (!coordinates[0].Equals2D(coordinates[^1]))
                throw new DomainException("area.notClosed", "A ring must end where it starts.", ringField);
            linearRings.Add(Factory.CreateLinearRing(coordinates));
        }

        var polygon = Factory.CreatePolygon(linearRings[0], linearRings.Skip(1).ToArray());
        if (!polygon.IsValid)
            throw new DomainException("area.invalid", "The area is not a valid polygon (a ring crosses itself, or a hole lies outside).", field);
        if (polygon.Area < MinAreaSquareDegrees)
            throw new DomainException("area.empty", "The area has no extent.", field);
        var centroid = polygon.Centroid;
        var reach = polygon.ExteriorRing.Coordinates.Max(c => GreatCircleKm(centroid.Y, centroid.X, c.Y, c.X));
        if (reach > MaxRadiusKm)
            throw new DomainException("area.tooLarge", $"The area reaches {reach:0} km from its centre; at most {MaxRadiusKm:0} km.", field);
        return polygon;
    }

    /// <summary>How far the area reaches from <paramref name="origin"/>: its farthest corner, in metres (the distance score's yardstick inside an area).</summary>
    public static double ReachMetres(Polygon area, GeoPoint origin)
        => area.ExteriorRing.Coordinates.Max(c => GreatCircleKm(origin.Latitude, origin.Longitude, c.Y, c.X)) * 1000;

    /// <summary>Haversine distance on the mean Earth sphere; only used to bound the area's size and to scale distances inside it.</summary>
    public static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
