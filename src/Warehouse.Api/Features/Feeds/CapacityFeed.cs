using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warehouse.Domain;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Feeds;

public enum FeedMode { Pull, Push }

public enum FeedAuth { None, ApiKeyHeader, Bearer }

/// <summary>
/// A live connection between one of an operator's warehouses and its warehouse system (WMS): either the platform
/// polls the system (<see cref="FeedMode.Pull"/>) or the system pushes (<see cref="FeedMode.Push"/>). One per warehouse.
/// Credentials are held only encrypted (<see cref="ProtectedSecret"/>, ASP.NET Core Data Protection) and a push key
/// only as its SHA-256 hash; neither is ever part of an answer.
/// </summary>
public sealed class CapacityFeed : ITenantOwned
{
    public const int MinPollingSeconds = 1;
    public const int MaxPollingSeconds = 86_400;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid WarehouseId { get; set; }
    public FeedMode Mode { get; set; }
    public bool Enabled { get; set; } = true;

    // Pull
    public string? BaseUrl { get; set; }
    public FeedAuth Auth { get; set; }
    /// <summary>The header carrying the API key (<see cref="FeedAuth.ApiKeyHeader"/>), e.g. <c>X-Api-Key</c>.</summary>
    public string? AuthHeaderName { get; set; }
    /// <summary>The API key or bearer token, encrypted with the feed-credentials purpose of Data Protection.</summary>
    public string? ProtectedSecret { get; set; }
    public int PollingIntervalSeconds { get; set; }
    /// <summary>When the feed is next due; claimed by moving it forward (see <see cref="FeedPoller"/>).</summary>
    public DateTimeOffset? NextPollAt { get; set; }

    // Push
    public byte[]? PushKeyHash { get; set; }
    /// <summary>The key's first characters, so the operator can tell which key a system holds.</summary>
    public string? PushKeyHint { get; set; }
    public DateTimeOffset? PushKeyIssuedAt { get; set; }
    public DateTimeOffset? PushKeyRevokedAt { get; set; }

    // Health and idempotency
    /// <summary>The sequence of the last update applied; an update at or below it changes nothing.</summary>
    public long? LastSequence { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    /// <summary>What went wrong last, in the platform's words (never the partner's body, never a credential).</summary>
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>The circuit breaker of this feed's pipeline as this node last saw it: closed, open or halfOpen.</summary>
    public string BreakerState { get; set; } = "closed";

    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}

/// <summary>
/// A day (or slot) on which a feed reported less than is already booked. The update is applied everywhere else; this
/// day keeps capacity = booked, and the operator sorts it out with the traders concerned. Bookings are never touched.
/// </summary>
public sealed class FeedConflict : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid FeedId { get; set; }
    public long Sequence { get; set; }
    public Guid? OfferId { get; set; }
    public DateOnly? Day { get; set; }
    public Guid? SlotId { get; set; }
    public decimal Booked { get; set; }
    /// <summary>The free quantity the feed reported (negative: short by that much).</summary>
    public decimal ReportedFree { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
}

/// <summary>
/// The health of every feed, for the bureau and the certification check: a global table (no tenant, no row security)
/// written from inside the owning operator's scope whenever a feed's health changes, like the city's area snapshots.
/// It holds no credential, no URL and no partner data: ids, where the warehouse is, and timestamps.
/// </summary>
public sealed class FeedHealthRow
{
    public Guid FeedId { get; set; }
    public Guid OperatorId { get; set; }
    public Guid WarehouseId { get; set; }
    public FeedMode Mode { get; set; }
    public bool Enabled { get; set; }
    public string CountryCode { get; set; } = "";
    public string City { get; set; } = "";
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string BreakerState { get; set; } = "closed";
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class CapacityFeedConfiguration : IEntityTypeConfiguration<CapacityFeed>
{
    public void Configure(EntityTypeBuilder<CapacityFeed> feed)
    {
        feed.ToTable("capacity_feeds", t =>
            t.HasCheckConstraint("ck_capacity_feeds_polling_interval", $"polling_interval_seconds BETWEEN 0 AND {CapacityFeed.MaxPollingSeconds}"));
        feed.HasKey(f => new { f.TenantId, f.Id });
        // One feed per warehouse: two feeds would fight over the same days.
        feed.HasIndex(f => new { f.TenantId, f.WarehouseId }).IsUnique();
        // The poller's claim reads due pull feeds of one tenant.
        feed.HasIndex(f => new { f.TenantId, f.NextPollAt });
        feed.Property(f => f.Mode).HasConversion<string>().HasMaxLength(10);
        feed.Property(f => f.Auth).HasConversion<string>().HasMaxLength(20);
        feed.Property(f => f.BaseUrl).HasMaxLength(500);
        feed.Property(f => f.AuthHeaderName).HasMaxLength(64);
        feed.Property(f => f.ProtectedSecret).HasMaxLength(4000);
        feed.Property(f => f.PushKeyHint).HasMaxLength(16);
        feed.Property(f => f.LastError).HasMaxLength(500);
        feed.Property(f => f.BreakerState).HasMaxLength(10);
        feed.Property(f => f.Version).IsRowVersion();
        feed.HasOne<OverseasWarehouse>().WithMany().HasForeignKey(f => new { f.TenantId, f.WarehouseId }).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FeedConflictConfiguration : IEntityTypeConfiguration<FeedConflict>
{
    public void Configure(EntityTypeBuilder<FeedConflict> conflict)
    {
        conflict.ToTable("feed_conflicts");
        conflict.HasKey(c => new { c.TenantId, c.Id });
        conflict.HasIndex(c => new { c.TenantId, c.FeedId, c.DetectedAt });
        conflict.Property(c => c.Booked).HasPrecision(12, 1);
        conflict.Property(c => c.ReportedFree).HasPrecision(12, 1);
        conflict.HasOne<CapacityFeed>().WithMany().HasForeignKey(c => new { c.TenantId, c.FeedId }).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FeedHealthConfiguration : IEntityTypeConfiguration<FeedHealthRow>
{
    public void Configure(EntityTypeBuilder<FeedHealthRow> health)
    {
        health.ToTable("feed_health");
        health.HasKey(h => h.FeedId);
        health.HasIndex(h => h.WarehouseId);
        health.Property(h => h.Mode).HasConversion<string>().HasMaxLength(10);
        health.Property(h => h.CountryCode).HasMaxLength(2).IsFixedLength();
        health.Property(h => h.City).HasMaxLength(100);
        health.Property(h => h.LastError).HasMaxLength(500);
        health.Property(h => h.BreakerState).HasMaxLength(10);
        // No foreign keys: a global table must not point into tenant tables (the check would bypass row security).
    }
}
