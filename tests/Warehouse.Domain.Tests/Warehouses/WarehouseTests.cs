using Warehouse.Domain;
using Warehouse.Domain.Geography;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Domain.Tests.Warehouses;

public sealed class WarehouseTests
{
    private static readonly GeoPoint Duisburg = new(51.43, 6.76);

    private static WarehouseDetails Details(WarehouseAreas? areas = null, Ownership ownership = Ownership.SelfBuilt, DateOnly? leaseEnd = null)
        => WarehouseDetails.Create("杜伊斯堡仓", "Duisburg DC", "Hafenstraße 1", "de", "Duisburg", Duisburg, null,
            areas ?? new WarehouseAreas(10000, 8000, 2000), ownership, leaseEnd, new DateOnly(2022, 3, 1), null, null, 5000);

    [Theory]
    [InlineData(91, 0, "location.latitude")]
    [InlineData(-90.5, 0, "location.latitude")]
    [InlineData(0, 200, "location.longitude")]
    [InlineData(0, -180.01, "location.longitude")]
    [InlineData(double.NaN, 0, "location.latitude")]
    [InlineData(0, double.PositiveInfinity, "location.longitude")]
    public void Coordinates_out_of_range_or_not_finite_are_refused(double lat, double lon, string field)
        => Assert.Equal(field, Assert.Throws<DomainException>(() => new GeoPoint(lat, lon)).Field);

    [Fact]
    public void In_use_cannot_exceed_existing()
        => Assert.Equal("areas.inUseM2", Assert.Throws<DomainException>(() => new WarehouseAreas(100, 101, 0)).Field);

    [Fact]
    public void Negative_areas_are_refused()
        => Assert.Equal("areas.underConstructionM2", Assert.Throws<DomainException>(() => new WarehouseAreas(100, 50, -1)).Field);

    [Fact]
    public void A_self_intersecting_footprint_is_refused()
    {
        // A bow-tie: its edges cross.
        var ring = new[] { new GeoPoint(51.430, 6.760), new GeoPoint(51.431, 6.761), new GeoPoint(51.430, 6.761), new GeoPoint(51.431, 6.760), new GeoPoint(51.430, 6.760) };
        Assert.Equal("footprint.invalid", Assert.Throws<DomainException>(() => GeoPoint.Polygon(ring)).Code);
    }

    [Fact]
    public void A_footprint_with_no_area_is_refused()
    {
        var ring = new[] { new GeoPoint(51.430, 6.760), new GeoPoint(51.431, 6.761), new GeoPoint(51.432, 6.762), new GeoPoint(51.430, 6.760) };
        Assert.Throws<DomainException>(() => GeoPoint.Polygon(ring));
    }

    [Fact]
    public void A_leased_site_needs_its_lease_end()
        => Assert.Equal("leaseEndsOn", Assert.Throws<DomainException>(() => Details(ownership: Ownership.Leased)).Field);

    [Fact]
    public void Country_codes_are_upper_cased_and_checked()
    {
        Assert.Equal("DE", Details().CountryCode);
        Assert.Equal("countryCode", Assert.Throws<DomainException>(() => WarehouseDetails.Create("x", null, "a", "DEU", "c", Duisburg, null,
            new WarehouseAreas(1, 0, 0), Ownership.SelfBuilt, null, null, null, null, null)).Field);
    }

    [Fact]
    public void The_lifecycle_moves_only_along_its_arrows_and_records_who()
    {
        var creator = Guid.NewGuid();
        var warehouse = OverseasWarehouse.Create(Guid.NewGuid(), Details(), creator, DateTimeOffset.UtcNow);
        Assert.Equal(WarehouseStatus.Draft, warehouse.Status);
        Assert.Throws<DomainException>(() => warehouse.ChangeStatus(WarehouseStatus.Suspended, creator, DateTimeOffset.UtcNow));
        var activator = Guid.NewGuid();
        warehouse.ChangeStatus(WarehouseStatus.Active, activator, DateTimeOffset.UtcNow);
        Assert.Equal(activator, warehouse.StatusChangedBy);
        warehouse.ChangeStatus(WarehouseStatus.Suspended, activator, DateTimeOffset.UtcNow);
        warehouse.ChangeStatus(WarehouseStatus.Active, activator, DateTimeOffset.UtcNow);
        warehouse.ChangeStatus(WarehouseStatus.Closed, activator, DateTimeOffset.UtcNow);
        Assert.Throws<DomainException>(() => warehouse.ChangeStatus(WarehouseStatus.Active, activator, DateTimeOffset.UtcNow));
        Assert.Throws<DomainException>(() => warehouse.Update(Details()));
    }
}
