using System.Security.Cryptography;

namespace Warehouse.Domain.Organisations;

/// <summary>
/// An admin's invitation for a person to join the organisation with a role. Only the SHA-256 hash of the secret is
/// stored; the token given to the invitee carries the organisation id so acceptance can open that tenant's scope
/// explicitly. Invariants: accepted or revoked at most once; never usable after <see cref="ExpiresAt"/>.
/// </summary>
public sealed class Invitation : ITenantOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid TenantId { get; private set; }
    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public MembershipRole Role { get; private set; }
    public byte[] SecretHash { get; private set; } = [];
    public Guid InvitedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    private Invitation() { }

    /// <summary>Creates the invitation and returns the one-time token to hand to the invitee.</summary>
    public static (Invitation Invitation, string Token) Create(
        Organisation organisation, string email, MembershipRole role, Guid invitedBy, DateTimeOffset now)
    {
        if (!role.IsValidFor(organisation.Kind))
            throw new DomainException("role.invalidForKind", $"The role {role} does not exist in a {organisation.Kind} organisation.", "role");
        var secret = RandomNumberGenerator.GetBytes(32);
        var invitation = new Invitation
        {
            TenantId = organisation.Id,
            Id = Guid.CreateVersion7(now),
            Email = EmailAddress.Normalise(email, "email"),
            Role = role,
            SecretHash = SHA256.HashData(secret),
            InvitedBy = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        return (invitation, $"{organisation.Id:N}.{Base64Url(secret)}");
    }

    /// <summary>Splits a token into the organisation it names and the hash of its secret; false when malformed.</summary>
    public static bool TryReadToken(string? token, out Guid organisationId, out byte[] secretHash)
    {
        organisationId = Guid.Empty;
        secretHash = [];
        var parts = (token ?? "").Split('.');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out organisationId)) return false;
        try
        {
            var secret = Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/') + new string('=', (4 - parts[1].Length % 4) % 4));
            if (secret.Length != 32) return false;
            secretHash = SHA256.HashData(secret);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public bool IsPending(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    public void Accept(DateTimeOffset now)
    {
        if (!IsPending(now)) throw new DomainException("invitation.notPending", "This invitation has expired, was revoked or was already used.", "token");
        AcceptedAt = now;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (AcceptedAt is not null) throw new DomainException("invitation.accepted", "An accepted invitation cannot be revoked; remove the member instead.");
        RevokedAt ??= now;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
