namespace Warehouse.Web.Components;

/// <summary>
/// A friendly, localised page for every error answer without a body. GET requests are re-executed as
/// <c>/status/{code}</c>; a page renders only for GET, so a rejected form post (a stale antiforgery
/// token, say) is redirected there instead of ending on an empty page.
/// </summary>
public static class StatusPages
{
    public static void UseFriendlyStatusPages(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.Use(async (http, next) =>
        {
            await next(http);
            var response = http.Response;
            if (response is { HasStarted: false, StatusCode: >= 400 and < 600 }
                && response.ContentLength is null or 0
                && !HttpMethods.IsGet(http.Request.Method)
                && !HttpMethods.IsHead(http.Request.Method))
            {
                var status = response.StatusCode;
                response.Clear();
                response.Redirect($"/status/{status}");
            }
        });
    }
}
