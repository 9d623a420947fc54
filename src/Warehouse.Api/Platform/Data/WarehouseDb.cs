using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Accounts;
using Warehouse.Api.Features.Reference;
using Warehouse.Api.Platform.Audit;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain;
using Warehouse.Domain.Bookings;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Services;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// The one database of the platform. Lock 2 of tenancy lives here: every <see cref="ITenantOwned"/> entity is filtered
/// on <see cref="CurrentTenantId"/> (an instance member, so EF re-reads it for every query), and saving stamps new rows
/// with the current tenant and refuses rows of any other. Mappings live beside their features
/// (<c>Features/*/*Configuration.cs</c>) and are picked up from this assembly.
/// </summary>
public sealed class WarehouseDb(DbContextOptions<WarehouseDb> options, TenantContext tenant)
    : IdentityUserContext<PlatformUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<OverseasWarehouse> Warehouses => Set<OverseasWarehouse>();
    public DbSet<CapacityOffer> Offers => Set<CapacityOffer>();
    public DbSet<CapacityDay> CapacityDays => Set<CapacityDay>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Booking> Bookings => Set<Booking>();
    /// <summary>The Data Protection key ring (global; see the CapacityFeeds migration for who may touch it).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The tenant of this unit of work; null means no tenant, which matches no tenant-owned row.</summary>
    public Guid? CurrentTenantId => tenant.TenantId;
    public Guid? CurrentUserId => tenant.UserId;
    internal TenantContext Tenant => tenant;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("postgis");
        builder.ApplyConfigurationsFromAssembly(typeof(WarehouseDb).Assembly);

        // A booking has two parties: the operator whose capacity it takes (its tenant) and the trader who made it.
        builder.Entity<Booking>().HasQueryFilter(b => b.TenantId == CurrentTenantId || b.TraderId == CurrentTenantId);
        builder.Entity<BookedSlot>().HasQueryFilter(s => s.TenantId == CurrentTenantId
            || Set<Booking>().Any(b => b.TenantId == s.TenantId && b.Id == s.BookingId && b.TraderId == CurrentTenantId));
        // Reviews rate a warehouse in public; they carry no reviewer identity beyond the booking id.
        builder.Entity<BookingReview>().HasQueryFilter(r => true);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entity.ClrType) || entity.GetDeclaredQueryFilters().Count > 0) continue;
            // e => e.TenantId == this.CurrentTenantId, built once per model; `this` is swapped for the live context per query.
            var e = Expression.Parameter(entity.ClrType, "e");
            var body = Expression.Equal(
                Expression.Convert(Expression.Property(e, nameof(ITenantOwned.TenantId)), typeof(Guid?)),
                Expression.Property(Expression.Constant(this), nameof(CurrentTenantId)));
            entity.SetQueryFilter(Expression.Lambda(body, e));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums are stored as their names: readable in SQL, stable when members are reordered.
        configuration.Properties<OrganisationKind>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<MembershipRole>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<WarehouseStatus>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<Ownership>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<CapacityUnit>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<PriceBasis>().HaveConversion<string>().HaveMaxLength(30);
        configuration.Properties<BookingMode>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<BookingStatus>().HaveConversion<string>().HaveMaxLength(20);
        configuration.Properties<ServiceUnit>().HaveConversion<string>().HaveMaxLength(20);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BeforeSave()
    {
        ChangeTracker.DetectChanges();
        // The audit rows are written in the same save, so a change and its record commit or roll back together.
        Set<AuditEntry>().AddRange(AuditTrail.Capture(ChangeTracker, CurrentUserId, DateTimeOffset.UtcNow));
        GuardTenantRows();
    }

    /// <summary>Stamps new tenant rows with the current tenant and refuses to write any row of another tenant.</summary>
    private void GuardTenantRows()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            var current = CurrentTenantId ?? throw new InvalidOperationException(
                $"Cannot save {entry.Metadata.ClrType.Name}: no tenant is set for this unit of work.");
            var property = entry.Property(nameof(ITenantOwned.TenantId));
            if (entry.State == EntityState.Added && (Guid)property.CurrentValue! == Guid.Empty)
                property.CurrentValue = current;
            if ((Guid)property.CurrentValue! != current || (entry.State != EntityState.Added && (Guid)property.OriginalValue! != current))
                throw new InvalidOperationException($"Refusing to write a {entry.Metadata.ClrType.Name} of another tenant.");
        }
    }
}
