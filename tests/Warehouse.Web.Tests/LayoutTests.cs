using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class LayoutTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_site_stylesheet_is_served_and_applied_when_running_from_build_output()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        // app.css gives the header a white background and a bottom border; unstyled it has neither.
        var header = page.Locator(".site-header");
        await Expect(header).ToHaveCSSAsync("background-color", "rgb(255, 255, 255)");
        await Expect(header).ToHaveCSSAsync("border-bottom-style", "solid");
        await Expect(page.Locator(".entry-points")).ToHaveCSSAsync("display", "grid");
        // The site's own sheet; Leaflet's and the operator/bureau pages' sheets have links of their own.
        await Expect(page.Locator("link[rel=stylesheet][href^='app.']")).ToHaveAttributeAsync("href", new Regex(@"^app\.[a-z0-9]+\.css$"));
    }
}
