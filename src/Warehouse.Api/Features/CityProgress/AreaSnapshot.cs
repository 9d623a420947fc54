using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warehouse.Api.Features.CityProgress;

/// <summary>
/// One day's snapshot of the city's overseas-warehouse area: the as-of date, when it was (last) taken and by what.
/// A global table (no tenant): it holds no tenant data, only the fact that the aggregates of that date exist.
/// One row per date, however often the snapshot runs (the date is the key).
/// </summary>
public sealed class AreaSnapshot
{
    public DateOnly SnapshotDate { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    /// <summary><c>job</c>, <c>on-demand</c>, <c>refresh</c> (changed operators only) or <c>demo-backfill</c>.</summary>
    public string Source { get; set; } = "";
    /// <summary>The date's city totals (the trend reads these, not the rows); null only on snapshots older than the rollup.</summary>
    public decimal? ExistingM2 { get; set; }
    public decimal? InUseM2 { get; set; }
    public decimal? UnderConstructionM2 { get; set; }
    /// <summary>
    /// The date's dashboard figures, aggregated from its rows when they were last written (<see cref="ProgressRollup"/>),
    /// as JSON: the bureau's dashboard reads one row instead of grouping thousands per request.
    /// </summary>
    public string? Figures { get; set; }
}

/// <summary>
/// Aggregates of one operator's warehouses on one date, per country and year opened: counts by status and the three
/// areas of its <b>active</b> warehouses, kept apart. Never a warehouse's name, address or id. Written by the snapshot
/// job from inside each operator's own tenant scope; read by the bureau without ever touching tenant rows.
/// A global table: no <c>tenant_id</c>, no row-level security.
/// </summary>
public sealed class AreaSnapshotRow
{
    public DateOnly SnapshotDate { get; set; }
    public Guid OperatorId { get; set; }
    /// <summary>The Suzhou district the operator is registered in (at the time of the snapshot).</summary>
    public string DistrictCode { get; set; } = "";
    public string CountryCode { get; set; } = "";
    /// <summary>Year the warehouses opened; 0 when the operator did not say.</summary>
    public int YearOpened { get; set; }
    /// <summary>
    /// Public-warehouse certification of these warehouses on the snapshot date: <c>none</c>, <c>municipal</c> or
    /// <c>provincial</c> (a warehouse with both counts at the higher level).
    /// </summary>
    public string CertificationLevel { get; set; } = CertificationLevels.None;
    public int ActiveCount { get; set; }
    public int DraftCount { get; set; }
    public int SuspendedCount { get; set; }
    public int ClosedCount { get; set; }
    /// <summary>Existing floor area of the active warehouses (counts towards the target).</summary>
    public decimal ExistingM2 { get; set; }
    public decimal InUseM2 { get; set; }
    /// <summary>Under construction at the active warehouses (the pipeline).</summary>
    public decimal UnderConstructionM2 { get; set; }
    /// <summary>
    /// Active warehouses left out because the bureau marked them the same physical site as another operator's record
    /// (which counts instead), and their existing area: shown so the difference from the operators' own totals is explained.
    /// </summary>
    public int DuplicateCount { get; set; }
    public decimal DuplicateExistingM2 { get; set; }
    public string Source { get; set; } = "";
}

public sealed class AreaSnapshotConfiguration : IEntityTypeConfiguration<AreaSnapshot>
{
    public void Configure(EntityTypeBuilder<AreaSnapshot> snapshot)
    {
        snapshot.ToTable("area_snapshots");
        snapshot.HasKey(s => s.SnapshotDate);
        snapshot.Property(s => s.Source).HasMaxLength(20);
        snapshot.Property(s => s.ExistingM2).HasPrecision(16, 1);
        snapshot.Property(s => s.InUseM2).HasPrecision(16, 1);
        snapshot.Property(s => s.UnderConstructionM2).HasPrecision(16, 1);
        snapshot.Property(s => s.Figures).HasColumnType("jsonb");
    }
}

public sealed class AreaSnapshotRowConfiguration : IEntityTypeConfiguration<AreaSnapshotRow>
{
    public void Configure(EntityTypeBuilder<AreaSnapshotRow> row)
    {
        row.ToTable("area_snapshot_rows");
        // One row per (date, operator, country, year opened): a second run for the date replaces, never adds.
        row.HasKey(r => new { r.SnapshotDate, r.OperatorId, r.CountryCode, r.YearOpened, r.CertificationLevel });
        row.Property(r => r.CertificationLevel).HasMaxLength(20).HasDefaultValue(CertificationLevels.None);
        row.Property(r => r.DistrictCode).HasMaxLength(10);
        row.Property(r => r.CountryCode).HasMaxLength(2).IsFixedLength();
        row.Property(r => r.ExistingM2).HasPrecision(14, 1);
        row.Property(r => r.InUseM2).HasPrecision(14, 1);
        row.Property(r => r.UnderConstructionM2).HasPrecision(14, 1);
        row.Property(r => r.DuplicateExistingM2).HasPrecision(14, 1);
        row.Property(r => r.Source).HasMaxLength(20);
        // Deliberately no foreign key to organisations or warehouses: history outlives them, and nothing here is tenant data.
    }
}

/// <summary>The certification levels a snapshot row is keyed by, with their names for the bureau's breakdown.</summary>
public static class CertificationLevels
{
    public const string None = "none";
    public const string Municipal = "municipal";
    public const string Provincial = "provincial";

    public static (string Zh, string En) Name(string level) => level switch
    {
        Provincial => ("省级公共海外仓", "Provincial public overseas warehouse"),
        Municipal => ("市级公共海外仓", "Municipal public overseas warehouse"),
        _ => ("未认定", "Not certified"),
    };
}
