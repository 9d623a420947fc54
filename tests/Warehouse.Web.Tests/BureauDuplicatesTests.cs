using System.Globalization;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

[Collection(CitySnapshotsCollection.Name)]
public sealed class BureauDuplicatesTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_bureau_reviews_a_flagged_pair_of_records_of_one_site_and_marks_it_the_same_site_with_a_reason()
    {
        // Two operators record the same site in Poznań (a point of its own, so no other test's warehouse is near it).
        var at = (Latitude: 52.3 + Random.Shared.NextDouble() * 0.2, Longitude: 16.8 + Random.Shared.NextDouble() * 0.2);
        var address = $"ul. Magazynowa {Random.Shared.Next(1, 999)}, Poznań";
        var first = await NewOperatorWarehouseAsync(at, address, existingM2: 6000);
        var second = await NewOperatorWarehouseAsync((at.Latitude + 0.0004, at.Longitude + 0.0004), address, existingM2: 4000);

        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, platform.BureauAdminEmail, platform.BureauAdminPassword);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard$"));
        await page.ClickAsync("#nav-bureau-dashboard");
        // The snapshot pass flags the pair.
        await page.ClickAsync("#take-snapshot");
        await Expect(page.Locator("#notice")).ToBeVisibleAsync();
        await page.ClickAsync("#bureau-nav a[href='/bureau/duplicates']");
        await page.ClickAsync("#filter-flagged");

        var pair = page.Locator("section.pair").Filter(new LocatorFilterOptions { HasText = first.WarehouseName }).Filter(new LocatorFilterOptions { HasText = second.WarehouseName });
        await Expect(pair).ToHaveCountAsync(1);
        await Expect(pair.Locator("[data-testid=pair-status]")).ToHaveTextAsync("待核查");
        await Expect(pair.Locator(".map")).ToHaveAttributeAsync("data-marker-count", "2");
        var pairId = (await pair.GetAttributeAsync("data-pair-id"))!;

        // A decision needs a reason.
        await page.ClickAsync($"#same-{pairId}");
        await Expect(page.Locator("#form-message")).ToHaveTextAsync("请填写核查结论的理由。");
        await Expect(page.Locator($"#reason-{pairId}-error")).ToBeVisibleAsync();

        await page.FillAsync($"#reason-{pairId}", "两家企业共用同一仓库，已电话核实租赁合同。");
        await page.ClickAsync($"#same-{pairId}");
        await Expect(page.Locator("#notice")).ToContainTextAsync("已记录核查结论");
        var decided = page.Locator($"section.pair[data-pair-id='{pairId}']");
        await Expect(decided.Locator("[data-testid=pair-status]")).ToHaveTextAsync("同一站点");
        await Expect(decided.Locator(".history")).ToContainTextAsync("已电话核实租赁合同");

        // From the next snapshot on, the smaller record is not counted, and the dashboard says so.
        await page.ClickAsync("#bureau-nav a[href='/bureau']");
        await page.ClickAsync("#take-snapshot");
        await Expect(page.Locator("#notice")).ToBeVisibleAsync();
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var progress = await bureau.GetAsync("/api/city-progress");
        var notCounted = (int)progress["duplicates"]!["recordsNotCounted"]!;
        Assert.True(notCounted >= 1);
        await Expect(page.Locator("#duplicates-summary")).ToBeVisibleAsync();
        var register = await bureau.GetAsync("/api/city-progress/duplicates?status=sameSite");
        var mine = register["pairs"]!.AsArray().Single(p => (string)p!["id"]! == pairId)!;
        Assert.Equal(first.WarehouseId.ToString(), (string)mine["countedWarehouseId"]!);
    }

    private async Task<PublishedSupply> NewOperatorWarehouseAsync((double Latitude, double Longitude) at, string address, decimal existingM2)
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var operatorApi = await ApiSession.SignInAsync(platform.Api, organisation.AdminEmail, organisation.AdminPassword);
        return await OpsData.PublishWarehouseWithOfferAsync(operatorApi, location: at, address: address, existingM2: existingM2, countryCode: "PL", city: "Poznań");
    }
}
