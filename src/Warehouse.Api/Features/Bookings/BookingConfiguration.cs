using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warehouse.Domain.Bookings;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Bookings;

/// <summary>
/// Bookings belong to the operator whose capacity they take (tenant_id) and are readable by the trader who made them
/// (trader_id): the migration adds a row policy for the trader, and WarehouseDb's query filter matches either.
/// </summary>
public sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> booking)
    {
        booking.ToTable("bookings");
        booking.HasKey(b => new { b.TenantId, b.Id });
        booking.HasIndex(b => b.TraderId);
        booking.HasIndex(b => new { b.TenantId, b.OfferId, b.Status });
        booking.HasIndex(b => new { b.TenantId, b.HoldExpiresAt }).HasFilter("status = 'Held'");
        booking.Property(b => b.WarehouseName).HasMaxLength(200);
        booking.Property(b => b.Quantity).HasPrecision(12, 1);
        booking.Property(b => b.DecisionReason).HasMaxLength(500);
        booking.ComplexProperty(b => b.Quote, quote =>
        {
            quote.Property(q => q.TotalOriginal).HasColumnName("quote_total_original").HasPrecision(16, 2);
            quote.Property(q => q.Currency).HasColumnName("quote_currency").HasMaxLength(3).IsFixedLength();
            quote.Property(q => q.TotalCny).HasColumnName("quote_total_cny").HasPrecision(16, 2);
            quote.Property(q => q.RateCnyPerUnit).HasColumnName("quote_rate_cny_per_unit").HasPrecision(18, 8);
            quote.Property(q => q.RateAsOf).HasColumnName("quote_rate_as_of");
            quote.Property(q => q.Explanation).HasColumnName("quote_explanation").HasMaxLength(1000);
        });
        booking.HasOne<CapacityOffer>().WithMany().HasForeignKey(b => new { b.TenantId, b.OfferId }).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<OverseasWarehouse>().WithMany().HasForeignKey(b => new { b.TenantId, b.WarehouseId }).OnDelete(DeleteBehavior.Restrict);
        booking.HasOne<Organisation>().WithMany().HasForeignKey(b => b.TraderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BookedSlotConfiguration : IEntityTypeConfiguration<BookedSlot>
{
    public void Configure(EntityTypeBuilder<BookedSlot> slot)
    {
        slot.ToTable("booking_slots", table => table.HasCheckConstraint("ck_booking_slots_quantity", "quantity > 0"));
        slot.HasKey(s => new { s.TenantId, s.BookingId, s.SlotId });
        slot.HasIndex(s => new { s.TenantId, s.SlotId });
        slot.HasOne<Booking>().WithMany().HasForeignKey(s => new { s.TenantId, s.BookingId });
        slot.HasOne<Warehouse.Domain.Services.ServiceSlot>().WithMany().HasForeignKey(s => new { s.TenantId, s.SlotId }).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BookingReviewConfiguration : IEntityTypeConfiguration<BookingReview>
{
    public void Configure(EntityTypeBuilder<BookingReview> review)
    {
        review.ToTable("booking_reviews", table => table.HasCheckConstraint("ck_booking_reviews_stars", "stars BETWEEN 1 AND 5"));
        review.HasKey(r => new { r.TenantId, r.BookingId });
        review.HasIndex(r => new { r.TenantId, r.WarehouseId });
        review.Property(r => r.Comment).HasMaxLength(2000);
        review.HasOne<Booking>().WithOne().HasForeignKey<BookingReview>(r => new { r.TenantId, r.BookingId });
    }
}

/// <summary>
/// The first response to a request carrying an <c>Idempotency-Key</c>, per calling organisation. A row "in progress"
/// makes concurrent duplicates wait their turn (409); a finished row answers repeats with the same response.
/// </summary>
public sealed class IdempotencyRecord : Warehouse.Domain.ITenantOwned
{
    public Guid TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Operation { get; set; } = "";
    public byte[] RequestHash { get; set; } = [];
    public bool Completed { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_records");
        record.HasKey(r => new { r.TenantId, r.Key });
        record.Property(r => r.Key).HasMaxLength(100);
        record.Property(r => r.Operation).HasMaxLength(60);
        record.Property(r => r.ResponseBody).HasColumnType("jsonb");
    }
}
