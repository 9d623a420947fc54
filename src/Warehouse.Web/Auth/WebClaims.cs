namespace Warehouse.Web.Auth;

/// <summary>Claims the web keeps in its own session cookie, beside the standard id, email and name.</summary>
public static class WebClaims
{
    /// <summary>The API bearer token issued at sign-in; forwarded on every API call.</summary>
    public const string AccessToken = "warehouse:access_token";

    /// <summary>The user's memberships as returned by the API, serialised as JSON.</summary>
    public const string Memberships = "warehouse:memberships";

    /// <summary>The organisation the user is acting for, one of <see cref="Memberships"/>.</summary>
    public const string OrganisationId = "warehouse:organisation_id";
}
