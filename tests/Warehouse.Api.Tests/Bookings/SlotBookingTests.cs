using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Api.Tests.Services;

namespace Warehouse.Api.Tests.Bookings;

public sealed class SlotBookingTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    /// <summary>An active warehouse with a published offer around <see cref="ServiceSupply.Day"/> and a published studio with 3 one-place hours that day.</summary>
    private async Task<(Scenario.Member Operator, string OfferId, JsonArray Slots)> SetUpAsync()
    {
        var op = await Scenario.RegisterAsync(client);
        var warehouse = await Supply.CreateWarehouseAsync(client, op.Token);
        var warehouseId = (string)warehouse["id"]!;
        await Supply.ActivateAsync(client, op.Token, warehouseId);
        var day = DateOnly.FromDateTime(ServiceSupply.Day.UtcDateTime);
        var body = Supply.OfferBody(from: day.AddDays(-10).ToString("yyyy-MM-dd"), to: day.AddDays(40).ToString("yyyy-MM-dd"));
        body["minimumTermDays"] = 1;
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId, body);
        await client.SendAsync(HttpMethod.Post, $"/api/offers/{(string)offer["id"]!}/publish", op.Token);
        var studio = await ServiceSupply.CreateServiceAsync(client, op.Token, warehouseId, ServiceSupply.StudioBody());
        var slots = await ServiceSupply.CreateSlotsAsync(client, op.Token, (string)studio["id"]!, ServiceSupply.Hours(3, capacity: 1));
        await client.SendAsync(HttpMethod.Post, $"/api/services/{(string)studio["id"]!}/publish", op.Token);
        return (op, (string)offer["id"]!, slots);
    }

    private static object Body(string offerId, params (string SlotId, int Quantity)[] slots)
    {
        var day = DateOnly.FromDateTime(ServiceSupply.Day.UtcDateTime);
        return new
        {
            offerId, quantity = 20, startsOn = day.AddDays(-1).ToString("yyyy-MM-dd"), endsOn = day.AddDays(1).ToString("yyyy-MM-dd"),
            slots = slots.Select(s => new { slotId = s.SlotId, quantity = s.Quantity }).ToArray(),
        };
    }

    [Fact]
    public async Task A_booking_takes_studio_hours_with_its_space_and_cancelling_gives_both_back()
    {
        var (op, offerId, slots) = await SetUpAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var first = (string)slots[0]!["id"]!;
        var response = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Body(offerId, (first, 1)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var booking = JsonNode.Parse(text)!;
        Assert.Equal(first, (string)Assert.Single(booking["slots"]!.AsArray())!["slotId"]!);
        // The 201 is built from what the slot update returned; it is exactly what a later read shows.
        var read = await client.SendAsync(HttpMethod.Get, $"/api/bookings/{(string)booking["id"]!}", trader.Token);
        Assert.Equal(JsonNode.Parse(await read.Content.ReadAsStringAsync())!.ToJsonString(), booking.ToJsonString());
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT booked FROM service_slots WHERE id = $1", Guid.Parse(first)));

        // The hour is now full: a second trader asking for it is refused and takes no space either.
        var other = await Scenario.RegisterAsync(client, "trader");
        var refused = await client.SendAsync(HttpMethod.Post, "/api/bookings", other.Token, Body(offerId, (first, 1)));
        var problem = await Scenario.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("slots.unavailable", (string)problem["code"]!);
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", Guid.Parse(offerId)));
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked > 20", Guid.Parse(offerId)));

        // The operator sees the slot on the booking; cancelling frees the hour and the space.
        var seen = await (await client.SendAsync(HttpMethod.Get, $"/api/bookings/{(string)booking["id"]!}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("liveStreamStudio", (string)seen!["slots"]![0]!["serviceType"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/bookings/{(string)booking["id"]!}/cancel", trader.Token, new { reason = "x" })).StatusCode);
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT booked FROM service_slots WHERE id = $1", Guid.Parse(first)));
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT coalesce(sum(booked), 0) FROM capacity_days WHERE offer_id = $1", Guid.Parse(offerId)));
    }

    [Fact]
    public async Task Parallel_bookings_of_one_hour_place_exactly_its_capacity()
    {
        var (_, offerId, slots) = await SetUpAsync();
        var traders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scenario.RegisterAsync(client, "trader")));
        var hour = (string)slots[1]!["id"]!;
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.SendAsync(HttpMethod.Post, "/api/bookings", traders[i % 4].Token, Body(offerId, (hour, 1)))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT booked FROM service_slots WHERE id = $1", Guid.Parse(hour)));
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT coalesce(sum(quantity), 0) FROM booking_slots WHERE slot_id = $1", Guid.Parse(hour)));
    }

    [Fact]
    public async Task A_slot_outside_the_booked_days_is_refused()
    {
        var (_, offerId, slots) = await SetUpAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var day = DateOnly.FromDateTime(ServiceSupply.Day.UtcDateTime);
        var body = new { offerId, quantity = 20, startsOn = day.AddDays(2).ToString("yyyy-MM-dd"), endsOn = day.AddDays(5).ToString("yyyy-MM-dd"),
            slots = new[] { new { slotId = (string)slots[2]!["id"]!, quantity = 1 } } };
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, body), HttpStatusCode.Conflict);
    }
}
