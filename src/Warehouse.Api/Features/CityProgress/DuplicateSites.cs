using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.CityProgress;

/// <summary>
/// What the bureau may see of one active warehouse to find physical sites recorded twice (by different operators
/// sharing a building): name, address, point and areas. The operator's own row (tenant = operator), written by the
/// snapshot pass inside that operator's scope. Row security: the operator's <c>tenant_isolation</c>, plus a
/// <c>FOR SELECT</c> policy for the bureau's tenant — the deliberate, database-enforced cross-tenant read path of
/// the city's statistics (see the <c>DuplicateSites</c> migration). No other tenant ever sees these rows.
/// </summary>
public sealed class SiteObservation : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid WarehouseId { get; set; }
    public string WarehouseName { get; set; } = "";
    public string Address { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public Point Location { get; set; } = null!;
    /// <summary>
    /// The 0.01° grid cell of the point. Candidates for a pair are looked up by equal cells (integer equality is
    /// leakproof, so it stays an index condition under row security, which a PostGIS distance test would not).
    /// 0.01° of longitude is ≥ 200 m up to 79.6° latitude, so the 3 × 3 neighbourhood holds every point within 200 m.
    /// </summary>
    public int CellY { get; set; }
    public int CellX { get; set; }
    public decimal ExistingM2 { get; set; }
    public decimal InUseM2 { get; set; }
    public decimal UnderConstructionM2 { get; set; }
    public DateTimeOffset ObservedAt { get; set; }

    public const double CellDegrees = 0.01;
    public static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);
}

public enum SitePairStatus { Flagged, SameSite, Distinct }

/// <summary>
/// Two warehouses of different operators within 200 m of each other with similar addresses: a probable duplicate
/// site, flagged for the bureau, which marks it <see cref="SitePairStatus.SameSite"/> (counted once) or
/// <see cref="SitePairStatus.Distinct"/>. The bureau's own data (tenant = the bureau). <c>WarehouseA</c> is the lower id.
/// </summary>
public sealed class SitePair : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid OperatorA { get; set; }
    public Guid WarehouseA { get; set; }
    public Guid OperatorB { get; set; }
    public Guid WarehouseB { get; set; }
    public double DistanceM { get; set; }
    public double AddressSimilarity { get; set; }
    public SitePairStatus Status { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    /// <summary>Last pass that still found the two within range and alike (undecided pairs that vanish are dropped).</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    public uint Version { get; set; }
}

/// <summary>Every decision on a pair, append-only (the migration revokes UPDATE/DELETE and a trigger refuses them).</summary>
public sealed class SitePairDecision : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid PairId { get; set; }
    public SitePairStatus Decision { get; set; }
    public string Reason { get; set; } = "";
    public Guid DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

public sealed class SiteObservationConfiguration : IEntityTypeConfiguration<SiteObservation>
{
    public void Configure(EntityTypeBuilder<SiteObservation> site)
    {
        site.ToTable("site_observations");
        site.HasKey(s => new { s.TenantId, s.WarehouseId });
        site.HasIndex(s => new { s.CellY, s.CellX });
        site.Property(s => s.WarehouseName).HasMaxLength(200);
        site.Property(s => s.Address).HasMaxLength(500);
        site.Property(s => s.CountryCode).HasMaxLength(2).IsFixedLength();
        site.Property(s => s.Location).HasColumnType("geography (point, 4326)");
        site.Property(s => s.ExistingM2).HasPrecision(12, 1);
        site.Property(s => s.InUseM2).HasPrecision(12, 1);
        site.Property(s => s.UnderConstructionM2).HasPrecision(12, 1);
        site.HasOne<OverseasWarehouse>().WithMany().HasForeignKey(s => new { s.TenantId, s.WarehouseId }).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SitePairConfiguration : IEntityTypeConfiguration<SitePair>
{
    public void Configure(EntityTypeBuilder<SitePair> pair)
    {
        pair.ToTable("site_pairs", t => t.HasCheckConstraint("ck_site_pairs_ordered", "warehouse_a < warehouse_b"));
        pair.HasKey(p => new { p.TenantId, p.Id });
        pair.HasIndex(p => new { p.TenantId, p.WarehouseA, p.WarehouseB }).IsUnique();
        pair.HasIndex(p => new { p.TenantId, p.Status });
        pair.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        pair.Property(p => p.DecisionReason).HasMaxLength(500);
        pair.Property(p => p.Version).IsRowVersion();
        // No foreign keys to the warehouses: they belong to other tenants, and a decision outlives a closed warehouse.
    }
}

public sealed class SitePairDecisionConfiguration : IEntityTypeConfiguration<SitePairDecision>
{
    public void Configure(EntityTypeBuilder<SitePairDecision> decision)
    {
        decision.ToTable("site_pair_decisions");
        decision.HasKey(d => new { d.TenantId, d.Id });
        decision.HasIndex(d => new { d.TenantId, d.PairId, d.DecidedAt });
        decision.Property(d => d.Decision).HasConversion<string>().HasMaxLength(20);
        decision.Property(d => d.Reason).HasMaxLength(500);
        decision.HasOne<SitePair>().WithMany().HasForeignKey(d => new { d.TenantId, d.PairId }).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Finding and counting duplicate sites. Observations are refreshed per operator (<see cref="ObserveCurrentOperatorAsync"/>,
/// in that operator's scope); pairs are detected and the same-site groups resolved in the bureau's scope.
/// </summary>
public static class DuplicateSites
{
    public const string RadiusSetting = "CityProgress:DuplicateRadiusM";
    public const string SimilaritySetting = "CityProgress:DuplicateAddressSimilarity";
    public const double DefaultRadiusM = 200;

    public sealed record Settings(double RadiusM, double Similarity)
    {
        public static Settings From(IConfiguration configuration) => new(
            configuration.GetValue(RadiusSetting, DefaultRadiusM),
            configuration.GetValue(SimilaritySetting, AddressSimilarity.DefaultThreshold));
    }

    /// <summary>Replaces the current operator's observations with its active warehouses as they are now.</summary>
    public static async Task ObserveCurrentOperatorAsync(WarehouseDb db, DateTimeOffset now, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Observing an operator's sites needs its tenant scope.");
        await db.Set<SiteObservation>().ExecuteDeleteAsync(ct); // the tenant filter and row security keep this to the operator's rows
        var active = await db.Warehouses.AsNoTracking().Where(w => w.Status == WarehouseStatus.Active)
            .Select(w => new { w.Id, w.NameZh, w.Address, w.CountryCode, w.Location, w.Areas.ExistingM2, w.Areas.InUseM2, w.Areas.UnderConstructionM2 })
            .ToListAsync(ct);
        db.Set<SiteObservation>().AddRange(active.Select(w => new SiteObservation
        {
            TenantId = tenantId,
            WarehouseId = w.Id,
            WarehouseName = w.NameZh,
            Address = w.Address,
            CountryCode = w.CountryCode,
            Location = w.Location,
            CellY = SiteObservation.Cell(w.Location.Y),
            CellX = SiteObservation.Cell(w.Location.X),
            ExistingM2 = w.ExistingM2,
            InUseM2 = w.InUseM2,
            UnderConstructionM2 = w.UnderConstructionM2,
            ObservedAt = now,
        }));
        await db.SaveChangesAsync(ct);
    }

    private sealed record Candidate(Guid TenantA, Guid WarehouseA, string AddressA, Guid TenantB, Guid WarehouseB, string AddressB, double DistanceM);

    public sealed record Detected(int Candidates, int Flagged, int New, int Dropped);

    /// <summary>
    /// In the bureau's scope: every pair of observations of different operators within the radius with similar
    /// addresses is flagged (new ones added, existing ones touched); undecided pairs no longer found are dropped;
    /// decided pairs are kept whatever happens, since the decision is the bureau's record.
    /// </summary>
    public static async Task<Detected> DetectAsync(WarehouseDb db, Settings settings, DateTimeOffset now, CancellationToken ct)
    {
        var bureau = db.CurrentTenantId ?? throw new InvalidOperationException("Detecting duplicate sites needs the bureau's scope.");
        // One city-wide statement whose cost grows with how densely sites sit (pairs within neighbouring cells): about
        // 3 s at 100k warehouses, over the app role's 30 s statement timeout at the benchmark's 1M clustered around
        // the hubs (the 1M run's snapshot answered 503). The timeout guards request statements; this pass is the
        // bureau's own batch work (nightly job or an officer's "take a snapshot now"), so it gets minutes, for this
        // transaction only.
        await db.Database.ExecuteSqlAsync($"SET LOCAL statement_timeout = '15min'", ct);
        // (Column aliases are snake_case: the naming convention maps the record's properties that way.)
        // Deliberate cross-tenant read: row security's bureau_read policy is what lets these rows through; EF's
        // per-tenant filter (which would show the bureau only its own, i.e. none) is lifted for this one query.
        var candidates = db.Database.SqlQuery<Candidate>($"""
            SELECT a.tenant_id AS tenant_a, a.warehouse_id AS warehouse_a, a.address AS address_a,
                   b.tenant_id AS tenant_b, b.warehouse_id AS warehouse_b, b.address AS address_b,
                   ST_Distance(a.location, b.location) AS distance_m
            FROM site_observations a
            -- The nine neighbouring cells as plain integer equalities: under row security "= ANY (ARRAY[…])" is not
            -- leakproof and waits behind the policy, and at 100k observations the planner then chose a quadratic
            -- scan (over 10 minutes); equalities stay join keys (about 3 s, merge or index join).
            CROSS JOIN (VALUES (-1), (0), (1)) dy (d)
            CROSS JOIN (VALUES (-1), (0), (1)) dx (d)
            JOIN site_observations b
              ON b.cell_y = a.cell_y + dy.d
             AND b.cell_x = a.cell_x + dx.d
             AND b.warehouse_id > a.warehouse_id
             AND b.tenant_id <> a.tenant_id
            WHERE ST_DWithin(a.location, b.location, {settings.RadiusM})
            """);

        // Streamed: only the alike pairs are kept, as compact values. Candidates are every pair within the radius, which
        // in a dense district is many times the pairs worth flagging (during this pass over the 1M benchmark catalogue
        // the Api passed 4 GB, holding every candidate, then 6.5 GB tracking every flagged pair as an EF entity).
        var candidateCount = 0;
        var alike = new List<AlikePair>();
        await foreach (var c in candidates.AsAsyncEnumerable().WithCancellation(ct))
        {
            candidateCount++;
            var score = AddressSimilarity.Score(c.AddressA, c.AddressB);
            if (score >= settings.Similarity)
                alike.Add(new AlikePair(Guid.CreateVersion7(now), c.TenantA, c.WarehouseA, c.TenantB, c.WarehouseB, Math.Round(c.DistanceM, 1), Math.Round(score, 3)));
        }

        // Locked first, before this pass writes anything: a decision on a pair locks that pair, then registers its
        // operators in area_changes; this pass registers operators too (new and dropped pairs), so taking the pairs'
        // locks later was the opposite order, and a decision at that moment deadlocked (seen in CI). Now a decision
        // waits for the pass, or the pass for the decision.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM site_pairs ORDER BY id FOR UPDATE", ct);

        // The pairs found go to a table of this transaction (binary COPY), and the bureau's pairs are brought in line
        // with it in three set-based statements: however many pairs a pass finds, the Api holds none of them as entities.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMPORARY TABLE found_site_pairs (
                id uuid, operator_a uuid, warehouse_a uuid, operator_b uuid, warehouse_b uuid, distance_m float8, address_similarity float8)
            ON COMMIT DROP
            """, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY found_site_pairs (id, operator_a, warehouse_a, operator_b, warehouse_b, distance_m, address_similarity) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var pair in alike)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(pair.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(pair.OperatorA, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(pair.WarehouseA, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(pair.OperatorB, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(pair.WarehouseB, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(pair.DistanceM, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(pair.Similarity, NpgsqlDbType.Double, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // Found again (decided or not): still there, as measured now.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE site_pairs p SET last_seen_at = {now}, distance_m = f.distance_m, address_similarity = f.address_similarity
            FROM found_site_pairs f
            WHERE p.tenant_id = {bureau} AND p.warehouse_a = f.warehouse_a AND p.warehouse_b = f.warehouse_b
            """, ct);
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO site_pairs (tenant_id, id, operator_a, warehouse_a, operator_b, warehouse_b, distance_m, address_similarity,
                                    status, detected_at, last_seen_at)
            SELECT {bureau}, f.id, f.operator_a, f.warehouse_a, f.operator_b, f.warehouse_b, f.distance_m, f.address_similarity,
                   {nameof(SitePairStatus.Flagged)}, {now}, {now}
            FROM found_site_pairs f
            WHERE NOT EXISTS (SELECT 1 FROM site_pairs p WHERE p.tenant_id = {bureau} AND p.warehouse_a = f.warehouse_a AND p.warehouse_b = f.warehouse_b)
            """, ct);
        // Not found this time (moved, closed, or the address changed) and never decided: dropped. Decided pairs stay,
        // since the decision is the bureau's record.
        var dropped = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM site_pairs p
            WHERE p.tenant_id = {bureau} AND p.status = {nameof(SitePairStatus.Flagged)}
              AND NOT EXISTS (SELECT 1 FROM found_site_pairs f WHERE f.warehouse_a = p.warehouse_a AND f.warehouse_b = p.warehouse_b)
            """, ct);
        return new Detected(candidateCount, alike.Count, added, dropped);
    }

    /// <summary>A pair this pass found alike, with the id it gets if it is new.</summary>
    private readonly record struct AlikePair(Guid Id, Guid OperatorA, Guid WarehouseA, Guid OperatorB, Guid WarehouseB, double DistanceM, double Similarity);

    public sealed record Observed(Guid OperatorId, Guid WarehouseId, string WarehouseName, string Address, string CountryCode, double Latitude, double Longitude, decimal ExistingM2);

    /// <summary>The bureau's view of the observations named (cross-tenant, through the bureau_read policy).</summary>
    public static async Task<List<Observed>> ObservationsAsync(WarehouseDb db, IReadOnlyCollection<Guid> warehouseIds, CancellationToken ct)
        => (await db.Set<SiteObservation>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => warehouseIds.Contains(s.WarehouseId))
                .ToListAsync(ct))
            // The point's coordinates are read here: PostGIS has no ST_X/ST_Y for geography.
            .Select(s => new Observed(s.TenantId, s.WarehouseId, s.WarehouseName, s.Address, s.CountryCode, s.Location.Y, s.Location.X, s.ExistingM2))
            .ToList();

    /// <summary>
    /// Resolves the same-site decisions into the warehouses that are <b>not</b> counted. Pairs marked same site join
    /// their warehouses into groups (A = B and B = C make one site); each group counts once, through its record with
    /// the largest existing area (ties: the lowest id, so the choice is stable), and every other member is excluded.
    /// Records no longer observed (closed, suspended) take no part. Returns excluded id → the id counted instead.
    /// </summary>
    public static async Task<Dictionary<Guid, Guid>> ExclusionsAsync(WarehouseDb db, CancellationToken ct)
    {
        var same = await db.Set<SitePair>().AsNoTracking().Where(p => p.Status == SitePairStatus.SameSite)
            .Select(p => new { p.WarehouseA, p.WarehouseB }).ToListAsync(ct);
        if (same.Count == 0) return [];
        var ids = same.SelectMany(p => new[] { p.WarehouseA, p.WarehouseB }).Distinct().ToList();
        var areas = (await ObservationsAsync(db, ids, ct)).ToDictionary(o => o.WarehouseId, o => o.ExistingM2);
        return Resolve(same.Select(p => (p.WarehouseA, p.WarehouseB)), areas);
    }

    /// <summary>The grouping rule of <see cref="ExclusionsAsync"/> on plain data.</summary>
    public static Dictionary<Guid, Guid> Resolve(IEnumerable<(Guid A, Guid B)> sameSitePairs, IReadOnlyDictionary<Guid, decimal> observedAreas)
    {
        var parent = new Dictionary<Guid, Guid>();
        Guid Find(Guid x)
        {
            while (parent.TryGetValue(x, out var p) && p != x) x = parent[x] = parent.GetValueOrDefault(p, p);
            return x;
        }
        foreach (var (a, b) in sameSitePairs)
        {
            if (!observedAreas.ContainsKey(a) || !observedAreas.ContainsKey(b)) continue;
            parent.TryAdd(a, a);
            parent.TryAdd(b, b);
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb) parent[rb] = ra;
        }
        var excluded = new Dictionary<Guid, Guid>();
        foreach (var group in parent.Keys.GroupBy(Find))
        {
            var counted = group.OrderByDescending(id => observedAreas[id]).ThenBy(id => id).First();
            foreach (var id in group.Where(id => id != counted)) excluded[id] = counted;
        }
        return excluded;
    }
}
