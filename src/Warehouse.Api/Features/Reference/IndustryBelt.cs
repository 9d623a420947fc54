using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warehouse.Api.Features.Reference;

/// <summary>
/// A Suzhou export cluster (产业带) named in the 2024–2026 action plan, with its 2026 export target in units of
/// ¥100 million (亿元) and the handling needs it implies for overseas warehouses (a list, for matching to services).
/// Rows come from <c>Data/industry-belts.csv</c> through <c>Data/ReferenceSeed.g.cs</c>.
/// </summary>
public sealed record IndustryBelt(
    string Code, string DistrictCode, string NameEn, string NameZh, decimal ExportTarget2026Cny100m, string[] HandlingNeeds);

public sealed class IndustryBeltConfiguration : IEntityTypeConfiguration<IndustryBelt>
{
    public void Configure(EntityTypeBuilder<IndustryBelt> belt)
    {
        belt.ToTable("industry_belts");
        belt.HasKey(b => b.Code);
        belt.Property(b => b.Code).HasMaxLength(20);
        belt.Property(b => b.DistrictCode).HasMaxLength(10);
        belt.Property(b => b.NameEn).HasMaxLength(80);
        belt.Property(b => b.NameZh).HasMaxLength(40);
        belt.Property(b => b.ExportTarget2026Cny100m).HasColumnName("export_target_2026_cny_100m").HasPrecision(12, 2);
        belt.Property(b => b.HandlingNeeds).HasColumnType("text[]");
        belt.HasOne<District>().WithMany().HasForeignKey(b => b.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        belt.HasData(ReferenceSeed.IndustryBelts);
    }
}
