using System.Security.Cryptography;
using Microsoft.Playwright;
using Warehouse.Web.Tests;
using Warehouse.Web.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PlatformFixture))]

namespace Warehouse.Web.Tests;

/// <summary>
/// The real platform for the whole test run: the Api (after migrating its database) and the Web
/// started from their build output as child processes, plus one headless Chromium. Every test gets
/// a fresh browser context, so cookies never leak between tests.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private const string DatabaseName = "warehouse_web_tests";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly string logDirectory = Path.Combine(
        AppContext.BaseDirectory, "platform-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Environment.ProcessId);
    private readonly List<ChildProcess> processes = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string ApiBaseUrl { get; private set; } = "";
    public string WebBaseUrl { get; private set; } = "";
    /// <summary>The first bureau admin the Api creates from its configuration (fresh per run: infra/test.sh starts a new cluster).</summary>
    public string BureauAdminEmail { get; } = $"bureau-{Guid.NewGuid():N}@web-tests.example.com";
    public string BureauAdminPassword { get; } = $"Bureau-{RandomNumberGenerator.GetHexString(16)}-9aZ!";

    /// <summary>Talks to the Api directly, for setting up data a test is not about.</summary>
    public HttpClient Api { get; private set; } = default!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // Leave no process behind when the platform cannot start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var ownerConnection = RequiredEnvironment("WAREHOUSE_TEST_OWNER_CONNECTION");
        var appConnection = RequiredEnvironment("WAREHOUSE_TEST_APP_CONNECTION");
        var apiOutput = RequiredBuildOutput("Warehouse.Api");
        RequiredBuildOutput("Warehouse.Web");

        var apiPort = FreePort.Next();
        ApiBaseUrl = $"http://127.0.0.1:{apiPort}";
        var apiEnvironment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Owner"] = WithDatabase(ownerConnection),
            ["ConnectionStrings__App"] = WithDatabase(appConnection),
            ["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Bureau__AdminEmail"] = BureauAdminEmail,
            ["Bureau__AdminPassword"] = BureauAdminPassword,
            // Every sign-in of every test comes from 127.0.0.1; these tests are not about the rate limit.
            ["RateLimits__AuthPerMinute"] = "600",
        };

        await using (var migrate = ChildProcess.Start("api-migrate", apiOutput, ["Warehouse.Api.dll", "migrate"], apiEnvironment, logDirectory))
        {
            if (!await migrate.WaitForExitAsync(TimeSpan.FromMinutes(3)) || migrate.ExitCode != 0)
            {
                throw new InvalidOperationException($"Migrating the test database failed.\n{migrate.Describe()}");
            }
        }

        var api = Track(ChildProcess.Start(
            "api", apiOutput, ["Warehouse.Api.dll", "--urls", ApiBaseUrl], apiEnvironment, logDirectory));
        Api = new HttpClient { BaseAddress = new Uri(ApiBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilServingAsync(api, new Uri(new Uri(ApiBaseUrl), "/health/ready"));

        var web = await StartWebAsync(ApiBaseUrl);
        processes.Add(web.Process);
        WebBaseUrl = web.BaseUrl;

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WAREHOUSE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// Starts a Web (in the Production environment, as deployed) talking to the Api at
    /// <paramref name="apiBaseUrl"/>, and waits until its home page answers.
    /// </summary>
    public async Task<WebInstance> StartWebAsync(string apiBaseUrl)
    {
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var process = ChildProcess.Start(
            $"web-{port}",
            RequiredBuildOutput("Warehouse.Web"),
            ["Warehouse.Web.dll", "--urls", baseUrl],
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Api__BaseUrl"] = apiBaseUrl,
            },
            logDirectory);
        var instance = new WebInstance(baseUrl, process);
        try
        {
            await WaitUntilServingAsync(process, new Uri(baseUrl + "/"));
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
        return instance;
    }

    /// <summary>A browser context of its own (cookies included) whose relative URLs go to <paramref name="baseUrl"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? WebBaseUrl,
            // The site must start in Chinese whatever language the browser asks for.
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        // Closing it keeps a screenshot and the HTML of its pages when the test is failing (TestResults/web-artifacts).
        return WebArtifacts.Track(context);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        Api?.Dispose();
        browser = null;
        playwright = null;
        foreach (var process in Enumerable.Reverse(processes))
        {
            await process.DisposeAsync();
        }
        processes.Clear();
    }

    private ChildProcess Track(ChildProcess process)
    {
        processes.Add(process);
        return process;
    }

    private static async Task WaitUntilServingAsync(ChildProcess process, Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        string lastAnswer = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited before serving {url}.\n{process.Describe()}");
            }
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                lastAnswer = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                lastAnswer = ex.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{url} did not answer 2xx within {StartupTimeout} (last: {lastAnswer}).\n{process.Describe()}");
    }

    private static string RequiredEnvironment(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. The web tests run the real Api against PostgreSQL: set WAREHOUSE_TEST_OWNER_CONNECTION " +
                "and WAREHOUSE_TEST_APP_CONNECTION to connection strings without a Database (the tests use " +
                $"'{DatabaseName}'), as the test script does.");

    private static string RequiredBuildOutput(string project)
    {
        var folder = RepoPaths.BuildOutput(project);
        return File.Exists(Path.Combine(folder, project + ".dll"))
            ? folder
            : throw new InvalidOperationException($"{project}.dll is not in {folder}: build the solution first (dotnet build Warehouse.sln -c {RepoPaths.Configuration}).");
    }

    private static string WithDatabase(string connectionString) => connectionString.TrimEnd(';', ' ') + ";Database=" + DatabaseName;
}

/// <summary>A running Web; disposing it stops it.</summary>
public sealed class WebInstance(string baseUrl, ChildProcess process) : IAsyncDisposable
{
    public string BaseUrl { get; } = baseUrl;
    public ChildProcess Process { get; } = process;

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
