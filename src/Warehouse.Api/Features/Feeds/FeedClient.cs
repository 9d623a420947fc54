using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Refit;

namespace Warehouse.Api.Features.Feeds;

/// <summary>The partner side of the availability contract, as the platform polls it.</summary>
public interface IFeedPartnerApi
{
    /// <summary><c>GET {baseUrl}/availability</c>: the warehouse's current availability, <see cref="AvailabilityUpdate.V1"/>.</summary>
    [Get("/availability")]
    Task<AvailabilityUpdate> GetAvailabilityAsync(
        [Property(FeedClient.FeedIdOption)] string feedId, [HeaderCollection] IDictionary<string, string> headers, CancellationToken ct);
}

/// <summary>The <c>Feeds</c> section of configuration. Durations are <see cref="TimeSpan"/> strings.</summary>
public sealed class FeedSettings
{
    public const string Section = "Feeds";
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(30);

    /// <summary>Lets feeds reach loopback and private addresses: tests and private deployments only.</summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>A feed whose last good update is older than this is shown as stale (its data is kept).</summary>
    public TimeSpan StaleAfter { get; set; } = DefaultStaleAfter;
    public int MinPollingIntervalSeconds { get; set; } = 60;
    public long MaxResponseBytes { get; set; } = 1L << 20;
    /// <summary>One try at a partner, body included (a slow drip is cut here).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>All tries and the waits between them.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public int MaxRetries { get; set; } = 2;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>The longest wait between tries, also for a partner's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// Breaker tuned for feed rates: a feed polled once a minute with two retries makes three calls a minute, so the
    /// defaults (100 calls) would never open it. Here two failed polls in the window open it.
    /// </summary>
    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 6;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Pushed updates signed longer ago (or further ahead) than this are refused as replays.</summary>
    public TimeSpan PushWindow { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Feeds polled at once by one node.</summary>
    public int PollConcurrency { get; set; } = 4;
}

/// <summary>
/// Calls a partner's feed through the Refit client on the named <c>HttpClient</c> <see cref="Name"/>: standard
/// resilience handler (outer: total timeout, retries honouring <c>Retry-After</c>, circuit breaker, attempt timeout),
/// partitioned per feed; then <see cref="BoundedBodyHandler"/> per attempt; then a socket handler that connects only
/// where <see cref="OutboundGuard"/> allows.
/// </summary>
public sealed class FeedClient(IHttpClientFactory factory, FeedBreakers breakers)
{
    public const string Name = "feed-partner";
    public const string FeedIdOption = "warehouse.feed-id";
    private static readonly HttpRequestOptionsKey<string> FeedIdKey = new(FeedIdOption);
    private static readonly RefitSettings Refit = new(new SystemTextJsonContentSerializer(AvailabilityUpdate.Json));

    public FeedBreakers Breakers => breakers;

    public async Task<AvailabilityUpdate> FetchAsync(Guid feedId, string baseUrl, FeedAuth auth, string? headerName, string? secret, CancellationToken ct)
    {
        var http = factory.CreateClient(Name);
        http.BaseAddress = new Uri(baseUrl.TrimEnd('/'));
        var api = RestService.For<IFeedPartnerApi>(http, Refit);
        var headers = new Dictionary<string, string> { ["Accept"] = "application/json" };
        if (auth == FeedAuth.ApiKeyHeader && headerName is not null && secret is not null) headers[headerName] = secret;
        if (auth == FeedAuth.Bearer && secret is not null) headers["Authorization"] = new AuthenticationHeaderValue("Bearer", secret).ToString();
        return await api.GetAvailabilityAsync(feedId.ToString(), headers, ct);
    }

    /// <summary>The pipeline partition of a request: its feed, so one failing partner never trips another's breaker.</summary>
    public static string PartitionOf(HttpRequestMessage request)
        => request.Options.TryGetValue(FeedIdKey, out var id) ? id : request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "unknown";

    public static IServiceCollection AddFeedClient(IServiceCollection services, FeedSettings settings)
    {
        services.AddSingleton<FeedBreakers>();
        services.AddTransient<BoundedBodyHandler>();
        services.AddSingleton<FeedClient>();
        var guard = new OutboundGuard(settings.AllowPrivateNetworks);
        services.AddSingleton(guard);
        services.AddHttpClient(Name, client => client.Timeout = settings.TotalTimeout + TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectCallback = guard.ConnectAsync,
                UseProxy = false, // a proxy would connect on our behalf, past the address check
                AllowAutoRedirect = false, // a redirect is a partner error, not a reason to go elsewhere
                UseCookies = false,
                ConnectTimeout = settings.AttemptTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5), // so a changed DNS answer is checked again
            })
            .AddStandardResilienceHandler()
            .Configure((options, provider) =>
            {
                var breakers = provider.GetRequiredService<FeedBreakers>();
                options.TotalRequestTimeout.Timeout = settings.TotalTimeout;
                options.AttemptTimeout.Timeout = settings.AttemptTimeout;
                options.Retry.MaxRetryAttempts = settings.MaxRetries;
                options.Retry.Delay = settings.RetryDelay;
                options.Retry.MaxDelay = settings.MaxRetryDelay;
                options.Retry.BackoffType = DelayBackoffType.Exponential;
                options.Retry.UseJitter = true;
                options.Retry.ShouldRetryAfterHeader = true;
                options.CircuitBreaker.FailureRatio = settings.BreakerFailureRatio;
                options.CircuitBreaker.MinimumThroughput = settings.BreakerMinimumThroughput;
                options.CircuitBreaker.SamplingDuration = settings.BreakerSamplingDuration;
                options.CircuitBreaker.BreakDuration = settings.BreakerBreakDuration;
                options.CircuitBreaker.OnOpened = args => breakers.Set(args.Context, "open");
                options.CircuitBreaker.OnHalfOpened = args => breakers.Set(args.Context, "halfOpen");
                options.CircuitBreaker.OnClosed = args => breakers.Set(args.Context, "closed");
            })
            .SelectPipelineBy(_ => PartitionOf);
        services.AddHttpClient(Name).AddHttpMessageHandler<BoundedBodyHandler>();
        return services;
    }
}

/// <summary>
/// What each node's circuit breakers last said per feed. Breakers live in the node's memory (one per feed partition),
/// so this is per node too; the poller copies it onto the feed after each poll for the operator and the bureau to see.
/// </summary>
public sealed class FeedBreakers
{
    private readonly ConcurrentDictionary<string, string> States = new();

    internal ValueTask Set(ResilienceContext context, string state)
    {
        if (context.GetRequestMessage() is { } request) States[FeedClient.PartitionOf(request)] = state;
        return ValueTask.CompletedTask;
    }

    public string StateOf(Guid feedId) => States.TryGetValue(feedId.ToString(), out var state) ? state : "closed";

    public void Forget(Guid feedId) => States.TryRemove(feedId.ToString(), out _);
}

/// <summary>
/// Reads a partner's answer into memory inside the attempt, at most <see cref="FeedSettings.MaxResponseBytes"/>: a slow
/// drip is cut by the attempt timeout, a 50 MB body is refused after the first MiB instead of being buffered, and the
/// JSON reader afterwards works on bytes already here.
/// </summary>
public sealed class BoundedBodyHandler(FeedSettings settings) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        try
        {
            var limit = settings.MaxResponseBytes;
            if (response.Content.Headers.ContentLength > limit)
                throw new FeedRefusedException($"The partner's answer is larger than {limit} bytes.");
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) throw new FeedRefusedException($"The partner's answer is larger than {limit} bytes.");
                buffer.Write(chunk, 0, read);
            }
            var content = new ByteArrayContent(buffer.ToArray());
            foreach (var header in response.Content.Headers) content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = content;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
