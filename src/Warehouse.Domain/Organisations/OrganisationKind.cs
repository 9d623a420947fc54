namespace Warehouse.Domain.Organisations;

/// <summary>What an organisation is on the platform. Every organisation is a tenant of its own data.</summary>
public enum OrganisationKind
{
    /// <summary>海外仓运营企业: operates overseas warehouses and publishes capacity and services.</summary>
    Operator,
    /// <summary>外贸企业: an exporter that searches and books capacity.</summary>
    Trader,
    /// <summary>商务局: the city's commerce bureau; sees statistics, certifies, computes subsidies.</summary>
    Bureau,
}

/// <summary>A user's role inside one organisation. Admin/Staff exist in operators and traders; the bureau has its own two.</summary>
public enum MembershipRole
{
    Admin,
    Staff,
    BureauAdmin,
    BureauOfficer,
}

public static class MembershipRoles
{
    /// <summary>Whether <paramref name="role"/> may exist inside an organisation of <paramref name="kind"/>.</summary>
    public static bool IsValidFor(this MembershipRole role, OrganisationKind kind) => kind switch
    {
        OrganisationKind.Bureau => role is MembershipRole.BureauAdmin or MembershipRole.BureauOfficer,
        _ => role is MembershipRole.Admin or MembershipRole.Staff,
    };

    /// <summary>Whether the role administers its organisation (invites members, edits the profile).</summary>
    public static bool IsAdmin(this MembershipRole role) => role is MembershipRole.Admin or MembershipRole.BureauAdmin;
}
