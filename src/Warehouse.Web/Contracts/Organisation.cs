namespace Warehouse.Web.Contracts;

public sealed record OrganisationDetails(
    Guid Id,
    OrganisationKind Kind,
    string LegalNameZh,
    string? LegalNameEn,
    string? CreditCode,
    string? DistrictCode,
    string ContactName,
    string ContactPhone,
    string ContactEmail,
    DateTimeOffset CreatedAt);

public sealed record Member(Guid UserId, string Email, string DisplayName, MembershipRole Role, DateTimeOffset JoinedAt);

public sealed record InvitationRequest(string Email, MembershipRole Role);

/// <summary>The answer to a new invitation; <see cref="Token"/> is shown once and never again.</summary>
public sealed record CreatedInvitation(Guid Id, string Email, MembershipRole Role, string Token, DateTimeOffset ExpiresAt);

public sealed record Invitation(Guid Id, string Email, MembershipRole Role, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt);
