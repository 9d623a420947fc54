using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warehouse.Api.Features.Accounts;

/// <summary>A person who signs in. Users are global (one login, possibly several organisations); what they may see comes from their memberships.</summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class PlatformUserConfiguration :
    IEntityTypeConfiguration<PlatformUser>,
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> claim) => claim.ToTable("user_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> login) => login.ToTable("user_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> token) => token.ToTable("user_tokens");

    public void Configure(EntityTypeBuilder<PlatformUser> user)
    {
        user.ToTable("users");
        user.Property(u => u.DisplayName).HasMaxLength(100);
        // Identity's own email index is not unique; two concurrent registrations must not both win.
        user.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("ux_users_normalized_email");
    }
}
