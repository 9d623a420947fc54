using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>
/// The trader's main pages with real content behind them, for checks that go over many pages (languages,
/// accessibility): a listed warehouse near Duisburg and a trader who has booked it and is signed in.
/// </summary>
public sealed record TraderPages(TraderData.Listed Listed, TestOrganisation Trader)
{
    public static async Task<TraderPages> CreateAsync(PlatformFixture platform)
    {
        var listed = await TraderData.ListedWarehouseAsync(platform.Api, 51.43 + Random.Shared.Next(-100, 100) / 1000.0, 6.8, "DE");
        var trader = await TraderData.TraderAsync(platform.Api);
        var token = await TraderData.LoginAsync(platform.Api, trader.AdminEmail, trader.AdminPassword);
        await TraderData.SendAsync(platform.Api, HttpMethod.Post, "/api/bookings", token, new System.Text.Json.Nodes.JsonObject
        {
            ["offerId"] = listed.OfferId,
            ["quantity"] = 20,
            ["startsOn"] = TraderData.Day(5, 1),
            ["endsOn"] = TraderData.Day(6, 30),
        }, System.Net.HttpStatusCode.Created);
        return new TraderPages(listed, trader);
    }

    public string SearchWithResults =>
        $"/search?run=1&country=DE&place=hub&hub=DE-DUI&radius=40&qty=100&unit=squareMetre&from={TraderData.Day(3, 1)}&to={TraderData.Day(4, 30)}&sort=distance&size=10";

    public string ListingUrl => $"/listings/{Listed.WarehouseId}";

    public string QuoteUrl =>
        $"/book/{Listed.OfferId}?w={Listed.WarehouseId}&quantity=100&startsOn={TraderData.Day(3, 1)}&endsOn={TraderData.Day(4, 30)}";

    public async Task SignInAsync(IPage page)
    {
        await Forms.SignInAsync(page, Trader.AdminEmail, Trader.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
    }

    /// <summary>Waits until what a page is about has rendered (results, the listing, the quote, the bookings).</summary>
    public static async Task WaitForContentAsync(IPage page, string url)
    {
        if (url.StartsWith("/search?")) await Expect(page.Locator("[data-testid=search-result]").First).ToBeVisibleAsync();
        else if (url.StartsWith("/listings/")) await Expect(page.Locator("#listing-offers")).ToBeVisibleAsync();
        else if (url.StartsWith("/book/")) await Expect(page.Locator("#quote")).ToBeVisibleAsync();
        else if (url.StartsWith("/bookings")) await Expect(page.Locator("[data-testid=booking]").First).ToBeVisibleAsync();
        else await Expect(page.Locator("h1").First).ToBeVisibleAsync();
    }
}
