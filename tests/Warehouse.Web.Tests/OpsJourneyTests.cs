using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

/// <summary>
/// Issue #6's journey across the three user groups. The operator and the bureau use the browser; the trader's
/// search and booking go through the Api here, because the trader pages are built on another branch.
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

        // 2. A trader searches the German market within 50 km of the Duisburg rail terminus, finds it and books it.
        var traderOrg = TestOrganisation.NewOperator() with { Kind = "trader", LegalNameZh = $"苏州光伏出口有限公司{Guid.NewGuid():N}"[..20] };
        await traderOrg.RegisterThroughApiAsync(platform.Api);
        var trader = await ApiSession.SignInAsync(platform.Api, traderOrg.AdminEmail, traderOrg.AdminPassword);
        var (from, to) = (OpsData.Iso(OpsData.Ahead(30)), OpsData.Iso(OpsData.Ahead(89)));
        var found = await trader.PostAsync("/api/search/capacity", new
        {
            countries = new[] { "DE" }, nearHub = new { code = "DE-DUI", radiusKm = 50 },
            quantity = new { amount = 500, unit = "squareMetre" }, from, to, sort = "distance", pageSize = 100,
        });
        var result = found["results"]!.AsArray().Single(r => (string)r!["warehouse"]!["id"]! == warehouseId)!;
        Assert.InRange((double)result["distanceKm"]!, 0, 50);
        Assert.Equal("DE-DUI", (string)result["nearestRailHub"]!["code"]!);
        Assert.Equal(offerId, (string)result["matchedOffers"]![0]!["offerId"]!);
        var booking = await trader.PostAsync("/api/bookings", new { offerId, quantity = 500, startsOn = from, endsOn = to },
            idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal("held", (string)booking["status"]!);
        var bookingId = (string)booking["id"]!;

        // 3. The operator accepts the request in the browser.
        await operatorPage.ClickAsync("#nav-operator-bookings");
        await Expect(operatorPage.Locator($"#pending-list tr[data-booking-id='{bookingId}']")).ToContainTextAsync(traderOrg.LegalNameZh);
        await operatorPage.ClickAsync($"#accept-{bookingId}");
        await Expect(operatorPage.Locator($"#confirmed-list tr[data-booking-id='{bookingId}'] [data-testid=booking-status]")).ToHaveTextAsync("已确认");
        Assert.Equal("confirmed", (string)(await trader.GetAsync($"/api/bookings/{bookingId}"))["status"]!);

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
    }
}
