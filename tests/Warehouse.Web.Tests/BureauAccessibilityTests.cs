using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

/// <summary>axe-core finds nothing serious or critical on any bureau page, each with real content on it.</summary>
public sealed class BureauAccessibilityTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_bureau_page_has_no_serious_or_critical_accessibility_violations()
    {
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var (programmeId, _) = await CertificationData.ProgrammeAsync(bureau);
        var op = await CertificationData.OperatorAsync(platform.Api);
        var approved = await CertificationData.SubmittedAsync(platform.Api, op, programmeId);
        await bureau.PostAsync($"/api/certification/review/{approved.ApplicationId}/decision", new { decision = "approve", reason = "符合认定条件。" });
        var submitted = await CertificationData.SubmittedAsync(platform.Api, op, programmeId);

        var failures = new List<string>();
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, platform.BureauAdminEmail, platform.BureauAdminPassword);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard$"));
        foreach (var url in new[]
        {
            "/bureau", "/bureau/duplicates", $"/bureau/certification?programmeId={programmeId}",
            $"/bureau/certification/{submitted.ApplicationId}", $"/bureau/certification/{approved.ApplicationId}",
            $"/bureau/programmes?id={programmeId}", "/bureau/programmes/new", $"/bureau/programmes/{programmeId}/edit",
            $"/bureau/subsidies?programmeId={programmeId}",
        })
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            foreach (var violation in await PageChecks.SeriousAccessibilityViolationsAsync(page)) failures.Add($"{url}: {violation}");
        }
        Assert.True(failures.Count == 0, "axe-core found:\n" + string.Join("\n", failures));
    }
}
