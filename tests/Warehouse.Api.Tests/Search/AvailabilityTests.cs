using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Search;

/// <summary>
/// The every-day rule: an offer matches a quantity and a range only if that much is free on each day of the range.
/// Bookings are written straight into <c>capacity_days</c> as the superuser, the state the booking feature leaves.
/// </summary>
public sealed class AvailabilityTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    /// <summary>An offer of 100 m² over June next year at a point of its own in the South Atlantic, where nothing else is listed.</summary>
    private async Task<(string Trader, string WarehouseId, string OfferId, object Near)> JuneOfferAsync(JsonObject? offerBody = null)
    {
        var op = await SearchData.OperatorAsync(client, "TC");
        var at = (Latitude: -40 + RandomNumberGenerator.GetInt32(1000) / 100.0, Longitude: -30 + RandomNumberGenerator.GetInt32(2000) / 100.0);
        var warehouseId = await SearchData.WarehouseAsync(client, op.Token, SearchData.WarehouseBody("可用性测试仓", "BR", at));
        var offer = await SearchData.OfferAsync(client, op.Token, warehouseId,
            offerBody ?? SearchData.OfferBody(100, "squareMetre", 10, "CNY", "perSquareMetreMonth", SearchData.Day(6, 1), SearchData.Day(6, 30)));
        var trader = await Scenario.RegisterAsync(client, "trader");
        return (trader.Token, warehouseId, (string)offer["id"]!, new { latitude = at.Latitude, longitude = at.Longitude, radiusKm = 1 });
    }

    private static Task BookAsync(string offerId, decimal booked, string from, string to)
        => SearchData.ExecuteAsSuperuserAsync("UPDATE capacity_days SET booked = $2 WHERE offer_id = $1 AND day BETWEEN $3::date AND $4::date",
            Guid.Parse(offerId), booked, from, to);

    private async Task<JsonObject?> MatchAsync(string trader, object near, decimal? quantity, string from, string to)
    {
        object body = quantity is { } q
            ? new { near, quantity = new { amount = q, unit = "squareMetre" }, from, to }
            : new { near, from, to };
        var response = await SearchData.SearchOkAsync(client, trader, body);
        return response["results"]!.AsArray().SingleOrDefault()?.AsObject();
    }

    [Fact]
    public async Task A_quantity_matches_only_if_it_is_free_on_every_day_of_the_range()
    {
        var (trader, _, offerId, near) = await JuneOfferAsync();
        await BookAsync(offerId, 60, SearchData.Day(6, 10), SearchData.Day(6, 12)); // 40 free on three days
        await BookAsync(offerId, 100, SearchData.Day(6, 20), SearchData.Day(6, 20)); // full on one day

        // 40 m² is free on every day of 1–15 June; 41 m² is not (10–12 June hold 40).
        var fits = await MatchAsync(trader, near, 40, SearchData.Day(6, 1), SearchData.Day(6, 15));
        Assert.NotNull(fits);
        Assert.Equal(40m, (decimal)fits["matchedOffers"]![0]!["freeOverRange"]!);
        Assert.Null(await MatchAsync(trader, near, 41, SearchData.Day(6, 1), SearchData.Day(6, 15)));
        // Around the busy days the whole offer is free.
        Assert.Equal(100m, (decimal)(await MatchAsync(trader, near, 100, SearchData.Day(6, 13), SearchData.Day(6, 19)))!["matchedOffers"]![0]!["freeOverRange"]!);
        // One full day in the range excludes the offer, with or without a quantity; a range touching it only at the edge does not.
        Assert.Null(await MatchAsync(trader, near, 1, SearchData.Day(6, 18), SearchData.Day(6, 22)));
        Assert.Null(await MatchAsync(trader, near, null, SearchData.Day(6, 18), SearchData.Day(6, 22)));
        Assert.NotNull(await MatchAsync(trader, near, 1, SearchData.Day(6, 21), SearchData.Day(6, 30)));
        Assert.NotNull(await MatchAsync(trader, near, null, SearchData.Day(6, 13), SearchData.Day(6, 19)));
        // A range reaching past the offer's window is not covered, however free the days inside it are.
        Assert.Null(await MatchAsync(trader, near, 1, SearchData.Day(6, 25), SearchData.Day(7, 5)));
        Assert.Null(await MatchAsync(trader, near, 1, SearchData.Day(5, 31), SearchData.Day(6, 5)));
    }

    [Fact]
    public async Task Without_a_range_the_free_quantity_is_the_least_over_the_offers_remaining_window()
    {
        var (trader, warehouseId, offerId, near) = await JuneOfferAsync();
        await BookAsync(offerId, 75, SearchData.Day(6, 5), SearchData.Day(6, 6));
        var response = await SearchData.SearchOkAsync(client, trader, new { near });
        var offer = response["results"]!.AsArray().Single()!["matchedOffers"]!.AsArray().Single()!;
        Assert.Equal(warehouseId, (string)response["results"]![0]!["warehouse"]!["id"]!);
        Assert.Equal(25m, (decimal)offer["freeOverRange"]!);
        Assert.Null(offer["quote"]);
    }

    [Fact]
    public async Task An_offers_minimum_quantity_and_term_are_respected()
    {
        var body = SearchData.OfferBody(100, "squareMetre", 10, "CNY", "perSquareMetreMonth", SearchData.Day(6, 1), SearchData.Day(6, 30));
        body["minimumQuantity"] = 20;
        body["minimumTermDays"] = 7;
        var (trader, _, _, near) = await JuneOfferAsync(body);
        Assert.NotNull(await MatchAsync(trader, near, 20, SearchData.Day(6, 1), SearchData.Day(6, 7)));
        Assert.Null(await MatchAsync(trader, near, 19, SearchData.Day(6, 1), SearchData.Day(6, 7)));
        Assert.Null(await MatchAsync(trader, near, 20, SearchData.Day(6, 1), SearchData.Day(6, 6)));
    }
}
