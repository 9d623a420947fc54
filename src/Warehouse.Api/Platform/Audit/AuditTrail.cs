using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;
using Warehouse.Domain;

namespace Warehouse.Api.Platform.Audit;

/// <summary>One recorded change of an audited entity: who, when, what, with each changed value before and after.</summary>
public sealed class AuditEntry : ITenantOwned
{
    public Guid TenantId { get; init; }
    public Guid Id { get; init; }
    public string EntityType { get; init; } = "";
    public Guid EntityId { get; init; }
    /// <summary>created, updated or deleted.</summary>
    public string Action { get; init; } = "";
    /// <summary>JSON object: property → { "from": …, "to": … }.</summary>
    public string Changes { get; init; } = "{}";
    public Guid? UserId { get; init; }
    public DateTimeOffset At { get; init; }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.ToTable("audit_entries");
        audit.HasKey(a => new { a.TenantId, a.Id });
        audit.HasIndex(a => new { a.TenantId, a.EntityType, a.EntityId, a.At });
        audit.Property(a => a.EntityType).HasMaxLength(60);
        audit.Property(a => a.Action).HasMaxLength(20);
        audit.Property(a => a.Changes).HasColumnType("jsonb");
    }
}

/// <summary>
/// Builds audit entries from EF's change tracker just before saving, so the entry commits or rolls back with the
/// change it describes. Complex properties (areas, prices) are flattened as "areas.existingM2"; geometry is shown
/// as WKT; the concurrency token is left out.
/// </summary>
public static class AuditTrail
{
    public static List<AuditEntry> Capture(ChangeTracker tracker, Guid? userId, DateTimeOffset now)
    {
        var entries = new List<AuditEntry>();
        foreach (var entry in tracker.Entries().Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var changes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            Collect(entry.Properties, "", entry.State, changes);
            foreach (var complex in entry.ComplexProperties) CollectComplex(complex, Prefix("", complex.Metadata), entry.State, changes);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            entries.Add(Entry(entry.Metadata, entry.Entity, entry.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
                changes, userId, now));
        }
        return entries;
    }

    /// <summary>
    /// The entry <see cref="Capture"/> writes for a new entity, read from EF's model and the entity itself instead of a
    /// change tracker: for rows sent in a statement of our own (<see cref="Data.NewRows"/>).
    /// </summary>
    public static AuditEntry Created(IEntityType type, IAudited entity, Guid? userId, DateTimeOffset now)
    {
        var changes = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        CollectNew(type.GetProperties(), "", entity, changes);
        foreach (var complex in type.GetComplexProperties()) CollectNewComplex(complex, Prefix("", complex), entity, changes);
        return Entry(type, entity, "created", changes, userId, now);
    }

    private static AuditEntry Entry(IReadOnlyTypeBase type, object entity, string action, SortedDictionary<string, object?> changes, Guid? userId, DateTimeOffset now) => new()
    {
        TenantId = ((ITenantOwned)entity).TenantId,
        Id = Guid.CreateVersion7(now),
        EntityType = type.ClrType.Name,
        EntityId = ((IAudited)entity).Id,
        Action = action,
        Changes = JsonSerializer.Serialize(changes),
        UserId = userId,
        At = now,
    };

    private static string Prefix(string prefix, IReadOnlyPropertyBase complex) => prefix + JsonNamingPolicy.CamelCase.ConvertName(complex.Name) + ".";

    /// <summary>Neither the tenant (every entry has it) nor the concurrency token (the database's, not the user's) is a change.</summary>
    private static bool Recorded(IReadOnlyProperty property) => !property.IsConcurrencyToken && property.Name is not nameof(ITenantOwned.TenantId);

    private static void CollectComplex(ComplexPropertyEntry complex, string prefix, EntityState state, IDictionary<string, object?> changes)
    {
        Collect(complex.Properties, prefix, state, changes);
        foreach (var nested in complex.ComplexProperties) CollectComplex(nested, Prefix(prefix, nested.Metadata), state, changes);
    }

    private static void Collect(IEnumerable<PropertyEntry> properties, string prefix, EntityState state, IDictionary<string, object?> changes)
    {
        foreach (var property in properties)
        {
            if (!Recorded(property.Metadata)) continue;
            var name = prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name);
            var from = state == EntityState.Added ? null : Show(property.OriginalValue);
            var to = state == EntityState.Deleted ? null : Show(property.CurrentValue);
            if (state == EntityState.Modified && Equals(from, to)) continue;
            changes[name] = new { from, to };
        }
    }

    private static void CollectNewComplex(IComplexProperty complex, string prefix, object entity, IDictionary<string, object?> changes)
    {
        CollectNew(complex.ComplexType.GetProperties(), prefix, entity, changes);
        foreach (var nested in complex.ComplexType.GetComplexProperties()) CollectNewComplex(nested, Prefix(prefix, nested), entity, changes);
    }

    private static void CollectNew(IEnumerable<IProperty> properties, string prefix, object entity, IDictionary<string, object?> changes)
    {
        foreach (var property in properties)
        {
            if (!Recorded(property)) continue;
            var value = Show(property.GetGetter().GetClrValueUsingContainingEntity(entity));
            changes[prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = new { from = (object?)null, to = value };
        }
    }

    private static object? Show(object? value) => value switch
    {
        null => null,
        Geometry geometry => geometry.AsText(),
        System.Collections.IEnumerable list and not string => string.Join(", ", list.Cast<object>()),
        Enum e => e.ToString(),
        _ => value,
    };
}
