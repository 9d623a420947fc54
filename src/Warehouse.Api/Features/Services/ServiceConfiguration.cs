using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warehouse.Domain.Services;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Services;

public sealed class ServiceTypeConfiguration : IEntityTypeConfiguration<ServiceType>
{
    public void Configure(EntityTypeBuilder<ServiceType> type)
    {
        type.ToTable("service_types", t =>
            // A slotted type says what its slots are called; a type sold without slots has no such label.
            t.HasCheckConstraint("ck_service_types_slot_labels",
                "is_time_slotted = (slot_label_zh IS NOT NULL) AND is_time_slotted = (slot_label_en IS NOT NULL)"));
        type.HasKey(t => t.Code);
        type.Property(t => t.Code).HasMaxLength(40);
        type.Property(t => t.NameZh).HasMaxLength(40);
        type.Property(t => t.NameEn).HasMaxLength(80);
        type.Property(t => t.DescriptionZh).HasMaxLength(500);
        type.Property(t => t.DescriptionEn).HasMaxLength(500);
        type.Property(t => t.SlotLabelZh).HasMaxLength(40);
        type.Property(t => t.SlotLabelEn).HasMaxLength(80);
        type.HasData(ServiceCatalogue.All);
    }
}

public sealed class ServiceOfferingConfiguration : IEntityTypeConfiguration<ServiceOffering>
{
    public void Configure(EntityTypeBuilder<ServiceOffering> offering)
    {
        offering.ToTable("service_offerings", t => t.HasCheckConstraint("ck_service_offerings_price_positive", "price_amount > 0"));
        offering.HasKey(o => new { o.TenantId, o.Id });
        offering.HasIndex(o => new { o.TenantId, o.WarehouseId });
        offering.Property(o => o.ServiceTypeCode).HasMaxLength(40);
        offering.Property(o => o.DescriptionZh).HasMaxLength(ServiceTerms.MaxDescriptionLength);
        offering.Property(o => o.DescriptionEn).HasMaxLength(ServiceTerms.MaxDescriptionLength);
        offering.Property(o => o.Version).IsRowVersion();
        offering.ComplexProperty(o => o.Price, price =>
        {
            price.Property(p => p.Amount).HasColumnName("price_amount").HasPrecision(14, 4);
            price.Property(p => p.Currency).HasColumnName("price_currency").HasMaxLength(3).IsFixedLength();
            price.Property(p => p.Unit).HasColumnName("price_unit");
        });
        // Composite foreign key: an offering can only point at a warehouse of its own tenant.
        offering.HasOne<OverseasWarehouse>().WithMany().HasForeignKey(o => new { o.TenantId, o.WarehouseId });
        offering.HasOne<ServiceType>().WithMany().HasForeignKey(o => o.ServiceTypeCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ServiceSlotConfiguration : IEntityTypeConfiguration<ServiceSlot>
{
    public void Configure(EntityTypeBuilder<ServiceSlot> slot)
    {
        slot.ToTable("service_slots", t =>
        {
            // The backstop of "never overbooked", as for capacity days.
            t.HasCheckConstraint("ck_service_slots_booked_within_capacity", "booked >= 0 AND booked <= capacity");
            // Zero once a live feed says a slot is gone (capacity = booked + free, see Features/Feeds); new slots still start at ≥ 1.
            t.HasCheckConstraint("ck_service_slots_capacity_non_negative", "capacity >= 0");
            t.HasCheckConstraint("ck_service_slots_length", "ends_at > starts_at AND ends_at - starts_at <= interval '31 days'");
        });
        slot.HasKey(s => new { s.TenantId, s.Id });
        // Overlap checks and listings read a service's slots in time order.
        slot.HasIndex(s => new { s.TenantId, s.ServiceId, s.StartsAt });
        slot.HasOne<ServiceOffering>().WithMany().HasForeignKey(s => new { s.TenantId, s.ServiceId }).OnDelete(DeleteBehavior.Cascade);
    }
}
