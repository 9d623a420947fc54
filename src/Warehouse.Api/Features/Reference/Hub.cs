using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace Warehouse.Api.Features.Reference;

public enum HubKind { Rail, Port, Air }

/// <summary>How close a hub's coordinates are to the real site: the terminal itself, the city it serves, or roughly.</summary>
public enum CoordinatePrecision { Terminal, City, Approx }

/// <summary>
/// A logistics hub (物流节点): a China–Europe Railway Express node, sea port or air hub, used as a search anchor
/// ("warehouses within 50 km of Duisburg"). <see cref="Location"/> is a WGS 84 point (SRID 4326, x = longitude,
/// y = latitude) stored as PostGIS geography, so distances are great-circle metres.
/// Rows come from <c>Data/hubs.csv</c> through <c>Data/ReferenceSeed.g.cs</c>.
/// </summary>
public sealed record Hub(
    string Code, HubKind Kind, string NameEn, string NameZh, string CountryCode, Point Location, string Role, CoordinatePrecision Precision)
{
    public const int Srid = 4326;

    public double Latitude => Location.Y;
    public double Longitude => Location.X;

    /// <summary>A WGS 84 point; refuses what PostGIS geography would otherwise silently wrap (lon 200 → −160) or store (NaN).</summary>
    public static Point At(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90) throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude is −90…90.");
        if (!double.IsFinite(longitude) || longitude is < -180 or > 180) throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude is −180…180.");
        return new Point(longitude, latitude) { SRID = Srid };
    }
}

public sealed class HubConfiguration : IEntityTypeConfiguration<Hub>
{
    public void Configure(EntityTypeBuilder<Hub> hub)
    {
        hub.ToTable("hubs");
        hub.HasKey(h => h.Code);
        hub.Property(h => h.Code).HasMaxLength(10);
        hub.Property(h => h.Kind).HasConversion<string>().HasMaxLength(10);
        hub.Property(h => h.NameEn).HasMaxLength(80);
        hub.Property(h => h.NameZh).HasMaxLength(40);
        hub.Property(h => h.CountryCode).HasMaxLength(2).IsFixedLength();
        hub.Property(h => h.Location).HasColumnType("geography (point, 4326)");
        hub.Property(h => h.Role).HasMaxLength(100);
        hub.Property(h => h.Precision).HasConversion<string>().HasMaxLength(10);
        hub.Ignore(h => h.Latitude);
        hub.Ignore(h => h.Longitude);
        hub.HasIndex(h => h.Location).HasMethod("gist");
        hub.HasIndex(h => new { h.CountryCode, h.Kind });
        hub.HasOne<Country>().WithMany().HasForeignKey(h => h.CountryCode).OnDelete(DeleteBehavior.Restrict);
        hub.HasData(ReferenceSeed.Hubs);
    }
}
