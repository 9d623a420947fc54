using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warehouse.Api.Features.Reference;

/// <summary>A Suzhou county-level city, district or development zone (板块) an operator is registered in.</summary>
public sealed record District(string Code, string NameZh, string NameEn, string Kind);

public sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> district)
    {
        district.ToTable("districts");
        district.HasKey(d => d.Code);
        district.Property(d => d.Code).HasMaxLength(10);
        district.Property(d => d.NameZh).HasMaxLength(50);
        district.Property(d => d.NameEn).HasMaxLength(80);
        district.Property(d => d.Kind).HasMaxLength(30);
        // Facts from shared/data/suzhou-districts.csv; migrations keep them in step.
        district.HasData(
            new District("ZJG", "张家港市", "Zhangjiagang", "county-level city"),
            new District("CS", "常熟市", "Changshu", "county-level city"),
            new District("TC", "太仓市", "Taicang", "county-level city"),
            new District("KS", "昆山市", "Kunshan", "county-level city"),
            new District("WJ", "吴江区", "Wujiang", "district"),
            new District("WZ", "吴中区", "Wuzhong", "district"),
            new District("XC", "相城区", "Xiangcheng", "district"),
            new District("GS", "姑苏区", "Gusu", "district"),
            new District("SIP", "苏州工业园区", "Suzhou Industrial Park", "development zone"),
            new District("SND", "苏州高新区(虎丘区)", "Suzhou New District (Huqiu)", "development zone"));
    }
}
