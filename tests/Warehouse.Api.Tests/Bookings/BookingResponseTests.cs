using System.Net;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Bookings;

/// <summary>
/// The 201 of a new booking is built from the booking in hand, not read back; these pin it to what a later GET returns,
/// and pin the all-or-none reservation: a range with one short day takes nothing on any day.
/// </summary>
public sealed class BookingResponseTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<(Scenario.Member Operator, string OfferId)> PublishedOfferAsync(string bookingMode, decimal quantity = 500)
    {
        var op = await Scenario.RegisterAsync(client);
        var warehouse = await Supply.CreateWarehouseAsync(client, op.Token);
        var warehouseId = (string)warehouse["id"]!;
        await Supply.ActivateAsync(client, op.Token, warehouseId);
        var body = Supply.OfferBody(quantity: quantity);
        body["bookingMode"] = bookingMode;
        body["minimumQuantity"] = 1;
        body["minimumTermDays"] = 1;
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId, body);
        var offerId = (string)offer["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/offers/{offerId}/publish", op.Token)).StatusCode);
        return (op, offerId);
    }

    private static object Booking(string offerId, decimal quantity, string from, string to) => new { offerId, quantity, startsOn = from, endsOn = to };

    private async Task<JsonNode> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> GetAsync(string bookingId, string token)
    {
        var response = await client.SendAsync(HttpMethod.Get, $"/api/bookings/{bookingId}", token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    [Theory]
    [InlineData("instant", 2.5, "confirmed")]   // a fractional quantity: the column keeps one decimal
    [InlineData("instant", 7, "confirmed")]     // a whole one: read back as "7.0"
    [InlineData("request", 12.5, "held")]       // a hold carries its expiry time
    public async Task The_201_body_is_what_GET_returns_for_the_new_booking(string bookingMode, decimal quantity, string status)
    {
        var (op, offerId) = await PublishedOfferAsync(bookingMode);
        var trader = await Scenario.RegisterAsync(client, "trader");

        var created = await CreatedAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, quantity, "2027-01-10", "2027-01-23")));
        Assert.Equal(status, (string)created["status"]!);
        var read = await GetAsync((string)created["id"]!, trader.Token);
        // Byte for byte, not only equal values: "7.0" and "7", or a time with more digits than stored, would differ here.
        Assert.Equal(read.ToJsonString(), created.ToJsonString());
        // The operator reads the same booking (it can never review, and neither can the trader yet).
        Assert.Equal(created.ToJsonString(), (await GetAsync((string)created["id"]!, op.Token)).ToJsonString());
    }

    [Fact]
    public async Task A_range_with_one_short_day_takes_nothing_on_any_day_and_names_only_that_day()
    {
        var (_, offerId) = await PublishedOfferAsync("instant", quantity: 100);
        var trader = await Scenario.RegisterAsync(client, "trader");
        // The last day of the coming range is already 90 of 100 booked.
        await CreatedAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 90, "2027-03-05", "2027-03-06")));

        var response = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 20, "2027-03-01", "2027-03-05"));
        var problem = await Scenario.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("capacity.unavailable", (string)problem["code"]!);
        Assert.Equal(["2027-03-05"], problem["shortDays"]!.AsArray().Select(d => (string)d!));
        // Days 1–4 had room but took nothing: the reservation is all days or none.
        Assert.Equal(0, await TestDatabase.CountAsync(
            "SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND day BETWEEN '2027-03-01' AND '2027-03-04' AND booked <> 0", Guid.Parse(offerId)));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", Guid.Parse(offerId)));

        // Exactly what is left on the short day still fits, on every day of the range.
        await CreatedAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-03-01", "2027-03-05")));
        Assert.Equal(4, await TestDatabase.CountAsync(
            "SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND day BETWEEN '2027-03-01' AND '2027-03-04' AND booked = 10", Guid.Parse(offerId)));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND day = '2027-03-05' AND booked = 100", Guid.Parse(offerId)));
    }

    [Fact]
    public async Task An_offer_changed_after_a_first_booking_is_booked_on_its_new_terms()
    {
        // The first booking makes the Api remember the offer's operator; the change must still be seen by the next one.
        var (op, offerId) = await PublishedOfferAsync("instant", quantity: 100);
        var trader = await Scenario.RegisterAsync(client, "trader");
        var first = await CreatedAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-10", "2027-01-19")));

        var offer = JsonNode.Parse(await (await client.SendAsync(HttpMethod.Get, $"/api/offers/{offerId}", op.Token)).Content.ReadAsStringAsync())!;
        var body = Supply.OfferBody(quantity: 100);
        body["bookingMode"] = "request";
        body["minimumQuantity"] = 1;
        body["minimumTermDays"] = 1;
        body["price"]!["amount"] = (decimal)offer["price"]!["amount"]! * 2;
        body["version"] = offer["version"]!.DeepClone();
        var changed = await client.SendAsync(HttpMethod.Put, $"/api/offers/{offerId}", op.Token, body);
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());

        var second = await CreatedAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-10", "2027-01-19")));
        Assert.Equal("held", (string)second["status"]!);
        Assert.Equal((decimal)first["quote"]!["totalOriginal"]! * 2, (decimal)second["quote"]!["totalOriginal"]!);
    }
}
