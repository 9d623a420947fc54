using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Warehouse.Api.Tests.Feeds;

/// <summary>
/// An operator's warehouse system under the test's control: a real Kestrel server on 127.0.0.1 whose answer to
/// <c>GET …/availability</c> the test sets (<see cref="Behaviour"/>): correct, 500, 429 with Retry-After, no answer,
/// a slow drip, malformed JSON, a 50 MB body, or any mix. Every request is recorded with its time and headers.
/// </summary>
public sealed class FakeWms : IAsyncDisposable
{
    private readonly WebApplication app;
    private volatile Func<HttpContext, int, Task> behaviour = (http, _) => Status(http, 404);
    private int count;

    public sealed record Received(DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers);

    public ConcurrentQueue<Received> Requests { get; } = new();
    public string BaseUrl { get; private set; } = "";

    /// <summary>What the server does with the n-th request (n counts from 1 across the server's life).</summary>
    public Func<HttpContext, int, Task> Behaviour { get => behaviour; set => behaviour = value; }

    private FakeWms()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MinResponseDataRate = null).UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(async http =>
        {
            var n = Interlocked.Increment(ref count);
            Requests.Enqueue(new Received(DateTimeOffset.UtcNow, http.Request.Path + http.Request.QueryString,
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            try
            {
                await behaviour(http, n);
            }
            catch (Exception) when (http.RequestAborted.IsCancellationRequested)
            {
                // The platform gave up on us (timeout, size limit): that is the point of the test.
            }
        });
    }

    public static async Task<FakeWms> StartAsync()
    {
        var wms = new FakeWms();
        await wms.app.StartAsync();
        wms.BaseUrl = wms.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return wms;
    }

    public int Count(string? pathPrefix = null) => Requests.Count(r => pathPrefix is null || r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    // Behaviours ------------------------------------------------------------------------------------------------------

    public static Func<HttpContext, int, Task> Json(JsonNode body) => (http, _) => Write(http, 200, body.ToJsonString());

    public static Func<HttpContext, int, Task> Json(Func<JsonNode> body) => (http, _) => Write(http, 200, body().ToJsonString());

    public static Task Status(HttpContext http, int status, string? retryAfter = null)
    {
        if (retryAfter is not null) http.Response.Headers.RetryAfter = retryAfter;
        return Write(http, status, """{"error":"partner failure"}""");
    }

    public static Task Write(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>Headers sent, then one byte every <paramref name="every"/>: a body that never finishes in time.</summary>
    public static Func<HttpContext, int, Task> Drip(TimeSpan every) => async (http, _) =>
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"contract\":\""), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        for (var i = 0; i < 600; i++)
        {
            await Task.Delay(every, http.RequestAborted);
            await http.Response.Body.WriteAsync("w"u8.ToArray(), http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
    };

    /// <summary>Never answers (until the platform gives up).</summary>
    public static Func<HttpContext, int, Task> Hang() => (http, _) => Task.Delay(Timeout.Infinite, http.RequestAborted);

    /// <summary>A syntactically valid start of a 50 MB JSON document, streamed without a length.</summary>
    public static Func<HttpContext, int, Task> Huge(int megabytes = 50) => async (http, _) =>
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        var chunk = Encoding.UTF8.GetBytes(new string(' ', 64 * 1024));
        await http.Response.Body.WriteAsync("{\"contract\":\"warehouse-availability/v1\",\"padding\":\""u8.ToArray(), http.RequestAborted);
        for (var i = 0; i < megabytes * 16; i++) await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
        await http.Response.Body.WriteAsync("\"}"u8.ToArray(), http.RequestAborted);
    };
}
