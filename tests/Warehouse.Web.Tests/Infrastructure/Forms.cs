using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>Filling the web's forms the way a person does: through the page.</summary>
public static class Forms
{
    public static async Task RegisterAsync(IPage page, TestOrganisation organisation)
    {
        await page.GotoAsync("/account/register");
        await page.CheckAsync(organisation.Kind == "operator" ? "#kind-operator" : "#kind-trader");
        await page.FillAsync("#legalNameZh", organisation.LegalNameZh);
        await page.FillAsync("#creditCode", organisation.CreditCode);
        await page.SelectOptionAsync("#districtCode", organisation.DistrictCode);
        await page.FillAsync("#contactName", organisation.ContactName);
        await page.FillAsync("#contactPhone", organisation.ContactPhone);
        await page.FillAsync("#contactEmail", organisation.ContactEmail);
        await page.FillAsync("#adminDisplayName", organisation.AdminDisplayName);
        await page.FillAsync("#adminEmail", organisation.AdminEmail);
        await page.FillAsync("#adminPassword", organisation.AdminPassword);
        await page.FillAsync("#confirmPassword", organisation.AdminPassword);
        await page.ClickAsync("#register-submit");
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
    }

    /// <summary>An admin on the dashboard creates an invitation; returns the one-time link the page shows.</summary>
    public static async Task<string> InviteAsync(IPage admin, string email, string role)
    {
        await admin.FillAsync("#invite-form #email", email);
        await admin.SelectOptionAsync("#invite-form #role", role);
        await admin.ClickAsync("#invite-submit");
        var link = admin.Locator("#invitation-link");
        await Assertions.Expect(link).ToHaveValueAsync(new Regex(@"/account/accept-invitation\?token=.+"));
        return await link.InputValueAsync();
    }

    public static async Task AcceptInvitationAsync(IPage page, string invitationUrl, string displayName, string password)
    {
        await page.GotoAsync(invitationUrl);
        await page.FillAsync("#displayName", displayName);
        await page.FillAsync("#password", password);
        await page.FillAsync("#confirmPassword", password);
        await page.ClickAsync("#accept-submit");
    }
}
