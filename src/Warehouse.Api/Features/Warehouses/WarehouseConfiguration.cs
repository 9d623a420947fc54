using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Warehouses;

public sealed class WarehouseConfiguration : IEntityTypeConfiguration<OverseasWarehouse>
{
    public void Configure(EntityTypeBuilder<OverseasWarehouse> warehouse)
    {
        warehouse.ToTable("overseas_warehouses");
        warehouse.HasKey(w => new { w.TenantId, w.Id });
        warehouse.Property(w => w.NameZh).HasMaxLength(200);
        warehouse.Property(w => w.NameEn).HasMaxLength(200);
        warehouse.Property(w => w.Address).HasMaxLength(500);
        warehouse.Property(w => w.City).HasMaxLength(100);
        warehouse.Property(w => w.CountryCode).HasMaxLength(2).IsFixedLength();
        warehouse.Property(w => w.Location).HasColumnType("geography (point, 4326)");
        warehouse.Property(w => w.Footprint).HasColumnType("geography (polygon, 4326)");
        warehouse.HasIndex(w => w.Location).HasMethod("gist");
        warehouse.HasIndex(w => new { w.TenantId, w.Status });
        // The public listing page and the rating name a warehouse by its id alone, across operators.
        warehouse.HasIndex(w => w.Id);
        warehouse.PrimitiveCollection(w => w.StorageConditions).ElementType().HasConversion<string>();
        warehouse.PrimitiveCollection(w => w.HandlingCapabilities).ElementType().HasConversion<string>();
        warehouse.Property(w => w.Version).IsRowVersion();
        warehouse.ComplexProperty(w => w.Areas, areas =>
        {
            areas.Property(a => a.ExistingM2).HasColumnName("existing_m2").HasPrecision(12, 1);
            areas.Property(a => a.InUseM2).HasColumnName("in_use_m2").HasPrecision(12, 1);
            areas.Property(a => a.UnderConstructionM2).HasColumnName("under_construction_m2").HasPrecision(12, 1);
        });
        warehouse.HasOne<Organisation>().WithMany().HasForeignKey(w => w.TenantId);
        warehouse.HasOne<Reference.Country>().WithMany().HasForeignKey(w => w.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}
