using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Warehouse.Web.ApiClients;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.Auth;

/// <summary>
/// The web's session: a cookie holding the API token and memberships, living no longer than the
/// token it carries.
/// </summary>
public static class WebSession
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static Task SignInAsync(HttpContext http, LoginResult login)
    {
        var organisationId = login.Memberships.FirstOrDefault()?.OrganisationId;
        return http.SignInAsync(
            Scheme,
            Principal(login.User, login.AccessToken, login.Memberships, organisationId),
            new AuthenticationProperties { ExpiresUtc = login.ExpiresAt, IsPersistent = false });
    }

    /// <summary>Acts for another of the user's organisations; false if the user is not a member of it.</summary>
    public static async Task<bool> SelectOrganisationAsync(HttpContext http, Guid organisationId)
    {
        var session = await http.AuthenticateAsync(Scheme);
        var user = session.Principal is null ? null : SignedInUser.From(session.Principal);
        var token = session.Principal?.FindFirstValue(WebClaims.AccessToken);
        if (user is null || token is null || user.Memberships.All(m => m.OrganisationId != organisationId))
        {
            return false;
        }
        var principal = Principal(new UserSummary(user.UserId, user.Email, user.DisplayName), token, user.Memberships, organisationId);
        await http.SignInAsync(Scheme, principal, session.Properties);
        return true;
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    private static ClaimsPrincipal Principal(
        UserSummary user, string accessToken, IReadOnlyList<Membership> memberships, Guid? organisationId)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Name, user.DisplayName),
            new(WebClaims.AccessToken, accessToken),
            new(WebClaims.Memberships, JsonSerializer.Serialize(memberships, ApiJson.Options)),
        ];
        if (organisationId is { } id)
        {
            claims.Add(new Claim(WebClaims.OrganisationId, id.ToString()));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }
}
