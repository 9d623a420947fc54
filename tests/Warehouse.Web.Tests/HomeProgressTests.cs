using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

[Collection(CitySnapshotsCollection.Name)]
public sealed class HomeProgressTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_home_page_shows_the_citys_progress_to_its_target_in_both_languages()
    {
        // The bureau takes today's snapshot, as its hourly job would.
        var login = await platform.Api.PostAsJsonAsync("/api/auth/login", new { email = platform.BureauAdminEmail, password = platform.BureauAdminPassword });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        using var snapshot = new HttpRequestMessage(HttpMethod.Post, "/api/city-progress/snapshots");
        snapshot.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var taken = await platform.Api.SendAsync(snapshot);
        Assert.True(taken.IsSuccessStatusCode, await taken.Content.ReadAsStringAsync());
        var summary = (await platform.Api.GetFromJsonAsync<JsonObject>("/api/city-progress/summary"))!;

        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("#city-progress h2")).ToHaveTextAsync("全市海外仓建设进度");
        await Expect(page.Locator("#progress-figure")).ToContainTextAsync("目标 1,500,000 平方米");
        await Expect(page.Locator("#count-operators")).ToHaveTextAsync($"运营企业 {(int)summary["operators"]!:N0} 家");
        await Expect(page.Locator("#count-warehouses")).ToHaveTextAsync($"海外仓 {(int)summary["warehouses"]!:N0} 个");

        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("#progress-figure")).ToContainTextAsync("m² in operation of a 1,500,000 m² target");
        await Expect(page.Locator("#count-countries")).ToHaveTextAsync($"{(int)summary["countries"]!:N0} countries and regions");
    }
}
