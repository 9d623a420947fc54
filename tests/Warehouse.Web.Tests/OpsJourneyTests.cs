using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

/// <summary>
/// Issue #6's journey across the three user groups, each in the browser: the operator publishes, the trader finds the
/// warehouse by market and radius on the map and books it, the operator accepts, and the bureau sees the area and
/// approves the operator's certification application (submitted through the Api).
/// </summary>
[Collection(CitySnapshotsCollection.Name)]
public sealed class OpsJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_operator_registers_and_publishes_a_trader_finds_and_books_it_the_operator_accepts_and_the_bureau_sees_the_area()
    {
        // 1. The operator registers in the browser and publishes a warehouse near Duisburg, an offer and a studio service.
        var operatorOrg = TestOrganisation.NewOperator();
        await using var operatorContext = await platform.NewContextAsync();
        var operatorPage = await operatorContext.NewPageAsync();
        await Forms.RegisterAsync(operatorPage, operatorOrg);
        await Expect(operatorPage).ToHaveURLAsync(new Regex("/dashboard$"));

        await operatorPage.ClickAsync("#nav-operator-warehouses");
        await operatorPage.ClickAsync("#new-warehouse");
        var name = "杜伊斯堡测试仓" + Guid.NewGuid().ToString("N")[..6];
        await operatorPage.FillAsync("#nameZh", name);
        await operatorPage.FillAsync("#nameEn", "Duisburg test DC");
        await operatorPage.SelectOptionAsync("#countryCode", "DE");
        await operatorPage.FillAsync("#city", "Duisburg");
        await operatorPage.FillAsync("#address", "Logport I, Duisburg");
        // A click on the map places the point; the operator then refines it to the site's exact coordinates.
        await Expect(operatorPage.Locator("#location-map")).ToHaveAttributeAsync("data-map-ready", "true");
        await operatorPage.Locator("#location-map").ClickAsync(new LocatorClickOptions { Position = new Position { X = 240, Y = 90 } });
        await Expect(operatorPage.Locator("#latitude")).Not.ToHaveValueAsync("");
        await operatorPage.FillAsync("#latitude", "51.39");
        await operatorPage.FillAsync("#longitude", "6.71");
        await operatorPage.FillAsync("#existingM2", "12000");
        await operatorPage.FillAsync("#inUseM2", "7000");
        await operatorPage.FillAsync("#underConstructionM2", "3000");
        await operatorPage.SelectOptionAsync("#ownership", "Leased");
        await operatorPage.FillAsync("#leaseEndsOn", "2034-12-31");
        await operatorPage.CheckAsync("#storage-ambient");
        await operatorPage.ClickAsync("#warehouse-submit");
        await Expect(operatorPage.Locator("#warehouse-name")).ToHaveTextAsync(name);
        await Expect(operatorPage.Locator("#warehouse-details")).ToContainTextAsync("杜伊斯堡");
        await operatorPage.ClickAsync("#status-active");
        await Expect(operatorPage.Locator("#warehouse-status")).ToHaveTextAsync("运营中");
        var warehouseId = Regex.Match(operatorPage.Url, "/operator/warehouses/([0-9a-f-]{36})").Groups[1].Value;

        await operatorPage.ClickAsync("#new-offer");
        await operatorPage.FillAsync("#quantity", "2000");
        await operatorPage.FillAsync("#availableFrom", OpsData.Iso(OpsData.Ahead(5)));
        await operatorPage.FillAsync("#availableTo", OpsData.Iso(OpsData.Ahead(200)));
        await operatorPage.FillAsync("#amount", "6.5");
        await operatorPage.SelectOptionAsync("#currency", "EUR");
        await operatorPage.SelectOptionAsync("#basis", "PerSquareMetreMonth");
        await operatorPage.SelectOptionAsync("#bookingMode", "Request");
        await operatorPage.ClickAsync("#offer-submit");
        await operatorPage.ClickAsync("#publish-offer");
        await Expect(operatorPage.Locator("#offer-published")).ToHaveTextAsync("已发布");
        var offerId = Regex.Match(operatorPage.Url, "/operator/offers/([0-9a-f-]{36})").Groups[1].Value;

        await operatorPage.ClickAsync("#back-to-warehouse");
        await operatorPage.ClickAsync("#new-service");
        await operatorPage.SelectOptionAsync("#serviceType", "liveStreamStudio");
        await operatorPage.FillAsync("#amount", "80");
        await operatorPage.SelectOptionAsync("#currency", "EUR");
        await operatorPage.SelectOptionAsync("#unit", "PerHour");
        await operatorPage.ClickAsync("#service-submit");
        await operatorPage.ClickAsync("#publish-service");
        await operatorPage.FillAsync("#slotDate", OpsData.Iso(OpsData.Ahead(40)));
        await operatorPage.FillAsync("#slotFrom", "14:00");
        await operatorPage.FillAsync("#slotTo", "18:00");
        await operatorPage.FillAsync("#slotMinutes", "60");
        await operatorPage.ClickAsync("#slots-submit");
        await Expect(operatorPage.Locator("#slot-list tbody tr")).ToHaveCountAsync(4);

        // 2. A trader searches the German market within 50 km of the Duisburg rail terminus in the browser, sees it in
        // the list and on the map (with the radius circle), and books it (a request: the operator decides).
        var traderOrg = TestOrganisation.NewOperator() with { Kind = "trader", LegalNameZh = $"苏州光伏出口有限公司{Guid.NewGuid():N}"[..20] };
        await traderOrg.RegisterThroughApiAsync(platform.Api);
        var (from, to) = (OpsData.Iso(OpsData.Ahead(30)), OpsData.Iso(OpsData.Ahead(89)));
        await using var traderContext = await platform.NewContextAsync();
        var traderPage = await traderContext.NewPageAsync();
        await Forms.SignInAsync(traderPage, traderOrg.AdminEmail, traderOrg.AdminPassword);
        await Expect(traderPage).ToHaveURLAsync(new Regex("/dashboard$"));
        await traderPage.ClickAsync("#nav-search");
        await traderPage.SelectOptionAsync("#country", "DE");
        await traderPage.CheckAsync("#place-hub");
        await traderPage.SelectOptionAsync("#hub", "DE-DUI");
        await traderPage.FillAsync("#radius", "50");
        await traderPage.FillAsync("#qty", "500");
        await traderPage.SelectOptionAsync("#unit", "squareMetre");
        await traderPage.FillAsync("#from", from);
        await traderPage.FillAsync("#to", to);
        await traderPage.SelectOptionAsync("#sort", "distance");
        await traderPage.SelectOptionAsync("#size", "50");
        await traderPage.ClickAsync("#search-submit");
        var result = traderPage.Locator($"[data-testid=search-result][data-warehouse-id='{warehouseId}']");
        await Expect(result.Locator(".result-name")).ToHaveTextAsync(name);
        await Expect(result.Locator("[data-testid=distance]")).ToContainTextAsync("公里");
        await Expect(result.Locator("[data-testid=nearest-rail]")).ToContainTextAsync("杜伊斯堡");
        var resultsMap = traderPage.Locator("#results-map");
        await Expect(resultsMap).ToHaveAttributeAsync("data-map-ready", "true");
        var shown = await traderPage.Locator("[data-testid=search-result]").CountAsync();
        await Expect(resultsMap.Locator("path.marker-warehouse")).ToHaveCountAsync(shown);
        await Expect(resultsMap.Locator("path.marker-hub")).Not.ToHaveCountAsync(0);

        await result.Locator(".result-name").ClickAsync();
        await Expect(traderPage).ToHaveURLAsync(new Regex($"/listings/{warehouseId}$"));
        await traderPage.Locator($"#listing-offers tr[data-offer-id='{offerId}'] .book-link").ClickAsync();
        await traderPage.FillAsync("#quantity", "500");
        await traderPage.FillAsync("#startsOn", from);
        await traderPage.FillAsync("#endsOn", to);
        await traderPage.ClickAsync("#quote-submit");
        await Expect(traderPage.Locator("#quote")).ToHaveAttributeAsync("data-available", "true");
        await traderPage.ClickAsync("#book-submit");
        await Expect(traderPage).ToHaveURLAsync(new Regex("/bookings"));
        var heldBooking = traderPage.Locator("[data-testid=booking][data-status=held]");
        await Expect(heldBooking).ToHaveCountAsync(1);
        var bookingId = (await heldBooking.GetAttributeAsync("data-booking-id"))!;

        // 3. The operator accepts the request in the browser.
        await operatorPage.ClickAsync("#nav-operator-bookings");
        await Expect(operatorPage.Locator($"#pending-list tr[data-booking-id='{bookingId}']")).ToContainTextAsync(traderOrg.LegalNameZh);
        await operatorPage.ClickAsync($"#accept-{bookingId}");
        await Expect(operatorPage.Locator($"#confirmed-list tr[data-booking-id='{bookingId}'] [data-testid=booking-status]")).ToHaveTextAsync("已确认");
        await traderPage.ReloadAsync();
        await Expect(traderPage.Locator($"[data-testid=booking][data-booking-id='{bookingId}']")).ToHaveAttributeAsync("data-status", "confirmed");

        // 4. The bureau takes today's snapshot and sees the new area on its dashboard: in Germany, in the operator's district, on the map.
        await using var bureauContext = await platform.NewContextAsync();
        var bureauPage = await bureauContext.NewPageAsync();
        await Forms.SignInAsync(bureauPage, platform.BureauAdminEmail, platform.BureauAdminPassword);
        await Expect(bureauPage).ToHaveURLAsync(new Regex("/dashboard$"));
        await bureauPage.ClickAsync("#nav-bureau-dashboard");
        await bureauPage.ClickAsync("#take-snapshot");
        await Expect(bureauPage.Locator("#notice")).ToBeVisibleAsync();
        var germany = bureauPage.Locator("#table-country tr[data-code=DE]");
        await Expect(germany).ToHaveCountAsync(1);
        var germanyExisting = decimal.Parse((await germany.GetAttributeAsync("data-existing"))!, CultureInfo.InvariantCulture);
        Assert.True(germanyExisting >= 12000m, $"Germany shows {germanyExisting} m², less than the new warehouse's 12,000 m².");
        await Expect(bureauPage.Locator($"#table-district tr[data-code={operatorOrg.DistrictCode}]")).ToHaveCountAsync(1);
        await Expect(bureauPage.Locator("#table-map")).ToContainTextAsync(name);
        await Expect(bureauPage.Locator("#chart-country")).ToHaveAttributeAsync("data-chart-ready", "true");
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var progress = await bureau.GetAsync("/api/city-progress");
        var germanySlice = progress["byCountry"]!.AsArray().Single(s => (string)s!["code"]! == "DE")!;
        Assert.True((decimal)germanySlice["existingM2"]! >= 12000m);

        // 5. The operator applies for certification of the warehouse (through the Api: the operator's certification
        // pages are built on another branch); the bureau reviews the evaluation and approves it in the browser.
        var (programmeId, _) = await CertificationData.ProgrammeAsync(bureau);
        var operatorToken = await TraderData.LoginAsync(platform.Api, operatorOrg.AdminEmail, operatorOrg.AdminPassword);
        var application = await CertificationData.SubmittedAsync(platform.Api,
            new CertificationData.Operator(operatorOrg, new ApiSession(platform.Api, operatorToken), operatorToken), programmeId, warehouseId);
        await bureauPage.ClickAsync("#nav-bureau-certification");
        await bureauPage.SelectOptionAsync("#programmeId", programmeId);
        await bureauPage.ClickAsync("#programme-filter-submit");
        await bureauPage.Locator($"#queue tr[data-application-id='{application.ApplicationId}'] [data-testid=open-application]").ClickAsync();
        await Expect(bureauPage.Locator("#warehouse-name")).ToHaveTextAsync(name);
        await Expect(bureauPage.Locator("#evaluation-table tr[data-criterion=equityPercent] [data-testid=outcome]")).ToHaveTextAsync("符合");
        await bureauPage.CheckAsync("#decision-approve");
        await bureauPage.FillAsync("#reason", "材料齐全，符合市级公共海外仓认定条件。");
        await bureauPage.ClickAsync("#decision-submit");
        await Expect(bureauPage.Locator("#application-status")).ToHaveTextAsync("已认定");
        await Expect(bureauPage.Locator("#certificate-state")).ToHaveTextAsync("有效");
        Assert.Matches(new Regex(@"^SZ-PW-\d{4}-M-\d{4}$"), (await bureauPage.Locator("#certificate-number").InnerTextAsync()).Trim());
    }
}
