using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class OpsLanguageTests(PlatformFixture platform)
{
    /// <summary>A resource key shown instead of its text looks like "Warehouse.NameZh" or "Offer.To.Active".</summary>
    private static readonly Regex RawKey = new(@"\b[A-Z][A-Za-z]+(\.[A-Za-z]+)+\b");

    [Fact]
    public async Task Operator_and_bureau_pages_read_in_Chinese_and_in_English_without_untranslated_keys()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var operatorApi = await ApiSession.SignInAsync(platform.Api, organisation.AdminEmail, organisation.AdminPassword);
        var supply = await OpsData.PublishWarehouseWithOfferAsync(operatorApi);

        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));

        string[] pages = ["/operator/warehouses", $"/operator/warehouses/{supply.WarehouseId}", $"/operator/offers/{supply.OfferId}",
            "/operator/warehouses/new", $"/operator/warehouses/{supply.WarehouseId}/services/new", "/operator/bookings"];
        await page.GotoAsync(pages[0]);
        await Expect(page.Locator("h1")).ToHaveTextAsync("我的海外仓");
        foreach (var path in pages) await ExpectNoRawKeysAsync(page, path);

        await page.GotoAsync(pages[0]);
        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("h1")).ToHaveTextAsync("My overseas warehouses");
        await Expect(page.Locator("#nav-operator-bookings")).ToHaveTextAsync("Bookings");
        foreach (var path in pages) await ExpectNoRawKeysAsync(page, path);
        await page.GotoAsync($"/operator/offers/{supply.OfferId}");
        await Expect(page.Locator("#offer-price")).ToHaveTextAsync("40.00 CNY per m²·month");

        // A trader is not an operator: the operator pages say so instead of failing.
        var trader = TestOrganisation.NewOperator() with { Kind = "trader" };
        await trader.RegisterThroughApiAsync(platform.Api);
        await using var traderContext = await platform.NewContextAsync();
        var traderPage = await traderContext.NewPageAsync();
        await Forms.SignInAsync(traderPage, trader.AdminEmail, trader.AdminPassword);
        await Expect(traderPage).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(traderPage.Locator("#nav-operator-warehouses")).ToHaveCountAsync(0);
        await traderPage.GotoAsync("/operator/warehouses");
        await Expect(traderPage.Locator("#wrong-kind")).ToContainTextAsync("此页面供海外仓运营企业使用");
        await traderPage.GotoAsync("/bureau");
        await Expect(traderPage.Locator("#wrong-kind")).ToHaveTextAsync("此页面供商务主管部门使用。");

        // The bureau's dashboard in English.
        await using var bureauContext = await platform.NewContextAsync();
        var bureauPage = await bureauContext.NewPageAsync();
        await Forms.SignInAsync(bureauPage, platform.BureauAdminEmail, platform.BureauAdminPassword);
        await Expect(bureauPage).ToHaveURLAsync(new Regex("/dashboard$"));
        await ExpectNoRawKeysAsync(bureauPage, "/bureau");
        await Expect(bureauPage.Locator("h1")).ToHaveTextAsync("海外仓建设监管看板");
        await bureauPage.ClickAsync("#language-switch");
        await Expect(bureauPage.Locator("h1")).ToHaveTextAsync("Overseas warehouse progress dashboard");
        await ExpectNoRawKeysAsync(bureauPage, "/bureau");
    }

    private static async Task ExpectNoRawKeysAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(page.Locator("#service-unavailable")).ToHaveCountAsync(0);
        var text = await page.Locator("main").InnerTextAsync();
        var keys = RawKey.Matches(text).Select(m => m.Value).Where(k => !k.Contains("m²", StringComparison.Ordinal)).ToList();
        Assert.True(keys.Count == 0, $"{path} shows untranslated keys: {string.Join(", ", keys.Distinct())}");
    }
}
