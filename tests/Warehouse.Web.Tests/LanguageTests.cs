using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class LanguageTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_language_switch_turns_the_home_page_to_English_remembers_it_and_turns_it_back_to_Chinese()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("苏州海外仓公共服务智慧平台");
        await Expect(page.Locator("#mission")).ToContainTextAsync("150万平方米");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");

        await page.ClickAsync("#language-switch");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Suzhou Overseas Warehouse Public Smart Service Platform");
        await Expect(page.Locator("#mission")).ToContainTextAsync("1.5 million m²");
        await Expect(page.Locator("#entry-operator h2")).ToHaveTextAsync("Overseas warehouse operator");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page).ToHaveURLAsync(new Regex(@"^http://[^/]+/$"));

        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Suzhou Overseas Warehouse Public Smart Service Platform");

        await page.ClickAsync("#language-switch");

        await Expect(page.Locator("h1")).ToHaveTextAsync("苏州海外仓公共服务智慧平台");
        await Expect(page.Locator("#entry-operator h2")).ToHaveTextAsync("海外仓运营企业");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
    }
}
