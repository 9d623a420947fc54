using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Search;

/// <summary>
/// Each filter alone and combined, on a known set of listings around Tbilisi (rail node GE-TBS), where no other test
/// lists anything. The set is seeded once per run; assertions look only at its warehouses, except where the test is
/// about totals, which hold because nothing else is listed within 500 km.
/// </summary>
public sealed class SearchTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    /// <summary>The rail node GE-TBS, the centre of the known set.</summary>
    public const double Latitude = 41.72, Longitude = 44.79;

    /// <summary>
    /// The known set. Published and listed: W1 (5 km N), W2 (20 km E), W3 (80 km S), W4 (300 km W). Never listed:
    /// a draft (3 km N), a suspended one (8 km N), an active one whose only offer is unpublished (10 km N).
    /// </summary>
    public sealed record Seed(string Trader, string W1, string W2, string W3, string W4, string Draft, string Suspended, string Unpublished,
        string W2Offer, string W2HiddenOffer)
    {
        public IReadOnlyList<string> Listed => [W1, W2, W3, W4];
        public IReadOnlyList<string> All => [W1, W2, W3, W4, Draft, Suspended, Unpublished];
    }

    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static Seed? seed;

    private async Task<Seed> SeedAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            return seed ??= await CreateSeedAsync();
        }
        finally
        {
            SeedLock.Release();
        }
    }

    private async Task<Seed> CreateSeedAsync()
    {
        var o1 = await SearchData.OperatorAsync(client, "SIP");
        var o2 = await SearchData.OperatorAsync(client, "KS");
        var o3 = await SearchData.OperatorAsync(client, "WJ");
        var trader = await Scenario.RegisterAsync(client, "trader");
        var at = (double north, double east) => SearchData.Offset(Latitude, Longitude, north, east);

        // W1: m² at 30 CNY/m²·month, instant; studio and showroom published.
        var w1 = await SearchData.WarehouseAsync(client, o1.Token, SearchData.WarehouseBody("搜索一号仓", "GE", at(5, 0), ["ambient"], ["oversizeHeavy"]));
        await SearchData.OfferAsync(client, o1.Token, w1, SearchData.OfferBody(1000, "squareMetre", 30, "CNY", "perSquareMetreMonth"));
        await SearchData.ServiceAsync(client, o1.Token, w1, "liveStreamStudio");
        await SearchData.ServiceAsync(client, o1.Token, w1, "showroom");

        // W2: pallets at 1 CNY per pallet·day (25.36 CNY/m²·month), on request; a cheaper offer it never published;
        // returns and drop-shipping published, a studio not.
        var w2 = await SearchData.WarehouseAsync(client, o2.Token,
            SearchData.WarehouseBody("搜索二号仓", "GE", at(0, 20), ["ambient", "humidityControlled"], ["garmentsOnHanger"]));
        var w2Offer = await SearchData.OfferAsync(client, o2.Token, w2, SearchData.OfferBody(500, "palletPosition", 1, "CNY", "perPalletDay", bookingMode: "request"));
        var w2Hidden = await SearchData.OfferAsync(client, o2.Token, w2, SearchData.OfferBody(100, "squareMetre", 5, "CNY", "perSquareMetreMonth"), publish: false);
        await SearchData.ServiceAsync(client, o2.Token, w2, "returnsRelabel");
        await SearchData.ServiceAsync(client, o2.Token, w2, "dropShipping");
        await SearchData.ServiceAsync(client, o2.Token, w2, "liveStreamStudio", publish: false);

        // W3: m³ at 2 EUR per m³·day (about 950 CNY/m²·month), chilled, lithium batteries and heavy goods, repair.
        var w3 = await SearchData.WarehouseAsync(client, o3.Token,
            SearchData.WarehouseBody("搜索三号仓", "TR", at(-80, 0), ["chilled"], ["hazmatClass9LithiumBatteries", "oversizeHeavy"]));
        await SearchData.OfferAsync(client, o3.Token, w3, SearchData.OfferBody(2000, "cubicMetre", 2, "EUR", "perCubicMetreDay"));
        await SearchData.ServiceAsync(client, o3.Token, w3, "afterSalesRepair");

        // W4: the cheapest, far to the west, of the same operator as W1.
        var w4 = await SearchData.WarehouseAsync(client, o1.Token, SearchData.WarehouseBody("搜索四号仓", "PL", at(0, -300)));
        await SearchData.OfferAsync(client, o1.Token, w4, SearchData.OfferBody(800, "squareMetre", 20, "CNY", "perSquareMetreMonth"));

        // Never listed, however close: a draft, a suspended warehouse, and one whose only offer is unpublished.
        var draft = await SearchData.WarehouseAsync(client, o2.Token, SearchData.WarehouseBody("搜索草稿仓", "GE", at(3, 0)), active: false);
        await SearchData.OfferAsync(client, o2.Token, draft, SearchData.OfferBody(1000, "squareMetre", 1, "CNY", "perSquareMetreMonth"), publish: false);
        var suspended = await SearchData.WarehouseAsync(client, o3.Token, SearchData.WarehouseBody("搜索暂停仓", "GE", at(8, 0)));
        await SearchData.OfferAsync(client, o3.Token, suspended, SearchData.OfferBody(1000, "squareMetre", 1, "CNY", "perSquareMetreMonth"));
        await SearchData.SetStatusAsync(client, o3.Token, suspended, "suspended");
        var unpublished = await SearchData.WarehouseAsync(client, o3.Token, SearchData.WarehouseBody("搜索未发布仓", "GE", at(10, 0)));
        await SearchData.OfferAsync(client, o3.Token, unpublished, SearchData.OfferBody(1000, "squareMetre", 1, "CNY", "perSquareMetreMonth"), publish: false);

        return new Seed(trader.Token, w1, w2, w3, w4, draft, suspended, unpublished, (string)w2Offer["id"]!, (string)w2Hidden["id"]!);
    }

    private static object Near(double radiusKm) => new { latitude = Latitude, longitude = Longitude, radiusKm };

    /// <summary>The seed's warehouses among the results, in result order.</summary>
    private static List<string> Mine(JsonObject response, Seed s) => SearchData.Ids(response).Where(s.All.Contains).ToList();

    private async Task<List<string>> MineAsync(Seed s, object body) => Mine(await SearchData.SearchOkAsync(client, s.Trader, body), s);

    [Fact]
    public async Task A_radius_finds_the_listed_warehouses_inside_it_and_never_drafts_suspended_or_unpublished_ones()
    {
        var s = await SeedAsync();
        var within100 = await MineAsync(s, new { near = Near(100), sort = "distance" });
        Assert.Equal([s.W1, s.W2, s.W3], within100);
        Assert.Equal([s.W1, s.W2], await MineAsync(s, new { near = Near(50), sort = "distance" }));
        var everything = await MineAsync(s, new { near = Near(5000), sort = "distance", pageSize = 100 });
        Assert.Equal(s.Listed.Order(), everything.Order());
        // And with no filter at all, the hidden ones are still hidden.
        var all = await SearchData.SearchOkAsync(client, s.Trader, new { pageSize = 100, countries = new[] { "GE" } });
        Assert.DoesNotContain(s.Draft, SearchData.Ids(all));
        Assert.DoesNotContain(s.Suspended, SearchData.Ids(all));
        Assert.DoesNotContain(s.Unpublished, SearchData.Ids(all));
    }

    [Fact]
    public async Task Distance_order_and_distances_agree_with_postgis()
    {
        var s = await SeedAsync();
        var response = await SearchData.SearchOkAsync(client, s.Trader, new { near = Near(1000), sort = "distance", pageSize = 100 });
        var mine = response["results"]!.AsArray().Where(r => s.All.Contains((string)r!["warehouse"]!["id"]!)).ToList();

        // PostGIS itself, as the superuser: the same spheroid distance, ordered.
        var expected = new List<(string Id, double Km)>();
        await using (var connection = new NpgsqlConnection(TestDatabase.Superuser))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT id::text, ST_Distance(location, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, false) / 1000
                FROM overseas_warehouses WHERE id = ANY($3) ORDER BY 2, 1
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Longitude });
            command.Parameters.Add(new NpgsqlParameter { Value = Latitude });
            command.Parameters.Add(new NpgsqlParameter { Value = s.Listed.Select(Guid.Parse).ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) expected.Add((reader.GetString(0), reader.GetDouble(1)));
        }
        Assert.Equal(expected.Select(e => e.Id), mine.Select(r => (string)r!["warehouse"]!["id"]!));
        foreach (var (result, (_, km)) in mine.Zip(expected)) Assert.Equal(Math.Round(km, 2), (double)result!["distanceKm"]!);
        Assert.InRange((double)mine[0]!["distanceKm"]!, 4.5, 5.5);

        // The nearest rail node of each is reported with its distance; for W1 that is Tbilisi itself.
        var nearest = mine[0]!["nearestRailHub"]!;
        Assert.Equal("GE-TBS", (string)nearest["code"]!);
        Assert.Equal("第比利斯", (string)nearest["nameZh"]!);
        Assert.InRange((double)nearest["distanceKm"]!, 4.5, 5.5);
    }

    [Fact]
    public async Task A_hub_and_a_radius_or_a_polygon_place_the_search()
    {
        var s = await SeedAsync();
        Assert.Equal([s.W1, s.W2], await MineAsync(s, new { nearHub = new { code = "ge-tbs", radiusKm = 30 }, sort = "distance" }));

        // A box of ±0.5° around Tbilisi (about ±55 km north–south): W1 and W2, not W3 80 km south.
        double[][] box = [[Longitude - 0.7, Latitude - 0.5], [Longitude + 0.7, Latitude - 0.5], [Longitude + 0.7, Latitude + 0.5], [Longitude - 0.7, Latitude + 0.5], [Longitude - 0.7, Latitude - 0.5]];
        var response = await SearchData.SearchOkAsync(client, s.Trader, new { within = new { type = "Polygon", coordinates = new[] { box } }, sort = "distance" });
        Assert.Equal([s.W1, s.W2], Mine(response, s));
        Assert.Equal("within", (string)response["appliedFilters"]!["place"]!["kind"]!);
        Assert.Equal(Latitude, (double)response["appliedFilters"]!["place"]!["origin"]!["latitude"]!, 6);
    }

    [Fact]
    public async Task Markets_are_countries_and_market_groups_together()
    {
        var s = await SeedAsync();
        var near = Near(1000);
        Assert.Equal(new[] { s.W1, s.W2 }.Order(), (await MineAsync(s, new { near, countries = new[] { "ge" } })).Order());
        Assert.Equal([s.W3], await MineAsync(s, new { near, marketGroups = new[] { "MIDEAST" } }));
        Assert.Equal(new[] { s.W3, s.W4 }.Order(), (await MineAsync(s, new { near, marketGroups = new[] { "CEE" }, countries = new[] { "TR" } })).Order());
        var echoed = (await SearchData.SearchOkAsync(client, s.Trader, new { near, marketGroups = new[] { "gcc" } }))["appliedFilters"]!;
        Assert.Equal(["AE", "BH", "KW", "OM", "QA", "SA"], echoed["marketCountries"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("GCC", (string)echoed["marketGroups"]![0]!);
    }

    [Fact]
    public async Task Services_storage_and_handling_each_require_all_that_are_named()
    {
        var s = await SeedAsync();
        var near = Near(1000);
        // W2's studio is not published, so only W1 offers one.
        Assert.Equal([s.W1], await MineAsync(s, new { near, services = new[] { "liveStreamStudio" } }));
        Assert.Equal([s.W1], await MineAsync(s, new { near, services = new[] { "LiveStreamStudio", "showroom" } }));
        Assert.Empty(await MineAsync(s, new { near, services = new[] { "liveStreamStudio", "returnsRelabel" } }));
        Assert.Equal([s.W2], await MineAsync(s, new { near, services = new[] { "returnsRelabel" } }));
        Assert.Equal([s.W2], await MineAsync(s, new { near, storageConditions = new[] { "humidityControlled", "ambient" } }));
        Assert.Empty(await MineAsync(s, new { near, storageConditions = new[] { "humidityControlled", "chilled" } }));
        Assert.Equal([s.W3], await MineAsync(s, new { near, handlingCapabilities = new[] { "hazmatClass9LithiumBatteries" } }));
    }

    [Fact]
    public async Task Quantity_in_any_unit_is_converted_to_each_offers_unit()
    {
        var s = await SeedAsync();
        var near = Near(1000);
        // 400 m² is 334 pallet positions (W2 has 500) and 800 m³ (W3 has 2,000).
        Assert.Equal(s.Listed.Order(), (await MineAsync(s, new { near, quantity = new { amount = 400, unit = "squareMetre" }, from = SearchData.Day(3, 1), to = SearchData.Day(3, 31) })).Order());
        // 700 m² is 584 pallet positions: W2 drops out; W4 has exactly 800 m².
        Assert.Equal(new[] { s.W1, s.W3, s.W4 }.Order(), (await MineAsync(s, new { near, quantity = new { amount = 700, unit = "squareMetre" }, from = SearchData.Day(3, 1), to = SearchData.Day(3, 31) })).Order());
        // 800 pallet positions is 960 m²: only W1 (1,000 m²) and W3 (1,920 m³ of 2,000).
        var pallets = await SearchData.SearchOkAsync(client, s.Trader, new { near, quantity = new { amount = 800, unit = "palletPosition" }, from = SearchData.Day(3, 1), to = SearchData.Day(3, 31) });
        Assert.Equal(new[] { s.W1, s.W3 }.Order(), Mine(pallets, s).Order());
        var quantity = pallets["appliedFilters"]!["quantity"]!;
        Assert.Equal(960m, (decimal)quantity["squareMetres"]!);
        Assert.Equal(1920m, (decimal)quantity["cubicMetres"]!);
    }

    [Fact]
    public async Task Price_district_and_certification_filters()
    {
        var s = await SeedAsync();
        var near = Near(1000);
        Assert.Equal(new[] { s.W2, s.W4 }.Order(), (await MineAsync(s, new { near, maxPriceCnyPerM2Month = 26 })).Order());
        Assert.Equal(new[] { s.W1, s.W4 }.Order(), (await MineAsync(s, new { near, operatorDistricts = new[] { "sip" } })).Order());
        Assert.Equal(new[] { s.W2, s.W3 }.Order(), (await MineAsync(s, new { near, operatorDistricts = new[] { "KS", "WJ" } })).Order());
        // None of these is certified, so certifiedOnly leaves them all out, and whatever it keeps (other tests' certified
        // warehouses may be near) carries a badge; uncertified results say null (Certification/CertificationFlowTests has the badge).
        var certified = await SearchData.SearchOkAsync(client, s.Trader, new { near, certifiedOnly = true, pageSize = 100 });
        Assert.Empty(Mine(certified, s));
        Assert.All(certified["results"]!.AsArray(), r => Assert.NotNull(r!["certification"]));
        Assert.True((bool)certified["appliedFilters"]!["certifiedOnly"]!);
        var any = await SearchData.SearchOkAsync(client, s.Trader, new { near, pageSize = 100 });
        Assert.All(any["results"]!.AsArray().Where(r => s.All.Contains((string)r!["warehouse"]!["id"]!)), r => { Assert.Null(r!["certification"]); Assert.Null(r["rating"]); });
    }

    [Fact]
    public async Task An_industry_belt_applies_its_handling_needs_unless_overridden_and_says_which()
    {
        var s = await SeedAsync();
        var near = Near(1000);
        // Textiles: garments on hanger, returns & relabel, small parcels (drop-shipping): W2 only.
        var textiles = await SearchData.SearchOkAsync(client, s.Trader, new { near, industryBelt = "cs-tex" });
        Assert.Equal([s.W2], Mine(textiles, s));
        var applied = textiles["appliedFilters"]!;
        Assert.Equal(["garmentsOnHanger"], applied["handlingCapabilities"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(new[] { "dropShipping", "returnsRelabel" }, applied["services"]!.AsArray().Select(c => (string)c!).Order());
        var needs = applied["industryBelt"]!["needs"]!.AsArray();
        Assert.Equal(3, needs.Count);
        Assert.All(needs, n => Assert.True((bool)n!["applied"]!));
        Assert.Equal("handlingCapabilities", (string)needs[0]!["appliedAs"]![0]!["filter"]!);

        // Healthy home: oversize and a studio: W1 only. Overridden: nothing applied, everything listed.
        Assert.Equal([s.W1], await MineAsync(s, new { near, industryBelt = "XC-HOME" }));
        var overridden = await SearchData.SearchOkAsync(client, s.Trader, new { near, industryBelt = "XC-HOME", overrideIndustryNeeds = true, pageSize = 100 });
        Assert.Equal(s.Listed.Order(), Mine(overridden, s).Order());
        Assert.True((bool)overridden["appliedFilters"]!["industryBelt"]!["overridden"]!);
        Assert.All(overridden["appliedFilters"]!["industryBelt"]!["needs"]!.AsArray(), n => Assert.False((bool)n!["applied"]!));
        Assert.Empty(overridden["appliedFilters"]!["services"]!.AsArray());

        // A need no listing attribute captures is reported, not silently dropped.
        var pv = await SearchData.SearchOkAsync(client, s.Trader, new { near, industryBelt = "SND-PV" });
        var installer = pv["appliedFilters"]!["industryBelt"]!["needs"]!.AsArray().Single(n => (string)n!["need"]! == "installer network")!;
        Assert.False((bool)installer["applied"]!);
        Assert.NotNull((string?)installer["note"]);
        Assert.Equal([s.W3], Mine(pv, s));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var s = await SeedAsync();
        var body = new
        {
            near = Near(100), maxPriceCnyPerM2Month = 100, quantity = new { amount = 400, unit = "squareMetre" },
            from = SearchData.Day(3, 1), to = SearchData.Day(3, 31), countries = new[] { "GE", "TR" },
        };
        Assert.Equal(new[] { s.W1, s.W2 }.Order(), (await MineAsync(s, body)).Order());
        Assert.Equal([s.W2], await MineAsync(s, new
        {
            near = Near(100), maxPriceCnyPerM2Month = 100, quantity = new { amount = 400, unit = "squareMetre" },
            from = SearchData.Day(3, 1), to = SearchData.Day(3, 31), services = new[] { "returnsRelabel" }, operatorDistricts = new[] { "KS" },
        }));
    }

    [Fact]
    public async Task Results_carry_matched_offers_with_free_quantity_prices_and_a_quote_in_cny_and_the_original_currency()
    {
        var s = await SeedAsync();
        var response = await SearchData.SearchOkAsync(client, s.Trader, new
        {
            near = Near(100), quantity = new { amount = 400, unit = "squareMetre" }, from = SearchData.Day(3, 1), to = SearchData.Day(3, 31),
        });
        var w2 = response["results"]!.AsArray().Single(r => (string)r!["warehouse"]!["id"]! == s.W2)!;
        Assert.Equal("搜索二号仓", (string)w2["warehouse"]!["nameZh"]!);
        Assert.Equal("KS", (string)w2["warehouse"]!["operator"]!["districtCode"]!);
        Assert.Equal(["garmentsOnHanger"], w2["warehouse"]!["handlingCapabilities"]!.AsArray().Select(c => (string)c!));
        // The unpublished cheaper offer is not among the matched offers.
        var offer = Assert.Single(w2["matchedOffers"]!.AsArray())!;
        Assert.Equal(s.W2Offer, (string)offer["offerId"]!);
        Assert.DoesNotContain(s.W2HiddenOffer, response.ToJsonString());
        Assert.Equal("palletPosition", (string)offer["unit"]!);
        Assert.Equal(500m, (decimal)offer["freeOverRange"]!);
        Assert.Equal("perPalletDay", (string)offer["price"]!["basis"]!);
        Assert.Equal(25.36m, (decimal)offer["normalised"]!["cnyPerM2Month"]!);
        Assert.Equal("request", (string)offer["bookingMode"]!);

        // 400 m² is 334 pallet positions for 31 days: 334 × 31 × 1 CNY in the operator's terms, and in CNY that amount
        // times the offer's rate (1 for CNY): the same arithmetic as the booking's quote.
        var quote = offer["quote"]!;
        Assert.Equal(334m, (decimal)quote["quantity"]!);
        Assert.Equal(400.8m, (decimal)quote["squareMetres"]!);
        Assert.Equal(31, (int)quote["days"]!);
        Assert.Equal(decimal.Round(31m / (365.25m / 12m), 4), (decimal)quote["months"]!);
        Assert.Equal(10354m, (decimal)quote["original"]!["amount"]!);
        Assert.Equal("CNY", (string)quote["original"]!["currency"]!);
        Assert.Equal(10354m, (decimal)quote["cny"]!["amount"]!);

        // W3 prices in euros per m³·day: 800 m³ × 31 days × 2 EUR; in CNY at the offer's dated rate.
        var w3 = response["results"]!.AsArray().Single(r => (string)r!["warehouse"]!["id"]! == s.W3)!["matchedOffers"]![0]!;
        Assert.Equal(49600m, (decimal)w3["quote"]!["original"]!["amount"]!);
        Assert.Equal("EUR", (string)w3["quote"]!["original"]!["currency"]!);
        Assert.NotNull((string?)w3["normalised"]!["rateAsOf"]);
        var cny = (decimal)w3["quote"]!["cny"]!["amount"]!;
        Assert.InRange(cny / 49600m, 5m, 10m); // a euro is between 5 and 10 yuan
    }

    [Fact]
    public async Task Best_match_scores_follow_the_documented_formula_and_order_the_results()
    {
        var s = await SeedAsync();
        var response = await SearchData.SearchOkAsync(client, s.Trader, new { near = Near(100) });
        // No quantity (headroom 1), no reviews (rating 0.5), no certificate; a 100 km circle, so distance = 1 − km ÷ 100.
        // price = ln(300 ÷ CNY per m²·month) ÷ ln(30), clamped to 0…1.
        static double Price(double cny) => Math.Clamp(Math.Log(300 / cny) / Math.Log(30), 0, 1);
        double Expected(double instant, double cny, string id)
        {
            var km = (double)response["results"]!.AsArray().Single(r => (string)r!["warehouse"]!["id"]! == id)!["distanceKm"]!;
            return 0.40 * (0.7 + 0.3 * instant) + 0.25 * Price(cny) + 0.20 * (1 - km / 100) + 0.10 * 0.5;
        }
        var scores = response["results"]!.AsArray().ToDictionary(r => (string)r!["warehouse"]!["id"]!, r => (double)(decimal)r!["score"]!);
        Assert.Equal([s.W1, s.W2, s.W3], Mine(response, s));
        // W1: instant, 30 CNY/m²·month, nearest. W2: on request, 25.36, middle distance. W3: instant, about 950 (price 0),
        // farthest. Distances come back rounded to 10 m, hence the tolerance.
        Assert.Equal(Expected(1, 30, s.W1), scores[s.W1], 0.0002);
        Assert.Equal(Expected(0.5, 25.36, s.W2), scores[s.W2], 0.0002);
        Assert.Equal(Expected(1, 950, s.W3), scores[s.W3], 0.0002);
        Assert.Contains("0.40·fit", (string)response["appliedFilters"]!["scoreFormula"]!);

        // With a quantity and dates, fit = 0.7 × headroom + 0.3 × instant, where headroom is the least free over the
        // range ÷ twice the quantity, at most 1. W1 has 1,000 m² free every day: 700 m² leaves it 1,000 ÷ 1,400 of
        // headroom, 400 m² the full 1.
        foreach (var (m2, headroom) in new[] { (700, 1000.0 / 1400), (400, 1.0) })
        {
            var needs = await SearchData.SearchOkAsync(client, s.Trader,
                new { near = Near(100), quantity = new { amount = m2, unit = "squareMetre" }, from = SearchData.Day(3, 1), to = SearchData.Day(3, 31) });
            var w1 = needs["results"]!.AsArray().Single(r => (string)r!["warehouse"]!["id"]! == s.W1)!;
            var km = (double)w1["distanceKm"]!;
            Assert.Equal(0.40 * (0.7 * headroom + 0.3) + 0.25 * Price(30) + 0.20 * (1 - km / 100) + 0.10 * 0.5, (double)(decimal)w1["score"]!, 0.0002);
            Assert.Equal(1000m, (decimal)w1["matchedOffers"]![0]!["freeOverRange"]!);
        }

        // By price: cheapest first.
        Assert.Equal([s.W4, s.W2, s.W1, s.W3], await MineAsync(s, new { near = Near(500), sort = "price" }));
    }

    [Fact]
    public async Task Pages_are_stable_and_the_total_counts_every_match()
    {
        var s = await SeedAsync();
        var pages = new List<JsonObject>();
        for (var page = 1; page <= 3; page++)
            pages.Add(await SearchData.SearchOkAsync(client, s.Trader, new { near = Near(500), sort = "distance", page, pageSize = 3 }));
        Assert.All(pages, p => Assert.Equal(4, (long)p["total"]!));
        Assert.Equal(3, pages[0]["results"]!.AsArray().Count);
        Assert.Single(pages[1]["results"]!.AsArray());
        Assert.Empty(pages[2]["results"]!.AsArray());
        Assert.Equal([s.W1, s.W2, s.W3, s.W4], pages.SelectMany(SearchData.Ids));
        Assert.Equal(3, (int)pages[2]["pageSize"]!);

        // The same request twice gives the same order, for every sort.
        foreach (var sort in new[] { "bestMatch", "distance", "price" })
        {
            var first = SearchData.Ids(await SearchData.SearchOkAsync(client, s.Trader, new { near = Near(500), sort }));
            var again = SearchData.Ids(await SearchData.SearchOkAsync(client, s.Trader, new { near = Near(500), sort }));
            Assert.Equal(first, again);
            Assert.Equal(4, first.Count);
        }
    }

    [Fact]
    public async Task The_search_index_follows_every_change_to_a_listing_in_the_same_transaction()
    {
        // Far from the seed's warehouses (Almaty), so the other tests' totals are untouched.
        var near = new { latitude = 43.24, longitude = 76.89, radiusKm = 20 };
        var op = await SearchData.OperatorAsync(client, "SIP");
        var trader = await Scenario.RegisterAsync(client, "trader");
        var warehouse = await SearchData.WarehouseAsync(client, op.Token, SearchData.WarehouseBody("索引测试仓", "KZ", (43.25, 76.90)));
        var a = (string)(await SearchData.OfferAsync(client, op.Token, warehouse, SearchData.OfferBody(1000, "squareMetre", 30, "CNY", "perSquareMetreMonth")))["id"]!;
        var b = (string)(await SearchData.OfferAsync(client, op.Token, warehouse, SearchData.OfferBody(1000, "squareMetre", 40, "CNY", "perSquareMetreMonth"), publish: false))["id"]!;
        var studio = (string)(await SearchData.ServiceAsync(client, op.Token, warehouse, "liveStreamStudio"))["id"]!;

        async Task<List<string>> OffersFoundAsync(object? extra = null)
        {
            var body = new JsonObject { ["near"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(near)) };
            if (extra is not null)
                foreach (var (key, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject()) body[key] = value?.DeepClone();
            var found = await SearchData.SearchOkAsync(client, trader.Token, body);
            return found["results"]!.AsArray().Where(r => (string)r!["warehouse"]!["id"]! == warehouse)
                .SelectMany(r => r!["matchedOffers"]!.AsArray().Select(o => (string)o!["offerId"]!)).ToList();
        }
        async Task PostAsync(string url, object? body = null)
        {
            var response = await client.SendAsync(HttpMethod.Post, url, op.Token, body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([a], await OffersFoundAsync());
        Assert.Equal(0, await TestDatabase.SearchIndexDriftAsync());

        // Publishing and unpublishing offers.
        await PostAsync($"/api/offers/{b}/publish");
        Assert.Equal([a, b], await OffersFoundAsync());
        await PostAsync($"/api/offers/{a}/unpublish");
        Assert.Equal([b], await OffersFoundAsync());
        Assert.Equal(0, await TestDatabase.SearchIndexDriftAsync());

        // The warehouse's status.
        await SearchData.SetStatusAsync(client, op.Token, warehouse, "suspended");
        Assert.Empty(await OffersFoundAsync());
        await SearchData.SetStatusAsync(client, op.Token, warehouse, "active");
        Assert.Equal([b], await OffersFoundAsync());
        Assert.Equal(0, await TestDatabase.SearchIndexDriftAsync());

        // A booking takes 300 of 1,000 m² on ten days: 700 still fits over those days, 800 no longer does.
        var booked = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token,
            new { offerId = b, quantity = 300, startsOn = SearchData.Day(3, 10), endsOn = SearchData.Day(3, 19) });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        object Need(int m2) => new { quantity = new { amount = m2, unit = "squareMetre" }, from = SearchData.Day(3, 1), to = SearchData.Day(3, 31) };
        Assert.Equal([b], await OffersFoundAsync(Need(700)));
        Assert.Empty(await OffersFoundAsync(Need(800)));
        Assert.Equal(0, await TestDatabase.SearchIndexDriftAsync());

        // The cancellation gives the days back.
        var bookingId = (string)(await booked.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.True((await client.SendAsync(HttpMethod.Post, $"/api/bookings/{bookingId}/cancel", trader.Token, new { reason = "计划有变" })).IsSuccessStatusCode);
        Assert.Equal([b], await OffersFoundAsync(Need(800)));

        // Services.
        Assert.Equal([b], await OffersFoundAsync(new { services = new[] { "liveStreamStudio" } }));
        await PostAsync($"/api/services/{studio}/unpublish");
        Assert.Empty(await OffersFoundAsync(new { services = new[] { "liveStreamStudio" } }));
        Assert.Equal(0, await TestDatabase.SearchIndexDriftAsync());

        // What a result shows of its warehouse and offer comes from the index too: a new name and a new price show at once.
        async Task PutAsync(string url, JsonObject body)
        {
            var current = await (await client.SendAsync(HttpMethod.Get, url, op.Token)).Content.ReadFromJsonAsync<JsonObject>();
            body["version"] = (uint)current!["version"]!;
            var response = await client.SendAsync(HttpMethod.Put, url, op.Token, body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        await PutAsync($"/api/warehouses/{warehouse}", SearchData.WarehouseBody("索引测试仓·更名", "KZ", (43.25, 76.90)));
        await PutAsync($"/api/offers/{b}", SearchData.OfferBody(1000, "squareMetre", 35, "CNY", "perSquareMetreMonth", bookingMode: "request"));
        var shown = (await SearchData.SearchOkAsync(client, trader.Token, new { near })).AsObject()["results"]!.AsArray()
            .Single(r => (string)r!["warehouse"]!["id"]! == warehouse)!;
        Assert.Equal("索引测试仓·更名", (string)shown["warehouse"]!["nameZh"]!);
        var offer = shown["matchedOffers"]!.AsArray().Single()!;
        Assert.Equal(35m, (decimal)offer["price"]!["amount"]!);
        Assert.Equal(35m, (decimal)offer["normalised"]!["cnyPerM2Month"]!);
        Assert.Equal("request", (string)offer["bookingMode"]!);
        Assert.Equal(0, await TestDatabase.SearchIndexDriftAsync());
    }
}
