using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

public sealed class OperatorPagesTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_operator_publishes_a_warehouse_placed_on_the_map_an_offer_and_a_studio_service_with_hourly_slots()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));

        await page.ClickAsync("#nav-operator-warehouses");
        await Expect(page.Locator("h1")).ToHaveTextAsync("我的海外仓");
        await Expect(page.Locator("#no-warehouses")).ToBeVisibleAsync();
        await page.ClickAsync("#new-warehouse");

        var name = "布达佩斯测试仓" + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#nameZh", name);
        await page.SelectOptionAsync("#countryCode", "HU");
        await page.FillAsync("#city", "Budapest");
        await page.FillAsync("#address", "Logistics Park 4");
        // The point is placed by clicking the map; the picker writes the coordinates into the two inputs.
        await Expect(page.Locator("#location-map")).ToHaveAttributeAsync("data-map-ready", "true");
        await page.Locator("#location-map").ClickAsync(new LocatorClickOptions { Position = new Position { X = 180, Y = 120 } });
        await Expect(page.Locator("#latitude")).Not.ToHaveValueAsync("");
        await Expect(page.Locator("#longitude")).Not.ToHaveValueAsync("");
        var latitude = double.Parse(await page.InputValueAsync("#latitude"), CultureInfo.InvariantCulture);
        var longitude = double.Parse(await page.InputValueAsync("#longitude"), CultureInfo.InvariantCulture);
        Assert.InRange(latitude, -90, 90);
        Assert.InRange(longitude, -180, 180);
        // In use above existing: the API's field error is shown beside the in-use field.
        await page.FillAsync("#existingM2", "8000");
        await page.FillAsync("#inUseM2", "9000");
        await page.SelectOptionAsync("#ownership", "SelfBuilt");
        await page.CheckAsync("#storage-ambient");
        await page.CheckAsync("#handling-oversizeHeavy");
        await page.ClickAsync("#warehouse-submit");
        await Expect(page.Locator("[data-field=inUseM2] .validation-message")).ToHaveTextAsync("在用面积须在 0 与现有面积之间。");
        await Expect(page.Locator("#nameZh")).ToHaveValueAsync(name);

        await page.FillAsync("#inUseM2", "5000");
        await page.ClickAsync("#warehouse-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已创建。");
        await Expect(page.Locator("#warehouse-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#warehouse-status")).ToHaveTextAsync("草稿");
        await Expect(page.Locator("#warehouse-coordinates")).ToHaveTextAsync(
            $"{latitude.ToString("0.######", CultureInfo.InvariantCulture)}, {longitude.ToString("0.######", CultureInfo.InvariantCulture)}");
        await page.ClickAsync("#status-active");
        await Expect(page.Locator("#warehouse-status")).ToHaveTextAsync("运营中");

        // A capacity offer in the operator's own currency and unit.
        await page.ClickAsync("#new-offer");
        await page.SelectOptionAsync("#unit", "PalletPosition");
        await page.FillAsync("#quantity", "300");
        await page.FillAsync("#availableFrom", OpsData.Iso(OpsData.Ahead(10)));
        await page.FillAsync("#availableTo", OpsData.Iso(OpsData.Ahead(100)));
        await page.FillAsync("#minimumQuantity", "10");
        await page.FillAsync("#amount", "4.2");
        await page.SelectOptionAsync("#currency", "EUR");
        await page.SelectOptionAsync("#basis", "PerPalletWeek");
        await page.SelectOptionAsync("#bookingMode", "Instant");
        await page.ClickAsync("#offer-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已创建。");
        await Expect(page.Locator("#offer-published")).ToHaveTextAsync("未发布");
        await Expect(page.Locator("#offer-price")).ToHaveTextAsync("4.20 EUR 每托盘·周");
        await Expect(page.Locator("#offer-normalised")).ToContainTextAsync("元/平方米·月");
        await page.ClickAsync("#publish-offer");
        await Expect(page.Locator("#offer-published")).ToHaveTextAsync("已发布");
        // The per-day view: the first month of the window, every day with its full capacity free.
        await Expect(page.Locator("#day-list tbody tr")).ToHaveCountAsync(31);
        await Expect(page.Locator($"#day-list tr[data-day='{OpsData.Iso(OpsData.Ahead(10))}'] td").Nth(3)).ToHaveTextAsync("300");

        // A live-stream studio sold by the hour.
        await page.ClickAsync("#back-to-warehouse");
        await page.ClickAsync("#new-service");
        await page.SelectOptionAsync("#serviceType", "liveStreamStudio");
        await page.FillAsync("#amount", "600");
        await page.SelectOptionAsync("#currency", "CNY");
        await page.SelectOptionAsync("#unit", "PerHour");
        await page.FillAsync("#descriptionZh", "仓内直播间，含灯光和千兆网络");
        await page.ClickAsync("#service-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已创建。");
        await page.ClickAsync("#publish-service");
        await Expect(page.Locator("#service-published")).ToHaveTextAsync("已发布");
        var slotDay = OpsData.Ahead(20);
        await page.FillAsync("#slotDate", OpsData.Iso(slotDay));
        await page.FillAsync("#slotFrom", "09:00");
        await page.FillAsync("#slotTo", "12:00");
        await page.FillAsync("#slotMinutes", "60");
        await page.SelectOptionAsync("#utcOffset", "+01:00");
        await page.ClickAsync("#slots-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("时段已发布。");
        await Expect(page.Locator("#slot-list tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#slot-list tbody tr").First).ToHaveAttributeAsync("data-starts-at", new Regex(Regex.Escape(OpsData.Iso(slotDay))));

        // The same hours again overlap the published ones: refused as a whole, with the reason.
        await page.FillAsync("#slotDate", OpsData.Iso(slotDay));
        await page.SelectOptionAsync("#utcOffset", "+01:00");
        await page.ClickAsync("#slots-submit");
        await Expect(page.Locator("#form-message")).ToHaveTextAsync("新时段与已有时段重叠，未发布任何时段。");
        await Expect(page.Locator("#slot-list tbody tr")).ToHaveCountAsync(3);

        // Everything is published: a trader's search finds the warehouse with its offer.
        await page.ClickAsync("#back-to-warehouse");
        await Expect(page.Locator("#offer-list [data-testid=offer-published]")).ToHaveTextAsync("是");
        await Expect(page.Locator("#service-list tr[data-service-type=liveStreamStudio] [data-testid=service-published]")).ToHaveTextAsync("是");
    }

    [Fact]
    public async Task An_operator_accepts_a_pending_booking_request_and_sees_it_confirmed()
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var operatorApi = await ApiSession.SignInAsync(platform.Api, organisation.AdminEmail, organisation.AdminPassword);
        var supply = await OpsData.PublishWarehouseWithOfferAsync(operatorApi, bookingMode: "request");

        var trader = TestOrganisation.NewOperator() with { Kind = "trader", LegalNameZh = $"苏州测试外贸有限公司{Guid.NewGuid():N}"[..22] };
        await trader.RegisterThroughApiAsync(platform.Api);
        var traderApi = await ApiSession.SignInAsync(platform.Api, trader.AdminEmail, trader.AdminPassword);
        var booking = await traderApi.PostAsync("/api/bookings",
            new { offerId = supply.OfferId, quantity = 200, startsOn = OpsData.Iso(OpsData.Ahead(30)), endsOn = OpsData.Iso(OpsData.Ahead(59)) },
            idempotencyKey: Guid.NewGuid().ToString());
        Assert.Equal("held", (string)booking["status"]!);
        var bookingId = (string)booking["id"]!;

        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await page.ClickAsync("#nav-operator-bookings");
        var row = page.Locator($"#pending-list tr[data-booking-id='{bookingId}']");
        await Expect(row).ToContainTextAsync(trader.LegalNameZh);
        await Expect(row).ToContainTextAsync("200 平方米");
        await Expect(row.Locator("[data-testid=hold-expires]")).Not.ToHaveTextAsync("—");

        await page.ClickAsync($"#accept-{bookingId}");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已接受预订，外贸企业将看到确认。");
        await Expect(page.Locator($"#pending-list tr[data-booking-id='{bookingId}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"#confirmed-list tr[data-booking-id='{bookingId}'] [data-testid=booking-status]")).ToHaveTextAsync("已确认");

        var seenByTrader = await traderApi.GetAsync($"/api/bookings/{bookingId}");
        Assert.Equal("confirmed", (string)seenByTrader["status"]!);
    }
}
