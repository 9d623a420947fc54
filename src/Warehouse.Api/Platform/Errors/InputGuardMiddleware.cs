namespace Warehouse.Api.Platform.Errors;

/// <summary>
/// Guards what JSON binding does not see: query-string and route values with NUL or unpaired surrogates are a 400
/// naming the parameter, and a body larger than the endpoint's limit is a 413 before any of it is read.
/// </summary>
public sealed class InputGuardMiddleware(RequestDelegate next, IConfiguration configuration)
{
    private readonly long defaultBodyLimit = configuration.GetValue("Limits:MaxRequestBodyBytes", 1L << 20);

    public async Task InvokeAsync(HttpContext http)
    {
        foreach (var (name, values) in http.Request.Query)
        {
            foreach (var value in values)
            {
                if (value is not null && TextGuard.Problem(value) is { } problem)
                {
                    await Problems.Write(http, 400, "text.invalid", $"Query parameter '{name}': {problem}");
                    return;
                }
            }
        }
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (value is string text && TextGuard.Problem(text) is { } problem)
            {
                await Problems.Write(http, 400, "text.invalid", $"Route parameter '{name}': {problem}");
                return;
            }
        }

        var limit = http.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? defaultBodyLimit;
        if (http.Request.ContentLength > limit)
        {
            await Problems.Write(http, 413, "request.tooLarge", $"The request body is larger than {limit} bytes.");
            return;
        }
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        if (http.Request.ContentLength is null && (HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method) || HttpMethods.IsPatch(http.Request.Method)))
        {
            // A body without a declared length (chunked) is measured before anyone reads it, whatever the server's own limits are.
            if (await ExceedsAsync(http.Request, limit))
            {
                await Problems.Write(http, 413, "request.tooLarge", $"The request body is larger than {limit} bytes.");
                return;
            }
        }

        await next(http);
    }

    private static async Task<bool> ExceedsAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength is not null) return false;
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit + 1);
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                total += read;
                if (total > limit) return true;
            }
        }
        catch (IOException) when (total >= limit)
        {
            return true; // the buffer's own limit stopped it
        }
        request.Body.Position = 0;
        return false;
    }
}

/// <summary>Endpoint metadata raising or lowering the body size limit for one endpoint (uploads).</summary>
public sealed record BodyLimit(long Bytes);
