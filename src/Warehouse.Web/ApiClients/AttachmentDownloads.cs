using Polly;
using Warehouse.Web.Auth;

namespace Warehouse.Web.ApiClients;

/// <summary>
/// The browser downloads a certification attachment through the web (it has no API token of its own): the web fetches it
/// as the signed-in user and passes the bytes on as a download, never rendered inline.
/// </summary>
public static class AttachmentDownloads
{
    public static void MapAttachmentDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/operator/certification/{applicationId:guid}/attachments/{attachmentId:guid}", DownloadAsync).RequireAuthorization();
    }

    private static async Task<IResult> DownloadAsync(
        Guid applicationId, Guid attachmentId, IOperatorCertificationApi api, HttpContext http, ILogger<IOperatorCertificationApi> logger)
    {
        HttpResponseMessage response;
        try
        {
            response = await api.DownloadAttachmentAsync(applicationId, attachmentId, http.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or Refit.ApiRequestException or ExecutionRejectedException or OperationCanceledException or Refit.ApiException)
        {
            logger.LogWarning(ex, "The API is unavailable");
            // Re-executed as the friendly status page.
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status == StatusCodes.Status401Unauthorized)
            {
                await WebSession.SignOutAsync(http);
                return Results.Redirect("/account/login?ReturnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            }
            if (status is 403 or 404) return Results.NotFound();
            if (!response.IsSuccessStatusCode) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);

            // At most 10 MiB (the API's limit), so buffering it is fine.
            var content = await response.Content.ReadAsByteArrayAsync(http.RequestAborted);
            var headers = response.Content.Headers;
            var name = headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"') ?? "attachment";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (response.Headers.TryGetValues("X-Content-SHA256", out var sha)) http.Response.Headers["X-Content-SHA256"] = sha.First();
            return Results.File(content, headers.ContentType?.MediaType ?? "application/octet-stream", name);
        }
    }
}
