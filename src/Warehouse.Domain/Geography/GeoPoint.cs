using NetTopologySuite.Geometries;

namespace Warehouse.Domain.Geography;

/// <summary>
/// A WGS 84 position. Invariant: latitude in [−90, 90] and longitude in [−180, 180], both finite. PostGIS
/// geography silently wraps out-of-range values (longitude 200 becomes −160), so nothing reaches it unchecked.
/// </summary>
public readonly record struct GeoPoint
{
    public const int Srid = 4326;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), Srid);

    public double Latitude { get; }
    public double Longitude { get; }

    public GeoPoint(double latitude, double longitude, string field = "location")
    {
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
            throw new DomainException("location.latitude", "Latitude must be a finite number between -90 and 90.", $"{field}.latitude");
        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
            throw new DomainException("location.longitude", "Longitude must be a finite number between -180 and 180.", $"{field}.longitude");
        Latitude = latitude;
        Longitude = longitude;
    }

    /// <summary>The NetTopologySuite point (x = longitude, y = latitude) stored as geography(Point, 4326).</summary>
    public Point ToPoint() => Factory.CreatePoint(new Coordinate(Longitude, Latitude));

    public static GeoPoint From(Point point) => new(point.Y, point.X);

    /// <summary>Builds a polygon footprint from rings of (latitude, longitude) pairs; it must be closed, valid and of non-zero area.</summary>
    public static Polygon Polygon(IReadOnlyList<GeoPoint> ring, string field = "footprint")
    {
        if (ring.Count < 4) throw new DomainException("footprint.tooFewPoints", "A footprint needs at least 4 points (the first repeated last).", field);
        if (ring[0] != ring[^1]) throw new DomainException("footprint.notClosed", "A footprint must end where it starts.", field);
        var polygon = Factory.CreatePolygon(ring.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray());
        if (!polygon.IsValid) throw new DomainException("footprint.invalid", "The footprint is not a valid polygon (it crosses itself or repeats a point).", field);
        // Collinear points make a valid-looking ring whose area is rounding noise: 1e-10 square degrees is about 1 m².
        if (polygon.Area < 1e-10) throw new DomainException("footprint.empty", "The footprint has no area.", field);
        // A site is a few hectares at most; a polygon spanning degrees is a mistake (or swapped coordinates).
        var envelope = polygon.EnvelopeInternal;
        if (envelope.Width > 0.5 || envelope.Height > 0.5) throw new DomainException("footprint.tooLarge", "The footprint spans more than half a degree: check the coordinates.", field);
        return polygon;
    }
}
