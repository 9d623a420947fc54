using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warehouse.Api.Features.Accounts;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Organisations;

/// <summary>Organisations are the registry of tenants itself, so the table has no tenant column of its own.</summary>
public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.ToTable("organisations");
        organisation.Property(o => o.LegalNameZh).HasMaxLength(Organisation.MaxNameLength);
        organisation.Property(o => o.LegalNameEn).HasMaxLength(Organisation.MaxNameLength);
        organisation.Property(o => o.CreditCode).HasMaxLength(18).IsFixedLength();
        organisation.Property(o => o.DistrictCode).HasMaxLength(10);
        organisation.HasIndex(o => o.CreditCode).IsUnique();
        // One bureau: the bootstrap of the first bureau admin relies on it when several Api instances start at once.
        organisation.HasIndex(o => o.Kind).IsUnique().HasFilter("kind = 'Bureau'").HasDatabaseName("ux_organisations_single_bureau");
        organisation.HasOne<Reference.District>().WithMany().HasForeignKey(o => o.DistrictCode);
        organisation.ComplexProperty(o => o.Contact, contact =>
        {
            contact.Property(c => c.Name).HasColumnName("contact_name").HasMaxLength(100);
            contact.Property(c => c.Phone).HasColumnName("contact_phone").HasMaxLength(30);
            contact.Property(c => c.Email).HasColumnName("contact_email").HasMaxLength(254);
        });
    }
}

/// <summary>Memberships are tenant rows keyed (tenant_id, user_id); a user may also read their own across tenants (see the migration's policies).</summary>
public sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ToTable("organisation_members");
        membership.HasKey(m => new { m.TenantId, m.UserId });
        membership.HasIndex(m => m.UserId);
        membership.HasOne<Organisation>().WithMany().HasForeignKey(m => m.TenantId);
        membership.HasOne<PlatformUser>().WithMany().HasForeignKey(m => m.UserId);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.ToTable("invitations");
        invitation.HasKey(i => new { i.TenantId, i.Id });
        invitation.Property(i => i.Email).HasMaxLength(254);
        invitation.HasIndex(i => new { i.TenantId, i.SecretHash }).IsUnique();
        invitation.HasOne<Organisation>().WithMany().HasForeignKey(i => i.TenantId);
    }
}
