using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Platform.Tenancy;

/// <summary>
/// Who the current unit of work acts for: one user and at most one organisation (the tenant). Scoped per request
/// or per explicit job scope, and set once: a second, different value is a bug, so it throws instead of switching.
/// Everything that filters data by tenant reads it from here; nothing static holds it.
/// </summary>
public sealed class TenantContext
{
    public Guid? UserId { get; private set; }
    public Guid? TenantId { get; private set; }
    public OrganisationKind? Kind { get; private set; }
    public MembershipRole? Role { get; private set; }

    /// <summary>
    /// The tenant is the user's membership (as a request resolves it), not a deliberate scope (a job, an operator's
    /// unit of work for a trader's booking, registration): every unit of work then has the database check that the
    /// membership still holds as it sets the tenant (<see cref="Data.TenantTransactionInterceptor"/>).
    /// </summary>
    public bool FromMembership { get; private set; }

    /// <summary>
    /// The roles the request's endpoint admits for this membership's kind: what the database checks the membership
    /// against (a role changed since it was remembered still passes if the endpoint admits it).
    /// </summary>
    public IReadOnlyList<MembershipRole> AdmittedRoles { get; private set; } = [];

    public Guid RequiredTenantId => TenantId ?? throw new InvalidOperationException("No tenant is set for this unit of work.");
    public Guid RequiredUserId => UserId ?? throw new InvalidOperationException("No user is set for this unit of work.");

    public void SetUser(Guid userId)
    {
        if (UserId is { } current && current != userId)
            throw new InvalidOperationException("The user of this unit of work is already set.");
        UserId = userId;
    }

    /// <summary>The tenant of a request: the signed-in user's membership, checked again by each unit of work.</summary>
    public void SetMember(Guid tenantId, OrganisationKind kind, MembershipRole role, IReadOnlyList<MembershipRole> admittedRoles)
    {
        SetTenant(tenantId, kind, role);
        FromMembership = true;
        AdmittedRoles = admittedRoles;
    }

    public void SetTenant(Guid tenantId, OrganisationKind kind, MembershipRole? role)
    {
        if (TenantId is not null)
            throw new InvalidOperationException("The tenant of this unit of work is already set.");
        TenantId = tenantId;
        Kind = kind;
        Role = role;
    }
}
