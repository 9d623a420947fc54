using System.Text.RegularExpressions;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class SessionSecurityTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_sign_out_post_without_the_antiforgery_token_is_refused_with_a_friendly_page_and_the_session_stays()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));

        // What a forged form would send: the session cookie, but no antiforgery token.
        await page.EvaluateAsync("""
            () => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/account/logout';
                document.body.appendChild(form);
                form.submit();
            }
            """);

        await Expect(page).ToHaveURLAsync(new Regex("/status/400$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("请求无法处理");
        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(page.Locator("#organisation-legal-name")).ToHaveTextAsync(organisation.LegalNameZh);
    }

    [Fact]
    public async Task Signing_in_never_redirects_off_site_whatever_the_return_url_says()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString("//evil.example.com/phish"));
        await page.FillAsync("#email", organisation.AdminEmail);
        await page.FillAsync("#password", organisation.AdminPassword);
        await page.ClickAsync("#login-submit");

        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(platform.WebBaseUrl)}/dashboard$"));
    }
}
