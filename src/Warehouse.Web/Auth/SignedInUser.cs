using System.Security.Claims;
using System.Text.Json;
using Warehouse.Web.ApiClients;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.Auth;

/// <summary>The signed-in user as the web's session cookie describes them.</summary>
public sealed record SignedInUser(
    Guid UserId,
    string Email,
    string DisplayName,
    IReadOnlyList<Membership> Memberships,
    Guid? OrganisationId)
{
    public Membership? CurrentMembership => Memberships.FirstOrDefault(m => m.OrganisationId == OrganisationId);

    /// <summary>The session's user, or null when the principal is anonymous or not one of ours.</summary>
    public static SignedInUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }
        var memberships = principal.FindFirstValue(WebClaims.Memberships) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<Membership>>(json, ApiJson.Options) ?? []
            : [];
        Guid? organisationId = Guid.TryParse(principal.FindFirstValue(WebClaims.OrganisationId), out var id) ? id : null;
        return new SignedInUser(
            userId,
            principal.FindFirstValue(ClaimTypes.Email) ?? "",
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            memberships,
            organisationId);
    }
}
