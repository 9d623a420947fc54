using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Warehouse.Api.Features.Reference;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Reference;

/// <summary>
/// Currencies and dated rates. Rates entered here are removed again by currency at the start of each test, so the
/// tests can run again on the same database; each test writes only the currency it owns (DKK, SEK), which other
/// features' tests do not price in.
/// </summary>
public sealed class ExchangeRateTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();
    private static readonly DateOnly SeedDate = new(2026, 11, 2);
    private static readonly DateOnly TodayUtc = DateOnly.FromDateTime(DateTime.UtcNow); // never ahead of the date in China

    private static async Task ForgetEnteredRatesAsync(string currency)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Owner);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM exchange_rates WHERE currency_code = $1 AND created_by IS NOT NULL", connection);
        delete.Parameters.Add(new NpgsqlParameter { Value = currency });
        await delete.ExecuteNonQueryAsync();
    }

    private async Task<string> BureauAsync() => await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);

    private async Task<HttpResponseMessage> AddAsync(string? token, object body)
        => await client.SendAsync(HttpMethod.Post, "/api/reference/exchange-rates", token, body);

    private async Task<JsonObject> CurrencyAsync(string code)
        => (await client.GetFromJsonAsync<JsonArray>("/api/reference/currencies"))!.Select(c => c!.AsObject()).Single(c => (string)c["code"]! == code);

    [Fact]
    public async Task Every_listed_currency_is_seeded_with_a_marked_approximate_rate_and_CNY_is_the_base()
    {
        var currencies = (await client.GetFromJsonAsync<JsonArray>("/api/reference/currencies"))!.Select(c => c!.AsObject()).ToList();
        string[] expected = ["CNY", "USD", "EUR", "GBP", "JPY", "KRW", "HKD", "SGD", "MYR", "THB", "VND", "IDR", "PHP", "AED", "SAR", "QAR", "TRY", "RUB",
            "KZT", "UZS", "PLN", "CZK", "HUF", "RON", "BGN", "RSD", "AUD", "NZD", "CAD", "MXN", "BRL", "CHF", "SEK", "DKK", "NOK"];
        Assert.Subset(currencies.Select(c => (string)c["code"]!).ToHashSet(), expected.ToHashSet());

        var cny = currencies.Single(c => (string)c["code"]! == "CNY");
        Assert.True((bool)cny["isBase"]!);
        Assert.Null(cny["latestRate"]);
        Assert.Equal(0, (int)currencies.Single(c => (string)c["code"]! == "JPY")["minorUnits"]!);
        Assert.Equal(2, (int)currencies.Single(c => (string)c["code"]! == "USD")["minorUnits"]!);

        var usdHistory = (await client.GetFromJsonAsync<JsonArray>("/api/reference/exchange-rates?currency=usd"))!;
        var seed = usdHistory.Single(r => (string)r!["asOf"]! == "2026-11-02")!;
        Assert.Equal(7.1m, (decimal)seed["cnyPerUnit"]!);
        Assert.StartsWith("seed: approximate, for demo only", (string)seed["source"]!);
        Assert.All(currencies.Where(c => (string)c["code"]! != "CNY"), c => Assert.True(c["latestRate"] is not null, $"{c["code"]} has no rate"));
    }

    [Fact]
    public async Task The_bureau_admin_adds_a_rate_and_the_currency_shows_it_as_latest_with_its_date()
    {
        await ForgetEnteredRatesAsync("DKK");
        var bureau = await BureauAsync();
        var response = await AddAsync(bureau, new { currency = "dkk", asOf = TodayUtc, cnyPerUnit = 1.1234m, source = "PBOC central parity (test)" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("DKK", (string)created["currency"]!);

        var latest = (await CurrencyAsync("DKK"))["latestRate"]!;
        Assert.Equal(1.1234m, (decimal)latest["cnyPerUnit"]!);
        Assert.Equal(TodayUtc.ToString("yyyy-MM-dd"), (string)latest["asOf"]!);
        Assert.Equal("PBOC central parity (test)", (string)latest["source"]!);

        var history = (await client.GetFromJsonAsync<JsonArray>("/api/reference/exchange-rates?currency=DKK"))!.Select(r => (string)r!["asOf"]!).ToList();
        Assert.Equal([TodayUtc.ToString("yyyy-MM-dd"), "2026-11-02"], history); // newest first

        var createdBy = await TestDatabase.CountAsync("SELECT count(*) FROM exchange_rates e JOIN users u ON u.id = e.created_by WHERE e.currency_code = 'DKK' AND u.email = $1", ApiFactory.BureauAdminEmail);
        Assert.Equal(1, createdBy);
    }

    [Fact]
    public async Task Only_the_bureau_admin_may_add_a_rate()
    {
        var body = new { currency = "SEK", asOf = TodayUtc, cnyPerUnit = 0.75m, source = "not allowed" };
        var trader = await Scenario.RegisterAsync(client, "trader");
        var operatorAdmin = await Scenario.RegisterAsync(client, "operator");
        await Scenario.AssertProblemAsync(await AddAsync(trader.Token, body), HttpStatusCode.Forbidden);
        await Scenario.AssertProblemAsync(await AddAsync(operatorAdmin.Token, body), HttpStatusCode.Forbidden);
        await Scenario.AssertProblemAsync(await AddAsync(null, body), HttpStatusCode.Unauthorized);
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM exchange_rates WHERE source = 'not allowed'"));
    }

    [Fact]
    public async Task A_second_rate_for_the_same_currency_and_day_is_a_409()
    {
        var problem = await Scenario.AssertProblemAsync(
            await AddAsync(await BureauAsync(), new { currency = "USD", asOf = SeedDate, cnyPerUnit = 7.2m, source = "again" }), HttpStatusCode.Conflict);
        Assert.Equal("exchangeRate.duplicate", (string)problem["code"]!);
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM exchange_rates WHERE currency_code = 'USD' AND as_of = '2026-11-02'"));
        Assert.Equal(7.1m, (decimal)(await client.GetFromJsonAsync<JsonArray>("/api/reference/exchange-rates?currency=USD"))!
            .Single(r => (string)r!["asOf"]! == "2026-11-02")!["cnyPerUnit"]!);
    }

    // Raw JSON bodies, so malformed values reach the Api as a client would send them; {future} is the day after tomorrow.
    public static TheoryData<string, string> BadRates => new()
    {
        { "cnyPerUnit", """{ "currency": "USD", "asOf": "2026-01-05", "cnyPerUnit": -7.1, "source": "negative" }""" },
        { "cnyPerUnit", """{ "currency": "USD", "asOf": "2026-01-05", "cnyPerUnit": 0, "source": "zero" }""" },
        { "cnyPerUnit", """{ "currency": "USD", "asOf": "2026-01-05", "cnyPerUnit": 710, "source": "per 100 typed as per 1" }""" },
        { "cnyPerUnit", """{ "currency": "USD", "asOf": "2026-01-05", "cnyPerUnit": 5000, "source": "absurd" }""" },
        { "cnyPerUnit", """{ "currency": "USD", "asOf": "2026-01-05", "cnyPerUnit": 7.123456789, "source": "nine decimals" }""" },
        { "cnyPerUnit", """{ "currency": "USD", "asOf": "2026-01-05", "source": "missing" }""" },
        { "currency", """{ "currency": "XYZ", "asOf": "2026-01-05", "cnyPerUnit": 1, "source": "unknown currency" }""" },
        { "currency", """{ "currency": "US", "asOf": "2026-01-05", "cnyPerUnit": 1, "source": "malformed currency" }""" },
        { "currency", """{ "currency": "CNY", "asOf": "2026-01-05", "cnyPerUnit": 1, "source": "the base" }""" },
        { "asOf", """{ "currency": "USD", "asOf": "{future}", "cnyPerUnit": 7.1, "source": "future" }""" },
        { "asOf", """{ "currency": "USD", "asOf": "1999-12-31", "cnyPerUnit": 7.1, "source": "too old" }""" },
        { "asOf", """{ "currency": "USD", "asOf": "2026-02-30", "cnyPerUnit": 7.1, "source": "no such day" }""" },
        { "source", """{ "currency": "USD", "asOf": "2026-01-05", "cnyPerUnit": 7.1, "source": "  " }""" },
        { "source", """{ "currency": "USD", "asOf": "2026-01-05", "cnyPerUnit": 7.1, "source": "{long}" }""" },
    };

    [Theory]
    [MemberData(nameof(BadRates))]
    public async Task A_bad_rate_is_400_naming_the_field_and_writes_nothing(string field, string json)
    {
        json = json.Replace("{future}", TodayUtc.AddDays(2).ToString("yyyy-MM-dd")).Replace("{long}", new string('x', 201));
        var before = await TestDatabase.CountAsync("SELECT count(*) FROM exchange_rates");
        var request = Scenario.Request(HttpMethod.Post, "/api/reference/exchange-rates", await BureauAsync());
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var problem = await Scenario.AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?[field] is not null, $"expected an error on {field}: {problem}");
        Assert.Equal(before, await TestDatabase.CountAsync("SELECT count(*) FROM exchange_rates"));
    }

    [Fact]
    public async Task FindRateAsync_takes_the_latest_rate_on_or_before_the_day_and_none_before_the_first()
    {
        await ForgetEnteredRatesAsync("SEK");
        var bureau = await BureauAsync();
        foreach (var (day, rate) in new[] { (new DateOnly(2020, 1, 10), 0.70m), (new DateOnly(2020, 2, 10), 0.72m) })
            Assert.Equal(HttpStatusCode.Created, (await AddAsync(bureau, new { currency = "SEK", asOf = day, cnyPerUnit = rate, source = "test history" })).StatusCode);

        await using var db = TestDatabase.CreateContext(TestDatabase.App, new TenantContext());
        Assert.Null(await ExchangeRates.FindRateAsync(db, "SEK", new DateOnly(2020, 1, 9)));
        Assert.Equal((0.70m, new DateOnly(2020, 1, 10)), Pair(await ExchangeRates.FindRateAsync(db, "SEK", new DateOnly(2020, 1, 10))));
        Assert.Equal((0.70m, new DateOnly(2020, 1, 10)), Pair(await ExchangeRates.FindRateAsync(db, "sek", new DateOnly(2020, 2, 9))));
        Assert.Equal((0.72m, new DateOnly(2020, 2, 10)), Pair(await ExchangeRates.FindRateAsync(db, "SEK", new DateOnly(2020, 2, 10))));
        Assert.Equal((0.72m, new DateOnly(2020, 2, 10)), Pair(await ExchangeRates.FindRateAsync(db, "SEK", SeedDate.AddDays(-1))));
        var seeded = await ExchangeRates.FindRateAsync(db, "SEK", SeedDate.AddDays(30));
        Assert.Equal((0.75m, SeedDate), Pair(seeded));
        Assert.StartsWith("seed:", seeded!.Source);

        var yuan = await ExchangeRates.FindRateAsync(db, "CNY", new DateOnly(2019, 6, 1));
        Assert.Equal((1m, new DateOnly(2019, 6, 1)), Pair(yuan));
        Assert.Null(await ExchangeRates.FindRateAsync(db, "XYZ", SeedDate));
    }

    private static (decimal, DateOnly) Pair(ExchangeRates.Rate? rate)
    {
        Assert.NotNull(rate);
        return (rate.CnyPerUnit, rate.AsOf);
    }
}
