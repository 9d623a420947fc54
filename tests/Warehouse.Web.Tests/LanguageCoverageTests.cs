using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

/// <summary>
/// The main pages of every user group in Chinese and in English: the document's language is right, the heading is
/// translated, and no resource key shows instead of its text. To cover a new page, add its URL to the list of the
/// group that can open it.
/// </summary>
public sealed partial class LanguageCoverageTests(PlatformFixture platform)
{
    private static readonly string[] AnonymousPages = ["/", "/account/login", "/account/register", "/no-such-page"];

    private static string[] TraderPagesOf(TraderPages pages) =>
        ["/dashboard", "/search", pages.SearchWithResults, pages.ListingUrl, pages.QuoteUrl, "/bookings"];

    private static readonly string[] OperatorPages = ["/dashboard", "/operator/certification", "/operator/certification/new"];

    private static readonly string[] BureauPages =
        ["/dashboard", "/bureau", "/bureau/duplicates", "/bureau/certification", "/bureau/programmes", "/bureau/programmes/new", "/bureau/subsidies"];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [Fact]
    public async Task Every_main_page_reads_in_Chinese_and_in_English_without_untranslated_resource_keys()
    {
        var failures = new List<string>();

        await using (var anonymous = await platform.NewContextAsync())
            await CheckPagesAsync(await anonymous.NewPageAsync(), AnonymousPages, failures);

        var trader = await TraderPages.CreateAsync(platform);
        await using (var traderContext = await platform.NewContextAsync())
        {
            var page = await traderContext.NewPageAsync();
            await trader.SignInAsync(page);
            await CheckPagesAsync(page, TraderPagesOf(trader), failures);
        }

        var op = TestOrganisation.NewOperator();
        await op.RegisterThroughApiAsync(platform.Api);
        await using (var operatorContext = await platform.NewContextAsync())
        {
            var page = await operatorContext.NewPageAsync();
            await Forms.SignInAsync(page, op.AdminEmail, op.AdminPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
            await CheckPagesAsync(page, OperatorPages, failures);
        }

        await using (var bureauContext = await platform.NewContextAsync())
        {
            var page = await bureauContext.NewPageAsync();
            await Forms.SignInAsync(page, platform.BureauAdminEmail, platform.BureauAdminPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
            await CheckPagesAsync(page, BureauPages, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Each page in Chinese (the default), then in English, then the context is put back to Chinese.</summary>
    private static async Task CheckPagesAsync(IPage page, IEnumerable<string> urls, List<string> failures)
    {
        foreach (var url in urls)
        {
            await page.GotoAsync("/culture/zh-Hans?returnUrl=" + Uri.EscapeDataString(url));
            await TraderPages.WaitForContentAsync(page, url);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
            var chineseHeading = await page.Locator("h1").First.InnerTextAsync();
            if (!Chinese().IsMatch(chineseHeading)) failures.Add($"{url} (zh): the heading '{chineseHeading}' is not in Chinese");
            foreach (var key in await PageChecks.UntranslatedKeysAsync(page)) failures.Add($"{url} (zh): untranslated '{key}'");

            await page.GotoAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(url));
            await TraderPages.WaitForContentAsync(page, url);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            var englishHeading = await page.Locator("h1").First.InnerTextAsync();
            if (Chinese().IsMatch(englishHeading)) failures.Add($"{url} (en): the heading '{englishHeading}' is still Chinese");
            foreach (var key in await PageChecks.UntranslatedKeysAsync(page)) failures.Add($"{url} (en): untranslated '{key}'");
        }
        await page.GotoAsync("/culture/zh-Hans?returnUrl=/");
    }
}
