using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Warehouse.Web.Auth;

/// <summary>Form posts that change the session and redirect.</summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        // Checked here because an endpoint that binds nothing from the form is not checked for us.
        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }
            await WebSession.SignOutAsync(http);
            return Results.LocalRedirect("/");
        });

        app.MapPost("/account/select-organisation", async (
            HttpContext http, IAntiforgery antiforgery, [FromForm] Guid organisationId, [FromForm] string? returnUrl) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }
            await WebSession.SelectOrganisationAsync(http, organisationId);
            return Results.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/dashboard"));
        }).RequireAuthorization();
    }
}
