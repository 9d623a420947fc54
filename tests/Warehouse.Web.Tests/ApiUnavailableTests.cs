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

    private static async Task ExpectNoStackTraceAsync(IPage page)
    {
        var html = await page.ContentAsync();
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain(".cs:line", html);
    }
}
