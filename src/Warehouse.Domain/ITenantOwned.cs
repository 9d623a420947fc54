namespace Warehouse.Domain;

/// <summary>
/// Marks data that belongs to exactly one organisation (the tenant). Its <see cref="TenantId"/> is stamped when it is
/// first saved and never changes; the persistence layer filters, stamps and guards it, and the database enforces it
/// with row-level security.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
