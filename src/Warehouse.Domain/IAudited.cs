namespace Warehouse.Domain;

/// <summary>Marks an entity whose every change is recorded in the audit trail: who, when, and each value before and after.</summary>
public interface IAudited
{
    Guid Id { get; }
}
