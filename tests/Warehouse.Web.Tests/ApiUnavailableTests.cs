using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class ApiUnavailableTests(PlatformFixture platform)
{
    private const string Unavailable = "服务暂时不可用，请稍后再试。";

    [Fact]
    public async Task With_the_api_down_home_login_and_register_pages_show_the_friendly_localised_message_and_no_stack_trace()
    {
        // Nothing listens on a port just released by the OS.
        await using var web = await platform.StartWebAsync($"http://127.0.0.1:{FreePort.Next()}");
        await using var context = await platform.NewContextAsync(web.BaseUrl);
        var page = await context.NewPageAsync();

        var home = await page.GotoAsync("/");
        Assert.Equal(200, home!.Status);
        await Expect(page.Locator("#service-unavailable")).ToHaveTextAsync(Unavailable);
        await Expect(page.Locator("h1")).ToHaveTextAsync("苏州海外仓公共服务智慧平台");
        await ExpectNoStackTraceAsync(page);

        await Forms.SignInAsync(page, "nobody@web-tests.example.com", "Whatever-1a!");
        await Expect(page.Locator("#service-unavailable")).ToHaveTextAsync(Unavailable);
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.Locator("#form-message")).ToHaveCountAsync(0);
        await ExpectNoStackTraceAsync(page);

        await page.GotoAsync("/account/register");
        await Expect(page.Locator("#service-unavailable")).ToHaveTextAsync(Unavailable);
        await ExpectNoStackTraceAsync(page);

        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("#service-unavailable")).ToHaveTextAsync("The service is temporarily unavailable. Please try again later.");
    }

    [Fact]
    public async Task An_operator_page_shows_the_friendly_message_while_the_api_is_down_and_its_data_again_when_it_returns()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var operatorApi = await ApiSession.SignInAsync(platform.Api, organisation.AdminEmail, organisation.AdminPassword);
        var supply = await OpsData.PublishWarehouseWithOfferAsync(operatorApi);

        await using var proxy = new SwitchableProxy(platform.ApiBaseUrl);
        proxy.Up();
        await using var web = await platform.StartWebAsync(proxy.BaseUrl);
        await using var context = await platform.NewContextAsync(web.BaseUrl);
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await page.GotoAsync("/operator/warehouses");
        await Expect(page.Locator($"#warehouse-list tr[data-warehouse-id='{supply.WarehouseId}']")).ToContainTextAsync(supply.WarehouseName);

        proxy.Down();
        var down = await page.GotoAsync($"/operator/warehouses/{supply.WarehouseId}");
        Assert.Equal(200, down!.Status);
        await Expect(page.Locator("#service-unavailable")).ToHaveTextAsync(Unavailable);
        await Expect(page.Locator("#warehouse-details")).ToHaveCountAsync(0);
        await ExpectNoStackTraceAsync(page);
        await page.GotoAsync("/operator/bookings");
        await Expect(page.Locator("#service-unavailable")).ToHaveTextAsync(Unavailable);
        await ExpectNoStackTraceAsync(page);

        proxy.Up();
        await page.GotoAsync($"/operator/warehouses/{supply.WarehouseId}");
        await Expect(page.Locator("#warehouse-name")).ToHaveTextAsync(supply.WarehouseName);
        await Expect(page.Locator("#service-unavailable")).ToHaveCountAsync(0);
        await Expect(page.Locator("#offer-list tbody tr")).ToHaveCountAsync(1);
    }

    private static async Task ExpectNoStackTraceAsync(IPage page)
    {
        var html = await page.ContentAsync();
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain(".cs:line", html);
    }
}
