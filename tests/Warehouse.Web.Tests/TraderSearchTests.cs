using System.Globalization;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

/// <summary>The search page's other places (a point and radius, a pasted GeoJSON area), its bookmarkable URL, and its own checks.</summary>
public sealed class TraderSearchTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_point_and_radius_and_a_pasted_GeoJSON_area_both_find_the_warehouse_and_the_map_draws_the_circle_or_the_area()
    {
        // A spot in the Ionian Sea's coast of Greece where no other test lists anything.
        var (lat, lon) = (38.2 + Random.Shared.Next(0, 100) / 10_000.0, 21.7 + Random.Shared.Next(0, 100) / 10_000.0);
        var listed = await TraderData.ListedWarehouseAsync(platform.Api, lat, lon, "GR");
        var trader = await TraderData.TraderAsync(platform.Api);
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, trader.AdminEmail, trader.AdminPassword);

        await page.GotoAsync("/search");
        await page.CheckAsync("#place-point");
        await page.FillAsync("#lat", lat.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#lon", lon.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#radius", "2");
        await page.ClickAsync("#search-submit");
        var result = page.Locator($"[data-testid=search-result][data-warehouse-id='{listed.WarehouseId}']");
        await Expect(result).ToBeVisibleAsync();
        // The form is a GET: the URL holds the search, so it can be bookmarked and reloaded.
        await page.ReloadAsync();
        await Expect(result).ToBeVisibleAsync();
        await Expect(page.Locator("#lat")).ToHaveValueAsync(lat.ToString(CultureInfo.InvariantCulture));

        var ring = string.Join(",", new[] { (-0.05, -0.05), (0.05, -0.05), (0.05, 0.05), (-0.05, 0.05), (-0.05, -0.05) }
            .Select(d => $"[{(lon + d.Item1).ToString(CultureInfo.InvariantCulture)},{(lat + d.Item2).ToString(CultureInfo.InvariantCulture)}]"));
        await page.CheckAsync("#place-area");
        await page.FillAsync("#area", $$$"""{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[{{{ring}}}]]}}""");
        await page.ClickAsync("#search-submit");
        await Expect(result).ToBeVisibleAsync();
        await Expect(page.Locator("#results-map path.marker-warehouse")).ToHaveCountAsync(await page.Locator("[data-testid=search-result]").CountAsync());
        // The area is drawn (one shape beside the markers), and there is no circle.
        await Expect(page.Locator("#results-map path.leaflet-interactive:not(.marker-warehouse):not(.marker-hub)")).ToHaveCountAsync(1);

        await page.FillAsync("#area", "not json");
        await page.ClickAsync("#search-submit");
        await Expect(page.Locator("#form-message")).ToHaveTextAsync("区域须为 GeoJSON Polygon。");
        await Expect(page.Locator("[data-testid=search-result]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_apis_refusal_of_a_filter_is_shown_beside_the_filters_name_and_an_operator_is_told_search_is_for_traders()
    {
        var trader = await TraderData.TraderAsync(platform.Api);
        await using (var context = await platform.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await Forms.SignInAsync(page, trader.AdminEmail, trader.AdminPassword);
            // A quantity without dates: the API asks for the range it must be free on.
            await page.GotoAsync("/search?run=1&place=none&qty=100&unit=squareMetre");
            await Expect(page.Locator("#form-message")).ToContainTextAsync("开始日期:");
        }

        var op = TestOrganisation.NewOperator();
        await op.RegisterThroughApiAsync(platform.Api);
        await using (var context = await platform.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await Forms.SignInAsync(page, op.AdminEmail, op.AdminPassword);
            await page.GotoAsync("/search?run=1&place=none");
            await Expect(page.Locator("#form-message")).ToHaveTextAsync("仓容搜索供外贸企业和主管部门使用。");
            await Expect(page.Locator("#nav-bookings")).ToHaveCountAsync(0);
        }
    }
}
