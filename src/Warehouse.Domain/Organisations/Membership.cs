namespace Warehouse.Domain.Organisations;

/// <summary>A user's membership of one organisation with one role. The membership is what makes a user act for a tenant.</summary>
public sealed class Membership : ITenantOwned
{
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    public MembershipRole Role { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }

    private Membership() { }

    public static Membership Create(Organisation organisation, Guid userId, MembershipRole role, DateTimeOffset now)
    {
        if (!role.IsValidFor(organisation.Kind))
            throw new DomainException("role.invalidForKind", $"The role {role} does not exist in a {organisation.Kind} organisation.", "role");
        return new Membership { TenantId = organisation.Id, UserId = userId, Role = role, JoinedAt = now };
    }
}
