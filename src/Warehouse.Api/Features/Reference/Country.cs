using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warehouse.Api.Features.Reference;

/// <summary>
/// A country or area of ISO 3166-1 (a market, 市场) with its place in the UN M49 hierarchy: region (Asia 142),
/// sub-region (Eastern Asia 030) and, in Africa south of the Sahara and Latin America only, an intermediate region
/// (Middle Africa 017). Antarctica has no M49 region, so the region columns are null there and only there.
/// Rows come from <c>Data/CountrySeed.g.cs</c> (see <c>Data/generate-countries.mjs</c>).
/// </summary>
public sealed record Country(
    string Alpha2, string Alpha3, string NumericCode, string NameZh, string NameEn,
    string? RegionCode, string? RegionNameEn, string? RegionNameZh,
    string? SubregionCode, string? SubregionNameEn, string? SubregionNameZh,
    string? IntermediateRegionCode, string? IntermediateRegionNameEn, string? IntermediateRegionNameZh)
{
    /// <summary>
    /// Reads an alpha-2 code as a client may type it ("cn", " CN "): the upper-case code when it has the shape of
    /// one, null otherwise. Whether such a country exists is a question for the database.
    /// </summary>
    public static string? NormaliseCode(string? input)
    {
        var code = input?.Trim().ToUpperInvariant();
        return code is { Length: 2 } && code.All(char.IsAsciiLetterUpper) ? code : null;
    }
}

public sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> country)
    {
        country.ToTable("countries");
        country.HasKey(c => c.Alpha2);
        country.Property(c => c.Alpha2).HasMaxLength(2).IsFixedLength();
        country.Property(c => c.Alpha3).HasMaxLength(3).IsFixedLength();
        // Text, not a number: M49/ISO numeric codes keep their leading zeros ("004" is Afghanistan).
        country.Property(c => c.NumericCode).HasMaxLength(3).IsFixedLength();
        country.Property(c => c.NameZh).HasMaxLength(60);
        country.Property(c => c.NameEn).HasMaxLength(80);
        foreach (var code in new[] { nameof(Country.RegionCode), nameof(Country.SubregionCode), nameof(Country.IntermediateRegionCode) })
            country.Property(code).HasMaxLength(3).IsFixedLength();
        foreach (var name in new[] { nameof(Country.RegionNameEn), nameof(Country.SubregionNameEn), nameof(Country.IntermediateRegionNameEn) })
            country.Property(name).HasMaxLength(60);
        foreach (var name in new[] { nameof(Country.RegionNameZh), nameof(Country.SubregionNameZh), nameof(Country.IntermediateRegionNameZh) })
            country.Property(name).HasMaxLength(30);
        country.HasIndex(c => c.Alpha3).IsUnique();
        country.HasIndex(c => c.NumericCode).IsUnique();
        country.HasData(CountrySeed.Rows);
    }
}
