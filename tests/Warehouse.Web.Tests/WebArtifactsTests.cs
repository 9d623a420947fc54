using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class WebArtifactsTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_failed_assertion_leaves_a_screenshot_and_the_html_of_each_open_page_when_its_context_closes()
    {
        var before = Directory.Exists(WebArtifacts.Folder) ? Directory.GetFiles(WebArtifacts.Folder).ToHashSet() : [];
        await using (var context = await platform.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login");
            // The same exception a failing Expect throws; caught here so this test itself passes.
            var failed = await Assert.ThrowsAnyAsync<Microsoft.Playwright.PlaywrightException>(() =>
                Expect(page.Locator("#no-such-element")).ToBeVisibleAsync(new() { Timeout = 200 }));
            Assert.NotNull(failed);
        }

        var kept = Directory.GetFiles(WebArtifacts.Folder).Where(f => !before.Contains(f) && Path.GetFileName(f).Contains(nameof(A_failed_assertion_leaves_a_screenshot_and_the_html_of_each_open_page_when_its_context_closes))).ToList();
        try
        {
            var png = Assert.Single(kept, f => f.EndsWith(".png"));
            Assert.True(new FileInfo(png).Length > 1000);
            var html = Assert.Single(kept, f => f.EndsWith(".html"));
            Assert.Contains("login-form", await File.ReadAllTextAsync(html));
        }
        finally
        {
            // These artifacts are this test's evidence, not a failure to look at.
            foreach (var file in kept) File.Delete(file);
        }
    }
}
