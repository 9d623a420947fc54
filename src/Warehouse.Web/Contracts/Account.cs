namespace Warehouse.Web.Contracts;

/// <summary>What kind of organisation a tenant is; bureaus are provisioned, never self-registered.</summary>
public enum OrganisationKind
{
    Operator,
    Trader,
    Bureau,
}

/// <summary>A user's role inside one organisation.</summary>
public enum MembershipRole
{
    Admin,
    Staff,
    BureauAdmin,
    BureauOfficer,
}

public sealed record RegistrationRequest(
    OrganisationKind Kind,
    string LegalNameZh,
    string? LegalNameEn,
    string CreditCode,
    string? DistrictCode,
    string ContactName,
    string ContactPhone,
    string ContactEmail,
    string AdminDisplayName,
    string AdminEmail,
    string AdminPassword);

public sealed record RegistrationResult(Guid OrganisationId, Guid UserId);

public sealed record LoginRequest(string Email, string Password);

public sealed record UserSummary(Guid Id, string Email, string DisplayName);

public sealed record Membership(
    Guid OrganisationId,
    OrganisationKind OrganisationKind,
    string LegalNameZh,
    string? LegalNameEn,
    MembershipRole Role)
{
    /// <summary>Admins manage members and invitations of their organisation.</summary>
    public bool IsAdmin => Role is MembershipRole.Admin or MembershipRole.BureauAdmin;
}

public sealed record LoginResult(
    string AccessToken,
    DateTimeOffset ExpiresAt,
    UserSummary User,
    IReadOnlyList<Membership> Memberships);

public sealed record CurrentUser(UserSummary User, IReadOnlyList<Membership> Memberships);

public sealed record AcceptInvitationRequest(string Token, string DisplayName, string Password);

public sealed record AcceptedInvitation(Guid UserId, Guid OrganisationId);
