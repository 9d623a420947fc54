using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;

namespace Warehouse.Web.Tests;

/// <summary>axe-core (Deque.AxeCore.Playwright) finds nothing serious or critical on the main pages, with real content on them.</summary>
public sealed class AccessibilityTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_main_pages_have_no_serious_or_critical_accessibility_violations()
    {
        var failures = new List<string>();
        await using (var anonymous = await platform.NewContextAsync())
        {
            var page = await anonymous.NewPageAsync();
            foreach (var url in new[] { "/", "/account/login", "/account/register" })
                await CheckAsync(page, url, failures);
        }

        var trader = await TraderPages.CreateAsync(platform);
        await using (var context = await platform.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await trader.SignInAsync(page);
            foreach (var url in new[] { "/dashboard", trader.SearchWithResults, trader.ListingUrl, trader.QuoteUrl, "/bookings" })
                await CheckAsync(page, url, failures);
        }

        Assert.True(failures.Count == 0, "axe-core found:\n" + string.Join("\n", failures));
    }

    private static async Task CheckAsync(IPage page, string url, List<string> failures)
    {
        await page.GotoAsync(url);
        await TraderPages.WaitForContentAsync(page, url);
        foreach (var violation in await PageChecks.SeriousAccessibilityViolationsAsync(page)) failures.Add($"{url}: {violation}");
    }
}
