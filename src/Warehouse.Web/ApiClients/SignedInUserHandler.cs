using System.Globalization;
using System.Net.Http.Headers;
using Warehouse.Web.Auth;

namespace Warehouse.Web.ApiClients;

/// <summary>
/// Calls the API as the signed-in user: their bearer token, the organisation they selected, and
/// the language they read the site in (so the API can answer messages in it), and the visitor's address.
/// </summary>
public sealed class SignedInUserHandler(IHttpContextAccessor httpContextAccessor) : DelegatingHandler
{
    public const string OrganisationHeader = "X-Organisation-Id";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var user = httpContextAccessor.HttpContext?.User;
        if (user?.FindFirst(WebClaims.AccessToken)?.Value is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (user?.FindFirst(WebClaims.OrganisationId)?.Value is { Length: > 0 } organisationId)
        {
            request.Headers.Remove(OrganisationHeader);
            request.Headers.Add(OrganisationHeader, organisationId);
        }
        // The API rate-limits sign-in per client address; without this every visitor would share the web server's one.
        if (httpContextAccessor.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.Add("X-Forwarded-For", address.ToString());
        }
        request.Headers.AcceptLanguage.Clear();
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(CultureInfo.CurrentUICulture.Name));
        return base.SendAsync(request, cancellationToken);
    }
}
