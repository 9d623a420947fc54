using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

[Collection(CitySnapshotsCollection.Name)]
public sealed class BureauDashboardTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_bureau_dashboard_shows_the_apis_figures_in_tables_and_draws_the_gauge_trend_breakdown_charts_and_map()
    {
        // One more active Suzhou operator with a warehouse in Hungary, so every breakdown has a row.
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var operatorApi = await ApiSession.SignInAsync(platform.Api, organisation.AdminEmail, organisation.AdminPassword);
        var supply = await OpsData.PublishWarehouseWithOfferAsync(operatorApi);

        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, platform.BureauAdminEmail, platform.BureauAdminPassword);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/dashboard$"));
        await page.ClickAsync("#nav-bureau-dashboard");
        await Expect(page.Locator("h1")).ToHaveTextAsync("海外仓建设监管看板");
        await page.ClickAsync("#take-snapshot");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已生成今日快照。");

        var bureauApi = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var progress = await ReadMatchingProgressAsync(page, bureauApi);

        Assert.Equal((decimal)progress["existingM2"]!, decimal.Parse((await page.GetAttributeAsync("#kpi-existing", "data-value"))!, CultureInfo.InvariantCulture));
        Assert.Equal((decimal)progress["targetM2"]!, decimal.Parse((await page.GetAttributeAsync("#kpi-target", "data-value"))!, CultureInfo.InvariantCulture));
        Assert.Equal((decimal)progress["underConstructionM2"]!, decimal.Parse((await page.GetAttributeAsync("#kpi-pipeline", "data-value"))!, CultureInfo.InvariantCulture));
        await Expect(page.Locator("#kpi-operators")).ToHaveTextAsync(((int)progress["operators"]!).ToString("N0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#kpi-warehouses")).ToHaveTextAsync(((int)progress["warehouses"]!).ToString("N0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#kpi-existing")).ToHaveTextAsync(((decimal)progress["existingM2"]!).ToString("#,0.##", CultureInfo.InvariantCulture));

        await ExpectSameSlicesAsync(page, "#table-district", progress["byDistrict"]!.AsArray());
        await ExpectSameSlicesAsync(page, "#table-country", progress["byCountry"]!.AsArray());
        await ExpectSameSlicesAsync(page, "#table-market-group", progress["byMarketGroup"]!.AsArray());
        await Expect(page.Locator("#table-district tr[data-code=SIP]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#table-country tr[data-code=HU]")).ToHaveCountAsync(1);

        // The charts are drawn (ECharts renders to canvas) beside their tables, and the map has the published warehouse.
        foreach (var chart in new[] { "#chart-gauge", "#chart-trend", "#chart-district", "#chart-country", "#chart-market-group" })
        {
            await Expect(page.Locator(chart)).ToHaveAttributeAsync("data-chart-ready", "true");
            await Expect(page.Locator($"{chart} canvas").First).ToBeVisibleAsync();
        }
        await Expect(page.Locator("#bureau-map")).ToHaveAttributeAsync("data-map-ready", "true");
        await Expect(page.Locator("#table-map")).ToContainTextAsync(supply.WarehouseName);
        var markers = int.Parse((await page.GetAttributeAsync("#bureau-map", "data-marker-count"))!, CultureInfo.InvariantCulture);
        Assert.Equal(await page.Locator("#table-map tbody tr").CountAsync(), markers);
    }

    /// <summary>
    /// The progress the Api reports for the snapshot the page shows. Other tests may take a newer snapshot of today
    /// meanwhile; then the page is loaded again, so both sides describe the same snapshot.
    /// </summary>
    private static async Task<JsonNode> ReadMatchingProgressAsync(IPage page, ApiSession bureauApi)
    {
        for (var attempt = 0; ; attempt++)
        {
            var shown = await page.GetAttributeAsync("#as-of", "data-taken-at");
            var progress = await bureauApi.GetAsync("/api/city-progress");
            var takenAt = DateTimeOffset.Parse((string)progress["takenAt"]!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            if (shown == takenAt.ToString(CultureInfo.InvariantCulture) || attempt == 3)
            {
                Assert.Equal(takenAt.ToString(CultureInfo.InvariantCulture), shown);
                return progress;
            }
            await page.ReloadAsync();
        }
    }

    private static async Task ExpectSameSlicesAsync(IPage page, string table, JsonArray slices)
    {
        await Expect(page.Locator($"{table} tbody tr")).ToHaveCountAsync(slices.Count);
        foreach (var slice in slices)
        {
            var row = page.Locator($"{table} tbody tr[data-code='{(string)slice!["code"]!}']");
            await Expect(row).ToHaveAttributeAsync("data-existing", ((decimal)slice["existingM2"]!).ToString(CultureInfo.InvariantCulture));
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(((int)slice["warehouses"]!).ToString("N0", CultureInfo.InvariantCulture));
        }
    }
}
