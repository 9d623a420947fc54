using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Platform.Tenancy;

/// <summary>
/// Who may call an endpoint. Every endpoint declares exactly one; the tenancy middleware enforces it and the
/// isolation-matrix test enumerates every endpoint and fails on any without one.
/// </summary>
/// <param name="AllowsAnonymous">Anyone may call, signed in or not.</param>
/// <param name="RequiresTenant">The caller must act for one of their organisations (the request's tenant).</param>
/// <param name="Kinds">Organisation kinds whose members may call; empty means any kind.</param>
/// <param name="AdminOnly">Only the organisation's admins may call.</param>
public sealed record AccessRule(bool AllowsAnonymous, bool RequiresTenant, IReadOnlySet<OrganisationKind> Kinds, bool AdminOnly)
{
    public bool Permits(OrganisationKind kind, MembershipRole role)
        => (Kinds.Count == 0 || Kinds.Contains(kind)) && (!AdminOnly || role.IsAdmin());

    public override string ToString() => AllowsAnonymous ? "anonymous"
        : !RequiresTenant ? "signed-in"
        : $"{(AdminOnly ? "admins" : "members")} of {(Kinds.Count == 0 ? "any organisation" : string.Join("/", Kinds))}";
}

public static class Access
{
    public static readonly AccessRule Anonymous = new(true, false, new HashSet<OrganisationKind>(), false);
    public static readonly AccessRule SignedIn = new(false, false, new HashSet<OrganisationKind>(), false);

    /// <summary>Members of an organisation of one of <paramref name="kinds"/> (any kind when none given), acting for it.</summary>
    public static AccessRule Members(params OrganisationKind[] kinds) => new(false, true, kinds.ToHashSet(), false);

    /// <summary>Admins (operator/trader admin, bureau admin) of an organisation of one of <paramref name="kinds"/>.</summary>
    public static AccessRule Admins(params OrganisationKind[] kinds) => new(false, true, kinds.ToHashSet(), true);

    /// <summary>Declares who may call the endpoint(s); the single source of truth for both enforcement and the isolation tests.</summary>
    public static TBuilder WithAccess<TBuilder>(this TBuilder builder, AccessRule rule) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(rule);
        if (rule.AllowsAnonymous) builder.AllowAnonymous();
        else builder.RequireAuthorization();
        return builder;
    }
}
