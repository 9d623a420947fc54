using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Api.Features.Bookings;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Jobs;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Bookings;

public sealed class HoldExpiryTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    [Fact]
    public async Task The_expiry_job_run_twice_expires_each_due_hold_once_and_releases_its_capacity_once()
    {
        var op = await Scenario.RegisterAsync(client);
        var warehouse = await Supply.CreateWarehouseAsync(client, op.Token);
        await Supply.ActivateAsync(client, op.Token, (string)warehouse["id"]!);
        var body = Supply.OfferBody(quantity: 300);
        body["bookingMode"] = "request";
        body["minimumTermDays"] = 1;
        var offer = await Supply.CreateOfferAsync(client, op.Token, (string)warehouse["id"]!, body);
        var offerId = (string)offer["id"]!;
        await client.SendAsync(HttpMethod.Post, $"/api/offers/{offerId}/publish", op.Token);
        var trader = await Scenario.RegisterAsync(client, "trader");
        var holds = new List<string>();
        foreach (var quantity in new[] { 50, 70 })
        {
            var created = await (await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token,
                new { offerId, quantity, startsOn = "2027-02-01", endsOn = "2027-02-10" })).Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("held", (string)created!["status"]!);
            holds.Add((string)created["id"]!);
        }
        // One of them the operator accepts in time; it must survive the job.
        await client.SendAsync(HttpMethod.Post, $"/api/bookings/{holds[1]}/accept", op.Token);

        // Run the job's per-tenant work twice, at a moment after every hold has run out.
        var later = DateTimeOffset.UtcNow.AddDays(30);
        var counts = new List<int>();
        for (var run = 0; run < 2; run++)
        {
            var expired = 0;
            await TenantScopes.ForEachOperatorAsync(api.Factory.Services, async (scope, ct) =>
                expired += await HoldExpiryJob.ExpireDueAsync(scope.GetRequiredService<WarehouseDb>(), later, ct), CancellationToken.None);
            counts.Add(expired);
        }
        Assert.True(counts[0] >= 1);
        Assert.Equal(0, counts[1]);

        var first = await (await client.SendAsync(HttpMethod.Get, $"/api/bookings/{holds[0]}", trader.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("expired", (string)first!["status"]!);
        var second = await (await client.SendAsync(HttpMethod.Get, $"/api/bookings/{holds[1]}", trader.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("confirmed", (string)second!["status"]!);
        // Only the accepted 70 remain booked on each day.
        Assert.Equal(10, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 70", Guid.Parse(offerId)));
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked NOT IN (0, 70)", Guid.Parse(offerId)));
        // An expired hold can no longer be accepted.
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{holds[0]}/accept", op.Token), HttpStatusCode.BadRequest);
    }
}
