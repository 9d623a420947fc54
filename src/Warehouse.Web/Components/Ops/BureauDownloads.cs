using Warehouse.Web.ApiClients;
using Warehouse.Web.Auth;
using Warehouse.Web.Localization;

namespace Warehouse.Web.Components.Ops;

/// <summary>
/// Files the bureau downloads (exports, application attachments) come through the web: the browser holds only the
/// web's cookie, so the web calls the API with the signed-in user's bearer token (SignedInUserHandler) and passes the
/// file on with its type and name. A failure ends on the friendly status page (an answer without a body), never an
/// exception; an expired API session signs the web session out and asks the user to sign in again.
/// </summary>
public static class BureauDownloads
{
    public static void MapBureauDownloads(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/bureau/files").RequireAuthorization();
        files.MapGet("/exports/progress", (HttpContext http, IBureauCertificationApi api, ILoggerFactory logs, string? format) =>
            PassOnAsync(http, logs, ct => api.ExportProgressAsync(Format(format), Lang, ct)));
        files.MapGet("/exports/certifications", (HttpContext http, IBureauCertificationApi api, ILoggerFactory logs, string? format, Guid? programmeId) =>
            PassOnAsync(http, logs, ct => api.ExportCertificationsAsync(Format(format), Lang, programmeId, ct)));
        files.MapGet("/exports/subsidies/{programmeId:guid}", (HttpContext http, IBureauCertificationApi api, ILoggerFactory logs, Guid programmeId, string? format) =>
            PassOnAsync(http, logs, ct => api.ExportSubsidiesAsync(programmeId, Format(format), Lang, ct)));
        files.MapGet("/attachments/{applicationId:guid}/{attachmentId:guid}", (HttpContext http, IBureauCertificationApi api, ILoggerFactory logs, Guid applicationId, Guid attachmentId) =>
            PassOnAsync(http, logs, ct => api.DownloadAttachmentAsync(applicationId, attachmentId, ct)));
    }

    /// <summary>The export's column headings follow the language the user reads the site in.</summary>
    private static string Lang => SupportedCultures.IsEnglish ? "en" : "zh";

    private static string Format(string? format) => format is "xlsx" ? "xlsx" : "csv";

    private static async Task<IResult> PassOnAsync(HttpContext http, ILoggerFactory logs, Func<CancellationToken, Task<HttpResponseMessage>> call)
    {
        HttpResponseMessage response;
        try
        {
            response = await call(http.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or Polly.ExecutionRejectedException)
        {
            logs.CreateLogger(typeof(BureauDownloads)).LogWarning(ex, "A download from the API failed");
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        http.Response.RegisterForDispose(response);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var content = response.Content;
            var type = content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            var name = content.Headers.ContentDisposition?.FileNameStar ?? content.Headers.ContentDisposition?.FileName?.Trim('"');
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(await content.ReadAsByteArrayAsync(http.RequestAborted), type, name);
        }
        if (status == StatusCodes.Status401Unauthorized)
        {
            await WebSession.SignOutAsync(http);
            return Results.Redirect("/account/login?ReturnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
        }
        // 403 and 404 alike: nothing here for this user. Other failures: the API's fault or a bad link.
        return Results.StatusCode(status is 403 or 404 ? 404 : status >= 500 ? 503 : 400);
    }
}
