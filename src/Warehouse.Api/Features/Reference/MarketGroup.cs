using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warehouse.Api.Features.Reference;

/// <summary>
/// A policy market group (Southeast Asia, RCEP, CEE, …) searched as one market. Groups overlap: a country may be in
/// several (Malaysia is in SEA and RCEP), and a group is not an M49 region even where one shares its name.
/// Rows come from <c>Data/market-groups.csv</c> through <c>Data/ReferenceSeed.g.cs</c>.
/// </summary>
public sealed record MarketGroup(string Code, string NameZh, string NameEn, string? Note);

/// <summary>One country's membership of one market group.</summary>
public sealed record MarketGroupMember(string GroupCode, string CountryCode);

public sealed class MarketGroupConfiguration : IEntityTypeConfiguration<MarketGroup>
{
    public void Configure(EntityTypeBuilder<MarketGroup> group)
    {
        group.ToTable("market_groups");
        group.HasKey(g => g.Code);
        group.Property(g => g.Code).HasMaxLength(20);
        group.Property(g => g.NameZh).HasMaxLength(30);
        group.Property(g => g.NameEn).HasMaxLength(60);
        group.Property(g => g.Note).HasMaxLength(200);
        group.HasData(ReferenceSeed.MarketGroups);
    }
}

public sealed class MarketGroupMemberConfiguration : IEntityTypeConfiguration<MarketGroupMember>
{
    public void Configure(EntityTypeBuilder<MarketGroupMember> member)
    {
        member.ToTable("market_group_members");
        member.HasKey(m => new { m.GroupCode, m.CountryCode });
        member.Property(m => m.GroupCode).HasMaxLength(20);
        member.Property(m => m.CountryCode).HasMaxLength(2).IsFixedLength();
        // "Which groups is this country in?" reads by country.
        member.HasIndex(m => m.CountryCode);
        member.HasOne<MarketGroup>().WithMany().HasForeignKey(m => m.GroupCode).OnDelete(DeleteBehavior.Restrict);
        member.HasOne<Country>().WithMany().HasForeignKey(m => m.CountryCode).OnDelete(DeleteBehavior.Restrict);
        member.HasData(ReferenceSeed.MarketGroupMembers);
    }
}
