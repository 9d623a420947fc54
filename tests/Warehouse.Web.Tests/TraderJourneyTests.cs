using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

/// <summary>A trader's main job in the browser: find space by market and radius around a hub, book it, manage the booking.</summary>
public sealed class TraderJourneyTests(PlatformFixture platform)
{
    /// <summary>A point a few km from the Duisburg rail terminus (DE-DUI, 51.43 N 6.76 E), different each run.</summary>
    private static (double Latitude, double Longitude) NearDuisburg() =>
        (51.43 + Random.Shared.Next(-150, 150) / 1000.0, 6.76 + Random.Shared.Next(-150, 150) / 1000.0);

    private async Task<IPage> SignedInTraderAsync(IBrowserContext context, TestOrganisation trader)
    {
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, trader.AdminEmail, trader.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        return page;
    }

    [Fact]
    public async Task A_trader_finds_a_warehouse_by_market_and_radius_around_a_hub_on_the_map_and_in_the_list_books_it_once_and_cancels()
    {
        var (lat, lon) = NearDuisburg();
        var listed = await TraderData.ListedWarehouseAsync(platform.Api, lat, lon, "DE");
        var trader = await TraderData.TraderAsync(platform.Api);
        await using var context = await platform.NewContextAsync();
        var page = await SignedInTraderAsync(context, trader);

        // Search: Germany, within 40 km of the Duisburg rail terminus, 100 m² free every day of March–April.
        await page.ClickAsync("#nav-search");
        await Expect(page).ToHaveURLAsync(new Regex("/search$"));
        await page.SelectOptionAsync("#country", "DE");
        await page.CheckAsync("#place-hub");
        await page.SelectOptionAsync("#hub", "DE-DUI");
        await page.FillAsync("#radius", "40");
        await page.FillAsync("#qty", "100");
        await page.SelectOptionAsync("#unit", "squareMetre");
        await page.FillAsync("#from", TraderData.Day(3, 1));
        await page.FillAsync("#to", TraderData.Day(4, 30));
        await page.SelectOptionAsync("#sort", "distance");
        await page.SelectOptionAsync("#size", "50");
        await page.ClickAsync("#search-submit");

        // In the list, with its distance, nearest rail node and normalised price; and on the map with the radius.
        var result = page.Locator($"[data-testid=search-result][data-warehouse-id='{listed.WarehouseId}']");
        await Expect(result).ToBeVisibleAsync();
        await Expect(result.Locator(".result-name")).ToHaveTextAsync(listed.WarehouseName);
        await Expect(result.Locator("[data-testid=distance]")).ToContainTextAsync("公里");
        await Expect(result.Locator("[data-testid=nearest-rail]")).ToContainTextAsync("杜伊斯堡");
        await Expect(result.Locator(".normalised").First).ToContainTextAsync("元/平方米·月");
        await Expect(result.Locator("td").First).ToContainTextAsync("EUR");
        var listed_count = await page.Locator("[data-testid=search-result]").CountAsync();
        var map = page.Locator("#results-map");
        await Expect(map).ToHaveAttributeAsync("data-warehouse-markers", listed_count.ToString(CultureInfo.InvariantCulture));
        await Expect(map.Locator("path.marker-warehouse")).ToHaveCountAsync(listed_count);
        // The searched hub is drawn as a hub marker, and the 40 km circle as well.
        await Expect(map.Locator("path.marker-hub")).Not.ToHaveCountAsync(0);
        await Expect(map.Locator("path.leaflet-interactive:not(.marker-warehouse):not(.marker-hub)")).ToHaveCountAsync(1);

        // The listing: offers, services with slots, nearest rail node.
        await result.Locator(".result-name").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/listings/{listed.WarehouseId}$"));
        await Expect(page.Locator("#listing-name")).ToContainTextAsync(listed.WarehouseName);
        await Expect(page.Locator("[data-testid=nearest-rail]")).ToContainTextAsync("DE-DUI");
        await Expect(page.Locator($"#listing-offers tr[data-offer-id='{listed.OfferId}']")).ToContainTextAsync("即时预订");
        await Expect(page.Locator("[data-service-type=liveStreamStudio] .slots li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#listing-map path.marker-warehouse")).ToHaveCountAsync(1);

        // Quote: the API's arithmetic, in EUR and CNY.
        await page.Locator($"#listing-offers tr[data-offer-id='{listed.OfferId}'] .book-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/book/{listed.OfferId}"));
        await page.FillAsync("#quantity", "100");
        await page.FillAsync("#startsOn", TraderData.Day(3, 1));
        await page.FillAsync("#endsOn", TraderData.Day(4, 30));
        await page.Locator("input[name=slot]").First.CheckAsync();
        await page.ClickAsync("#quote-submit");
        await Expect(page.Locator("#quote")).ToHaveAttributeAsync("data-available", "true");
        await Expect(page.Locator("#quote-original")).ToContainTextAsync("EUR");
        await Expect(page.Locator("#quote-cny")).ToContainTextAsync("CNY");
        await Expect(page.Locator("#quote-explanation")).ToContainTextAsync("100 SquareMetre");

        // A double click books once: both submissions carry the form's one idempotency key.
        await page.Locator("#book-submit").DblClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/bookings"));
        var bookings = page.Locator("[data-testid=booking]");
        await Expect(bookings).ToHaveCountAsync(1);
        await Expect(bookings.First.Locator("[data-testid=booking-status]")).ToHaveTextAsync("已确认");
        await Expect(bookings.First).ToContainTextAsync("仓内直播");
        await page.ReloadAsync();
        await Expect(bookings).ToHaveCountAsync(1);

        // Cancel: free until 14 days before the start.
        await bookings.First.Locator("[data-testid=cancel-booking]").ClickAsync();
        await Expect(page.Locator("#bookings-notice")).ToHaveTextAsync("预订已取消，仓容已释放。");
        await Expect(bookings.First.Locator("[data-testid=booking-status]")).ToHaveTextAsync("已取消");
        await Expect(bookings.First.Locator("[data-testid=cancel-booking]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_request_to_book_offer_places_a_hold_with_its_expiry_and_a_late_cancellation_shows_the_apis_reason()
    {
        var (lat, lon) = NearDuisburg();
        // Offers from today with 60 days of free cancellation: a booking starting in 20 days is already past it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var listed = await TraderData.ListedWarehouseAsync(platform.Api, lat, lon, "DE", bookingMode: "request", freeCancellationDays: 60, availableFrom: Iso(today));
        var instant = await TraderData.ListedWarehouseAsync(platform.Api, lat, lon, "DE", freeCancellationDays: 60, availableFrom: Iso(today));
        var (starts, ends) = (Iso(today.AddDays(20)), Iso(today.AddDays(60)));
        var trader = await TraderData.TraderAsync(platform.Api);
        await using var context = await platform.NewContextAsync();
        var page = await SignedInTraderAsync(context, trader);

        await page.GotoAsync($"/book/{listed.OfferId}?w={listed.WarehouseId}&quantity=50&startsOn={starts}&endsOn={ends}");
        await Expect(page.Locator("#book-submit")).ToHaveTextAsync("提交预订请求");
        await page.ClickAsync("#book-submit");
        await Expect(page.Locator("#bookings-notice")).ToContainTextAsync("保留至");
        var held = page.Locator("[data-testid=booking][data-status=held]");
        await Expect(held).ToHaveCountAsync(1);
        await Expect(held.Locator("[data-testid=hold-expires]")).Not.ToBeEmptyAsync();

        await page.GotoAsync($"/book/{instant.OfferId}?w={instant.WarehouseId}&quantity=50&startsOn={starts}&endsOn={ends}");
        await page.ClickAsync("#book-submit");
        var confirmed = page.Locator("[data-testid=booking][data-status=confirmed]");
        await Expect(confirmed).ToHaveCountAsync(1);
        await confirmed.Locator("[data-testid=cancel-booking]").ClickAsync();
        await Expect(page.Locator("#form-message")).ToContainTextAsync("已超过免费取消期限");
        await Expect(page.Locator("#form-message")).ToContainTextAsync("Free cancellation ended 60 days before the start");
        await Expect(confirmed).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task When_the_room_is_taken_between_the_quote_and_the_booking_the_page_shows_the_apis_reason_and_books_nothing()
    {
        var (lat, lon) = NearDuisburg();
        var listed = await TraderData.ListedWarehouseAsync(platform.Api, lat, lon, "DE");
        var trader = await TraderData.TraderAsync(platform.Api);
        var rival = await TraderData.TraderAsync(platform.Api);
        await using var context = await platform.NewContextAsync();
        var page = await SignedInTraderAsync(context, trader);
        await page.GotoAsync($"/book/{listed.OfferId}?w={listed.WarehouseId}&quantity=400&startsOn={TraderData.Day(6, 1)}&endsOn={TraderData.Day(7, 31)}");
        await Expect(page.Locator("#quote")).ToHaveAttributeAsync("data-available", "true");

        // Another trader takes 200 of the 500 m² meanwhile.
        var rivalToken = await TraderData.LoginAsync(platform.Api, rival.AdminEmail, rival.AdminPassword);
        await TraderData.SendAsync(platform.Api, HttpMethod.Post, "/api/bookings", rivalToken, new System.Text.Json.Nodes.JsonObject
        {
            ["offerId"] = listed.OfferId, ["quantity"] = 200, ["startsOn"] = TraderData.Day(7, 1), ["endsOn"] = TraderData.Day(7, 31),
        }, System.Net.HttpStatusCode.Created);

        await page.ClickAsync("#book-submit");
        await Expect(page.Locator("#form-message")).ToContainTextAsync("所选期间仓容不足。");
        await Expect(page.Locator("#quote")).ToHaveAttributeAsync("data-available", "false");
        await page.GotoAsync("/bookings");
        await Expect(page.Locator("#no-bookings")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task After_a_completed_booking_the_trader_reviews_it_and_the_listing_shows_the_rating()
    {
        var (lat, lon) = NearDuisburg();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var listed = await TraderData.ListedWarehouseAsync(platform.Api, lat, lon, "DE",
            availableFrom: today.AddDays(-90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var trader = await TraderData.TraderAsync(platform.Api);
        // A booking whose last day has passed is completed (booked through the Api: the page books future dates).
        var traderToken = await TraderData.LoginAsync(platform.Api, trader.AdminEmail, trader.AdminPassword);
        await TraderData.SendAsync(platform.Api, HttpMethod.Post, "/api/bookings", traderToken, new System.Text.Json.Nodes.JsonObject
        {
            ["offerId"] = listed.OfferId,
            ["quantity"] = 20,
            ["startsOn"] = today.AddDays(-80).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["endsOn"] = today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, System.Net.HttpStatusCode.Created);
        await using var context = await platform.NewContextAsync();
        var page = await SignedInTraderAsync(context, trader);

        await page.ClickAsync("#nav-bookings");
        var booking = page.Locator("[data-testid=booking]");
        await Expect(booking.Locator("[data-testid=booking-status]")).ToHaveTextAsync("已完成");
        await booking.Locator("select[name=stars]").SelectOptionAsync("4");
        await booking.Locator("input[name=comment]").FillAsync("入库及时，沟通顺畅");
        await booking.Locator("[data-testid=review-submit]").ClickAsync();
        await Expect(page.Locator("#bookings-notice")).ToHaveTextAsync("感谢您的评价。");
        await Expect(booking.Locator("[data-testid=review-form]")).ToHaveCountAsync(0);

        await page.GotoAsync($"/listings/{listed.WarehouseId}");
        await Expect(page.Locator("#listing-rating")).ToHaveTextAsync("4.0 星（1 条评价）");
        await Expect(page.Locator("#reviews")).ToContainTextAsync("入库及时，沟通顺畅");
    }
}
