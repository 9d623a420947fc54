using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class AccountTests(PlatformFixture platform)
{
    private static readonly Regex DashboardUrl = new(@"/dashboard$");
    private static readonly Regex LoginUrl = new(@"/account/login(\?.*)?$");

    [Fact]
    public async Task An_operator_registers_through_the_form_sees_its_organisation_on_the_dashboard_signs_out_and_signs_back_in()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        var organisation = TestOrganisation.NewOperator();

        await Forms.RegisterAsync(page, organisation);

        await Expect(page).ToHaveURLAsync(DashboardUrl);
        await Expect(page.Locator("#organisation-legal-name")).ToHaveTextAsync(organisation.LegalNameZh);
        await Expect(page.Locator("#organisation-credit-code")).ToHaveTextAsync(organisation.CreditCode);
        await Expect(page.Locator("#organisation-district")).ToHaveTextAsync("苏州工业园区");
        await Expect(page.Locator("#organisation-kind")).ToHaveTextAsync("海外仓运营企业");
        await Expect(page.Locator("#welcome")).ToContainTextAsync(organisation.AdminDisplayName);

        await page.ClickAsync("#sign-out");
        await Expect(page.Locator("#nav-sign-in")).ToBeVisibleAsync();
        await page.GotoAsync("/dashboard");
        await Expect(page).ToHaveURLAsync(LoginUrl);

        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);

        await Expect(page).ToHaveURLAsync(DashboardUrl);
        await Expect(page.Locator("#organisation-legal-name")).ToHaveTextAsync(organisation.LegalNameZh);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_localised_error_and_stays_on_the_login_page()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();

        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword + "-wrong");

        await Expect(page.Locator("#form-message")).ToHaveTextAsync("邮箱或密码错误。");
        await Expect(page).ToHaveURLAsync(LoginUrl);
        await Expect(page.Locator("#sign-out")).ToHaveCountAsync(0);
        // The password typed is never written back into the page.
        await Expect(page.Locator("#password")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task An_invalid_credit_code_shows_its_error_beside_the_credit_code_field_and_creates_nothing()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        var valid = TestOrganisation.NewOperator();
        var organisation = valid with { CreditCode = CreditCodes.WithWrongCheckCharacter(valid.CreditCode) };

        await Forms.RegisterAsync(page, organisation);

        var creditCodeError = page.Locator("[data-field=creditCode] .validation-message");
        await Expect(creditCodeError).ToHaveTextAsync("统一社会信用代码无效：应为18位，且最后一位校验码正确。");
        await Expect(page.Locator("[data-field=legalNameZh] .validation-message")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-field=adminEmail] .validation-message")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/register$"));
        // What the user typed is kept, so only the code needs correcting.
        await Expect(page.Locator("#legalNameZh")).ToHaveValueAsync(organisation.LegalNameZh);

        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);

        await Expect(page.Locator("#form-message")).ToHaveTextAsync("邮箱或密码错误。");
        await Expect(page).ToHaveURLAsync(LoginUrl);
    }
}
