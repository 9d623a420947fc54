using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>
/// Keeps a screenshot and the HTML of every open page of a failing test under <c>TestResults/web-artifacts/</c>
/// (inside the folder infra/test.sh keeps), so a red CI run shows what the browser saw.
/// <para>
/// Every context from <see cref="PlatformFixture.NewContextAsync"/> is wrapped by <see cref="Track"/>; nothing in a
/// test changes. A test's browser context is closed by the test's own <c>await using</c>, while a failure is still
/// unwinding and before xunit records it, so the failure is noticed as it is thrown: an assertion exception (xunit's
/// or Playwright's, including its timeouts) seen in a test's async flow marks that test, and the wrapper saves the
/// pages of a marked test before it lets the context close. A caught assertion exception marks a test too; that
/// only leaves extra artifacts behind.
/// </para>
/// </summary>
public static class WebArtifacts
{
    private static readonly ConcurrentDictionary<string, byte> FailingTests = new();
    private static int sequence;

    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "TestResults", "web-artifacts");

    static WebArtifacts()
    {
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (e.Exception is not (Xunit.Sdk.IAssertionException or PlaywrightException)) return;
            if (CurrentTestId() is { } id) FailingTests.TryAdd(id, 0);
        };
    }

    /// <summary>The context, wrapped so that closing it first saves its pages when its test is failing.</summary>
    public static IBrowserContext Track(IBrowserContext context)
    {
        var proxy = DispatchProxy.Create<IBrowserContext, ContextProxy>();
        ((ContextProxy)(object)proxy).Attach(context, CurrentTestId(), TestContext.Current.Test?.TestDisplayName);
        return proxy;
    }

    private static string? CurrentTestId() => TestContext.Current.Test?.UniqueID;

    /// <summary>Saves every open page of <paramref name="context"/> as PNG and HTML; never throws (the failure that led here matters more).</summary>
    public static async Task SaveAsync(IBrowserContext context, string testName)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            var stem = $"{Regex.Replace(testName, @"[^A-Za-z0-9_.-]+", "_")}";
            if (stem.Length > 200) stem = stem[..200];
            foreach (var page in context.Pages.Where(p => !p.IsClosed))
            {
                var name = $"{stem}-{DateTime.UtcNow:HHmmss}-{Interlocked.Increment(ref sequence)}";
                try
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true, Timeout = 10_000 });
                }
                catch (PlaywrightException)
                {
                    // A page that cannot be drawn (crashed, navigating) may still give its HTML.
                }
                var html = await page.ContentAsync();
                await File.WriteAllTextAsync(Path.Combine(Folder, name + ".html"), $"<!-- {page.Url} -->\n{html}");
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not keep the web artifacts of {testName}: {ex.Message}");
        }
    }

    /// <summary>Forwards every member to the real context; closing or disposing first saves the pages of a failing test.</summary>
    public class ContextProxy : DispatchProxy
    {
        private IBrowserContext inner = default!;
        private string? testId;
        private string testName = "unknown-test";
        private int saved;

        internal void Attach(IBrowserContext context, string? id, string? name)
        {
            inner = context;
            testId = id;
            testName = name ?? testName;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IAsyncDisposable.DisposeAsync) && targetMethod.GetParameters().Length == 0)
                return DisposeAsync();
            if (targetMethod.Name == nameof(IBrowserContext.CloseAsync))
                return CloseAsync((BrowserContextCloseOptions?)args?[0]);
            try
            {
                return targetMethod.Invoke(inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        private async Task SaveIfFailingAsync()
        {
            if (testId is not null && FailingTests.ContainsKey(testId) && Interlocked.Exchange(ref saved, 1) == 0)
                await SaveAsync(inner, testName);
        }

        private async ValueTask DisposeAsync()
        {
            await SaveIfFailingAsync();
            await inner.DisposeAsync();
        }

        private async Task CloseAsync(BrowserContextCloseOptions? options)
        {
            await SaveIfFailingAsync();
            await inner.CloseAsync(options);
        }
    }
}
