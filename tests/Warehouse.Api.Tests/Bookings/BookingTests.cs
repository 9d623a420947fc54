using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Warehouse.Api.Features.Bookings;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Bookings;

public sealed class BookingTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    /// <summary>An active warehouse with one published offer of 500 m² over Jan–Mar 2027.</summary>
    private async Task<(Scenario.Member Operator, string OfferId, string WarehouseId)> PublishedOfferAsync(string bookingMode = "instant", decimal quantity = 500, int freeCancellationDays = 14)
    {
        var op = await Scenario.RegisterAsync(client);
        var warehouse = await Supply.CreateWarehouseAsync(client, op.Token);
        var warehouseId = (string)warehouse["id"]!;
        await Supply.ActivateAsync(client, op.Token, warehouseId);
        var body = Supply.OfferBody(quantity: quantity);
        body["bookingMode"] = bookingMode;
        body["minimumQuantity"] = 1;
        body["minimumTermDays"] = 1;
        body["freeCancellationDays"] = freeCancellationDays;
        var offer = await Supply.CreateOfferAsync(client, op.Token, warehouseId, body);
        var offerId = (string)offer["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/offers/{offerId}/publish", op.Token)).StatusCode);
        return (op, offerId, warehouseId);
    }

    private static object Booking(string offerId, decimal quantity, string from, string to) => new { offerId, quantity, startsOn = from, endsOn = to };

    private static async Task<long> ScalarAsync(string sql, params object[] parameters) => await TestDatabase.CountAsync(sql, parameters);

    [Fact]
    public async Task A_trader_quotes_then_books_an_instant_offer_and_the_days_are_taken()
    {
        var (op, offerId, _) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");

        var quote = await (await client.SendAsync(HttpMethod.Post, "/api/bookings/quote", trader.Token, Booking(offerId, 100, "2027-01-10", "2027-01-19")))
            .Content.ReadFromJsonAsync<JsonObject>();
        Assert.True((bool)quote!["available"]!);
        Assert.Equal(10, (int)quote["days"]!);
        // 100 m² × 9.5 EUR/m²·month × 10 days ÷ 30.4375 days = 312.11 EUR
        Assert.Equal(312.11m, (decimal)quote["quote"]!["totalOriginal"]!);

        var response = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 100, "2027-01-10", "2027-01-19"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("confirmed", (string)booking["status"]!);
        Assert.Equal(312.11m, (decimal)booking["quote"]!["totalOriginal"]!);
        Assert.Equal(trader.LegalNameZh, (string)booking["trader"]!["legalNameZh"]!);

        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 100", Guid.Parse(offerId)));
        // Both parties see it; nobody else does.
        var operatorList = await (await client.SendAsync(HttpMethod.Get, "/api/bookings", op.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Contains(operatorList!, b => (string)b!["id"]! == (string)booking["id"]!);
        var otherTrader = await Scenario.RegisterAsync(client, "trader");
        var otherList = await (await client.SendAsync(HttpMethod.Get, "/api/bookings", otherTrader.Token)).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Empty(otherList!);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, $"/api/bookings/{(string)booking["id"]!}", otherTrader.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bookings_follow_the_offer_and_warehouse_as_they_are_now_and_are_audited()
    {
        var (op, offerId, warehouseId) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var first = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-05", "2027-01-06"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = Guid.Parse((string)(await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        // The booking's audit entry is written with it, as the trader's act.
        Assert.Equal(1, await ScalarAsync("""
            SELECT count(*) FROM audit_entries WHERE entity_type = 'Booking' AND entity_id = $1 AND action = 'created' AND user_id = $2
              AND (changes -> 'quantity' ->> 'to')::numeric = 10 AND changes -> 'quote.currency' ->> 'to' = 'EUR'
            """, firstId, trader.UserId));

        // The operator extends the window into April and raises the price: a booking in April is priced anew.
        var offer = await (await client.SendAsync(HttpMethod.Get, $"/api/offers/{offerId}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        var edit = Supply.OfferBody(to: "2027-04-30", amount: 12m);
        (edit["minimumQuantity"], edit["minimumTermDays"], edit["version"]) = (1, 1, (uint)offer!["version"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/offers/{offerId}", op.Token, edit)).StatusCode);
        var april = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 100, "2027-04-10", "2027-04-19"));
        Assert.Equal(HttpStatusCode.Created, april.StatusCode);
        // 100 m² × 12 EUR/m²·month × 10 days ÷ 30.4375 days = 394.25 EUR
        Assert.Equal(394.25m, (decimal)(await april.Content.ReadFromJsonAsync<JsonObject>())!["quote"]!["totalOriginal"]!);

        // A suspended warehouse takes no bookings, although its offer stays published.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/status", op.Token, new { status = "suspended" })).StatusCode);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-07", "2027-01-08")), HttpStatusCode.NotFound);
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", Guid.Parse(offerId)));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM audit_entries a JOIN bookings b ON b.id = a.entity_id WHERE b.offer_id = $1", Guid.Parse(offerId)));
    }

    [Fact]
    public async Task A_booking_is_written_and_audited_exactly_as_a_save_through_EF_would_write_it()
    {
        // The booking statement writes rows built from EF's model without a DbContext (NewRows); EF itself writes the
        // same entity under another id, through SaveChanges and its change-tracker audit. Every column and every
        // recorded change must be the same, so the two paths cannot drift apart.
        var (op, offerId, _) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var response = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 12.5m, "2027-01-05", "2027-01-09"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = Guid.Parse((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);

        var copyId = Guid.CreateVersion7();
        IReadOnlyList<string> written = [];
        await BookingDesk.AsOperatorAsync(api.Factory.Services.GetRequiredService<IServiceScopeFactory>(), op.OrganisationId, trader.UserId, async db =>
        {
            var booking = await db.Bookings.SingleAsync(b => b.Id == id);
            written = api.Factory.Services.GetRequiredService<NewRows>().Row(booking).Columns;
            var entry = db.Entry(booking);
            entry.State = EntityState.Detached;
            entry.Property(b => b.Id).CurrentValue = copyId;
            entry.State = EntityState.Added;
            return await db.SaveChangesAsync();
        }, CancellationToken.None);

        Assert.Equal(1, await ScalarAsync("""
            SELECT count(*) FROM bookings a JOIN bookings b ON b.tenant_id = a.tenant_id
            WHERE a.id = $1 AND b.id = $2 AND to_jsonb(a) - 'id' = to_jsonb(b) - 'id' AND a.quantity = 12.5 AND a.quote_total_original > 0
            """, id, copyId));
        Assert.Equal(1, await ScalarAsync("""
            SELECT count(*) FROM audit_entries a JOIN audit_entries b ON b.tenant_id = a.tenant_id
            WHERE a.entity_id = $1 AND b.entity_id = $2 AND a.changes - 'id' = b.changes - 'id'
              AND a.changes -> 'id' ->> 'to' = $1::text AND b.changes -> 'id' ->> 'to' = $2::text
              AND (a.entity_type, a.action, a.user_id) = (b.entity_type, b.action, b.user_id) AND a.user_id = $3
              AND (a.changes -> 'quote.totalOriginal' ->> 'to')::numeric > 0 AND a.changes ? 'holdExpiresAt'
            """, id, copyId, trader.UserId));
        // Every column of the table is written (none left to a default that the copy would then inherit).
        await using (var columns = new NpgsqlConnection(TestDatabase.Superuser))
        {
            await columns.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'bookings'", columns);
            var table = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) table.Add(reader.GetString(0));
            Assert.Equal(table.Order(), written.Order());
        }
        // The copy took no capacity: it goes, so the offer's counters still equal its ledger.
        await using var connection = new NpgsqlConnection(TestDatabase.Superuser);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "DELETE FROM audit_entries WHERE entity_id = $1", copyId);
        await ExecuteAsync(connection, "DELETE FROM bookings WHERE id = $1", copyId);
        Assert.Equal(0, await LedgerMismatchesAsync(Guid.Parse(offerId)));
    }

    [Fact]
    public async Task A_trader_removed_behind_the_Apis_back_cannot_book_with_a_remembered_membership()
    {
        // A booking's only unit of work is the operator's batch (terms remembered, no idempotency key): the trader's
        // membership is checked there, and the whole batch is refused before anything is taken.
        var (_, offerId, _) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-05", "2027-01-06"))).StatusCode);

        Assert.Equal(1, await TestDatabase.ExecuteAsync("DELETE FROM organisation_members WHERE user_id = $1", trader.UserId));
        var refused = await Scenario.AssertProblemAsync(
            await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-07", "2027-01-08")), HttpStatusCode.Conflict);
        Assert.Equal("membership.changed", (string)refused["code"]!);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", Guid.Parse(offerId)));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND day BETWEEN '2027-01-07' AND '2027-01-08' AND booked > 0", Guid.Parse(offerId)));
        await Scenario.AssertProblemAsync(
            await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-07", "2027-01-08")), HttpStatusCode.NotFound);
        Assert.Equal(0, await LedgerMismatchesAsync(Guid.Parse(offerId)));
    }

    [Fact]
    public async Task Booking_more_than_is_free_on_any_day_is_a_409_naming_the_days_and_takes_nothing()
    {
        var (_, offerId, _) = await PublishedOfferAsync(quantity: 100);
        var trader = await Scenario.RegisterAsync(client, "trader");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 60, "2027-02-10", "2027-02-12"))).StatusCode);

        var response = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 50, "2027-02-01", "2027-02-28"));
        var problem = await Scenario.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("capacity.unavailable", (string)problem["code"]!);
        Assert.Equal(["2027-02-10", "2027-02-11", "2027-02-12"], problem["shortDays"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked NOT IN (0, 60)", Guid.Parse(offerId)));
    }

    [Fact]
    public async Task A_request_to_book_offer_holds_capacity_until_the_operator_decides()
    {
        var (op, offerId, _) = await PublishedOfferAsync("request");
        var trader = await Scenario.RegisterAsync(client, "trader");
        var first = (await (await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 200, "2027-03-01", "2027-03-10"))).Content.ReadFromJsonAsync<JsonObject>())!;
        var second = (await (await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 200, "2027-03-01", "2027-03-10"))).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("held", (string)first["status"]!);
        Assert.NotNull(first["holdExpiresAt"]);
        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 400", Guid.Parse(offerId)));

        var accepted = await (await client.SendAsync(HttpMethod.Post, $"/api/bookings/{(string)first["id"]!}/accept", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("confirmed", (string)accepted!["status"]!);
        var declined = await (await client.SendAsync(HttpMethod.Post, $"/api/bookings/{(string)second["id"]!}/decline", op.Token, new { reason = "维护期间" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("declined", (string)declined!["status"]!);
        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 200", Guid.Parse(offerId)));
        // Deciding twice changes nothing more.
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{(string)second["id"]!}/decline", op.Token, new { reason = "again" }), HttpStatusCode.BadRequest);
        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 200", Guid.Parse(offerId)));
        // The trader cannot accept its own hold; another operator cannot see it.
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{(string)first["id"]!}/accept", trader.Token), HttpStatusCode.Forbidden);
        var rival = await Scenario.RegisterAsync(client);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{(string)second["id"]!}/accept", rival.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_trader_cancels_and_the_capacity_comes_back_once()
    {
        var (_, offerId, _) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var booking = (await (await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 120, "2027-03-20", "2027-03-25"))).Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (string)booking["id"]!;
        var cancelled = await (await client.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/cancel", trader.Token, new { reason = "计划变更" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("cancelled", (string)cancelled!["status"]!);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/cancel", trader.Token, new { reason = "again" }), HttpStatusCode.BadRequest);
        Assert.Equal(0, await ScalarAsync("SELECT coalesce(sum(booked), 0) FROM capacity_days WHERE offer_id = $1", Guid.Parse(offerId)));
        // Another trader cannot cancel it.
        var other = await Scenario.RegisterAsync(client, "trader");
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/cancel", other.Token, new { reason = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unpublished_offers_cannot_be_booked_and_existing_bookings_survive_unpublishing()
    {
        var (op, offerId, _) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var booking = (await (await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-05", "2027-01-06"))).Content.ReadFromJsonAsync<JsonObject>())!;
        await client.SendAsync(HttpMethod.Post, $"/api/offers/{offerId}/unpublish", op.Token);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-07", "2027-01-08")), HttpStatusCode.NotFound);
        var still = await (await client.SendAsync(HttpMethod.Get, $"/api/bookings/{(string)booking["id"]!}", trader.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("confirmed", (string)still!["status"]!);
    }

    [Theory]
    [InlineData(0, "2027-01-01", "2027-01-02", "quantity")]
    [InlineData(501, "2027-01-01", "2027-01-02", "quantity")]
    [InlineData(10, "2027-01-05", "2027-01-01", "endsOn")]
    [InlineData(10, "2026-12-01", "2027-01-02", "startsOn")]
    public async Task Invalid_requests_are_400s_naming_the_field(decimal quantity, string from, string to, string field)
    {
        var (_, offerId, _) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var problem = await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, quantity, from, to)), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", Guid.Parse(offerId)));
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_ten_times_in_parallel_creates_one_booking()
    {
        var (_, offerId, _) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
        {
            var request = Scenario.Request(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 5, "2027-02-01", "2027-02-03"));
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", Guid.Parse(offerId)));
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 5", Guid.Parse(offerId)));

        // Afterwards the same key and body replays the first answer; a different body is a 422.
        var replay = Scenario.Request(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 5, "2027-02-01", "2027-02-03"));
        replay.Headers.Add("Idempotency-Key", key);
        var replayed = await client.SendAsync(replay);
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        var created = responses.First(r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal((string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!, (string)(await replayed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        var different = Scenario.Request(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 6, "2027-02-01", "2027-02-03"));
        different.Headers.Add("Idempotency-Key", key);
        await Scenario.AssertProblemAsync(await client.SendAsync(different), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_offer_repriced_while_a_booking_waits_for_its_lock_is_booked_at_the_new_price_once()
    {
        var (_, offerId, _) = await PublishedOfferAsync();
        var id = Guid.Parse(offerId);
        var trader = await Scenario.RegisterAsync(client, "trader");

        // The operator's side, played in SQL: hold the offer's lock, as a capacity edit does, while the booking runs.
        await using var editor = new NpgsqlConnection(TestDatabase.Superuser);
        await editor.OpenAsync();
        await using var edit = await editor.BeginTransactionAsync();
        await ExecuteAsync(editor, "SELECT 1 FROM capacity_offers WHERE id = $1 FOR NO KEY UPDATE", id);

        var booking = client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 100, "2027-01-10", "2027-01-19"));
        // The booking has read the offer (9.5 EUR), written its row (the foreign key's share lock does not wait for the
        // edit's lock) and now waits for the offer's lock.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await BlockedByAsync(editor) == 0)
        {
            Assert.False(booking.IsCompleted, "The booking should wait for the offer's lock.");
            Assert.True(DateTime.UtcNow < deadline, "The booking never waited for the offer's lock.");
            await Task.Delay(20);
        }
        await ExecuteAsync(editor, "UPDATE capacity_offers SET price_amount = 19 WHERE id = $1", id);
        await edit.CommitAsync();

        // The reservation saw another version of the offer than the one priced: the booking was made again, at 19 EUR.
        var response = await booking;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        // 100 m² × 19 EUR/m²·month × 10 days ÷ 30.4375 days = 624.23 EUR
        Assert.Equal(624.23m, (decimal)created["quote"]!["totalOriginal"]!);
        // The first attempt's row and reservation went with its unit of work.
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", id));
        Assert.Equal(10, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 100", id));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked NOT IN (0, 100)", id));
    }

    [Fact]
    public async Task Many_parallel_random_bookings_on_one_offer_never_overbook_and_counters_equal_the_ledger()
    {
        var (_, offerId, _) = await PublishedOfferAsync(quantity: 300);
        var traders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scenario.RegisterAsync(client, "trader")));
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var refusals = new ConcurrentBag<string>();
        var start = new DateOnly(2027, 1, 1);
        // 32 clients × 70 requests (2,240 in all): random quantity 1–60, random range inside Jan–Mar 2027.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async worker =>
        {
            var random = new Random(worker);
            var trader = traders[worker % traders.Length];
            for (var i = 0; i < 70; i++)
            {
                var from = start.AddDays(random.Next(0, 80));
                var to = from.AddDays(random.Next(0, 10));
                var response = await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token,
                    Booking(offerId, random.Next(1, 61), from.ToString("yyyy-MM-dd"), to.ToString("yyyy-MM-dd")));
                statuses.Add(response.StatusCode);
                // A refusal must be the capacity rule, never a deadlock or serialisation failure dressed as a 409.
                if (response.StatusCode == HttpStatusCode.Conflict)
                    refusals.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!);
            }
        }));
        Assert.All(refusals, code => Assert.Equal("capacity.unavailable", code));
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.Contains(HttpStatusCode.Conflict, statuses); // the offer did fill up

        var id = Guid.Parse(offerId);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked > capacity", id));
        // Per-day counters equal the ledger of bookings that reserve capacity.
        Assert.Equal(0, await LedgerMismatchesAsync(id));
        // The search index's free figures, patched by each booking's statement, equal the day rows.
        Assert.Equal(0, await ScalarAsync("""
            SELECT count(*) FROM capacity_days d JOIN listed_capacity l ON l.tenant_id = d.tenant_id AND l.offer_id = d.offer_id
            WHERE d.offer_id = $1 AND l.free[d.day - l.first_day + 1] <> d.capacity - d.booked
            """, id));
        Assert.Equal(90, await ScalarAsync("SELECT cardinality(free) FROM listed_capacity WHERE offer_id = $1", id));
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Created), await ScalarAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", id));
    }

    [Fact]
    public async Task A_completed_booking_is_reviewed_once_and_the_rating_shows_on_the_warehouse()
    {
        var (_, offerId, warehouseId) = await PublishedOfferAsync();
        var trader = await Scenario.RegisterAsync(client, "trader");
        var booking = (await (await client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-10", "2027-01-12"))).Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (string)booking["id"]!;
        // Not completed yet: no review.
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/review", trader.Token, new { stars = 5, comment = "好" }), HttpStatusCode.BadRequest);

        // Time passes: the booking ended ten days ago (dates moved directly; the counters are not involved).
        var ended = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10);
        await using (var connection = new NpgsqlConnection(TestDatabase.Superuser))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE bookings SET starts_on = $1, ends_on = $2 WHERE id = $3", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ended.AddDays(-2) });
            command.Parameters.Add(new NpgsqlParameter { Value = ended });
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(id) });
            await command.ExecuteNonQueryAsync();
        }
        var seen = await (await client.SendAsync(HttpMethod.Get, $"/api/bookings/{id}", trader.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("completed", (string)seen!["status"]!);
        Assert.True((bool)seen["canReview"]!);

        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/review", trader.Token, new { stars = 6 }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/review", trader.Token, new { stars = 4, comment = "出入库及时" })).StatusCode);
        // The rating is part of the search index's stored quality, refreshed by the review's trigger.
        Assert.Equal(0, await TestDatabase.SearchIndexDriftAsync());
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/review", trader.Token, new { stars = 1 }), HttpStatusCode.Conflict);
        var other = await Scenario.RegisterAsync(client, "trader");
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/bookings/{id}/review", other.Token, new { stars = 1 }), HttpStatusCode.NotFound);

        var rating = await (await client.GetAsync($"/api/warehouses/{warehouseId}/rating")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(4.0, (double)rating!["average"]!);
        Assert.Equal(1, (int)rating["count"]!);
        Assert.Equal("出入库及时", (string)rating["latest"]![0]!["comment"]!);
    }

    [Fact]
    public async Task Bookings_that_queue_on_an_offer_are_decided_together_in_order_each_on_its_own()
    {
        var (_, offerId, _) = await PublishedOfferAsync(quantity: 100);
        var id = Guid.Parse(offerId);
        var traders = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Scenario.RegisterAsync(client, "trader")));
        var operatorId = await OperatorOfAsync(id);
        var lanes = api.Factory.Services.GetRequiredService<BookingLanes>();

        // The operator's side holds the offer's lock; the first booking waits for it in the database, the rest queue
        // behind it in the Api, one at a time so that their order is known.
        await using var editor = new NpgsqlConnection(TestDatabase.Superuser);
        await editor.OpenAsync();
        await using var edit = await editor.BeginTransactionAsync();
        await ExecuteAsync(editor, "SELECT 1 FROM capacity_offers WHERE id = $1 FOR NO KEY UPDATE", id);
        var first = client.SendAsync(HttpMethod.Post, "/api/bookings", traders[0].Token, Booking(offerId, 30, "2027-01-10", "2027-01-12"));
        await WaitForAsync(async () => await BlockedByAsync(editor) == 1,
            "The first booking never waited for the offer's lock.");
        var queued = new List<Task<HttpResponseMessage>>();
        foreach (var (trader, quantity, from, to) in new[]
                 {
                     (traders[1], 30m, "2027-01-10", "2027-01-12"), // Jan 10–12: 60
                     (traders[2], 30m, "2027-01-11", "2027-01-13"), // Jan 11–12: 90
                     (traders[0], 20m, "2027-01-12", "2027-01-14"), // Jan 12 would be 110: refused, nothing taken
                     (traders[1], 10m, "2027-01-12", "2027-01-12"), // Jan 12: 100, full
                     (traders[2], 5m, "2027-02-01", "2027-02-03"),
                 })
        {
            queued.Add(client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, quantity, from, to)));
            var expected = queued.Count;
            await WaitForAsync(() => Task.FromResult(lanes.WaitingOn(operatorId, id) == expected), "A booking never queued behind the first.");
        }
        await edit.CommitAsync();

        Assert.Equal(HttpStatusCode.Created, (await first).StatusCode);
        var responses = await Task.WhenAll(queued);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.Created],
            responses.Select(r => r.StatusCode));
        var refused = await Scenario.AssertProblemAsync(responses[2], HttpStatusCode.Conflict);
        Assert.Equal("capacity.unavailable", (string)refused["code"]!);
        Assert.Equal(["2027-01-12"], refused["shortDays"]!.AsArray().Select(d => (string)d!));
        // Each answer is its own booking, for its own trader.
        var traderOf = new[] { traders[1], traders[2], traders[1], traders[2] };
        var created = new[] { responses[0], responses[1], responses[3], responses[4] };
        for (var i = 0; i < created.Length; i++)
        {
            var body = (await created[i].Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(traderOf[i].LegalNameZh, (string)body["trader"]!["legalNameZh"]!);
            Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM bookings WHERE id = $1 AND trader_id = $2", Guid.Parse((string)body["id"]!), traderOf[i].OrganisationId));
            // The audit entry names the user who booked, not whoever led the batch.
            Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM audit_entries WHERE entity_id = $1 AND user_id = $2", Guid.Parse((string)body["id"]!), traderOf[i].UserId));
        }

        // The first booking committed alone; the four queued behind it were written by one transaction.
        Assert.Equal(2, await ScalarAsync("SELECT count(DISTINCT xmin::text) FROM bookings WHERE offer_id = $1", id));
        Assert.Equal(100, await ScalarAsync("SELECT booked FROM capacity_days WHERE offer_id = $1 AND day = '2027-01-12'", id));
        Assert.Equal(60, await ScalarAsync("SELECT booked FROM capacity_days WHERE offer_id = $1 AND day = '2027-01-10'", id));
        Assert.Equal(0, await LedgerMismatchesAsync(id));
        Assert.Equal(0, lanes.WaitingOn(operatorId, id));
    }

    [Fact]
    public async Task A_queued_booking_the_database_refuses_fails_alone_and_the_others_are_decided_one_by_one()
    {
        var (_, offerId, _) = await PublishedOfferAsync(quantity: 100);
        var id = Guid.Parse(offerId);
        var trader = await Scenario.RegisterAsync(client, "trader");
        var operatorId = await OperatorOfAsync(id);
        var lanes = api.Factory.Services.GetRequiredService<BookingLanes>();

        // A fault in one booking's statement: a trigger (on this offer only) that refuses a booking of 13 m².
        var trigger = $"refuse_13_{id:N}";
        await using var editor = new NpgsqlConnection(TestDatabase.Superuser);
        await editor.OpenAsync();
        await ExecuteAsync(editor, $"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON bookings FOR EACH ROW
                WHEN (NEW.offer_id = '{id}' AND NEW.quantity = 13) EXECUTE FUNCTION {trigger}();
            """);
        try
        {
            await using var edit = await editor.BeginTransactionAsync();
            await ExecuteAsync(editor, "SELECT 1 FROM capacity_offers WHERE id = $1 FOR NO KEY UPDATE", id);
            var first = client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 10, "2027-01-10", "2027-01-12"));
            await WaitForAsync(async () => await BlockedByAsync(editor) == 1,
                "The first booking never waited for the offer's lock.");
            var queued = new List<Task<HttpResponseMessage>>();
            foreach (var quantity in new[] { 20m, 13m, 30m })
            {
                queued.Add(client.SendAsync(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, quantity, "2027-01-10", "2027-01-12")));
                var expected = queued.Count;
                await WaitForAsync(() => Task.FromResult(lanes.WaitingOn(operatorId, id) == expected), "A booking never queued behind the first.");
            }
            await edit.CommitAsync();

            Assert.Equal(HttpStatusCode.Created, (await first).StatusCode);
            var responses = await Task.WhenAll(queued);
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.InternalServerError, HttpStatusCode.Created], responses.Select(r => r.StatusCode));
            await Scenario.AssertProblemAsync(responses[1], HttpStatusCode.InternalServerError);
            // Nothing of the failed batch survived; the two good bookings were then written one by one.
            Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", id));
            Assert.Equal(3, await ScalarAsync("SELECT count(DISTINCT xmin::text) FROM bookings WHERE offer_id = $1", id));
            Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 60", id));
            Assert.Equal(0, await LedgerMismatchesAsync(id));
        }
        finally
        {
            await ExecuteAsync(editor, $"DROP TRIGGER IF EXISTS {trigger} ON bookings; DROP FUNCTION IF EXISTS {trigger}();");
        }
    }

    [Fact]
    public async Task A_booking_whose_client_hung_up_while_it_waited_is_made_once_and_its_key_replays_the_answer()
    {
        var (_, offerId, _) = await PublishedOfferAsync(quantity: 100);
        var id = Guid.Parse(offerId);
        var trader = await Scenario.RegisterAsync(client, "trader");
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Keyed()
        {
            var request = Scenario.Request(HttpMethod.Post, "/api/bookings", trader.Token, Booking(offerId, 40, "2027-01-10", "2027-01-12"));
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        await using var editor = new NpgsqlConnection(TestDatabase.Superuser);
        await editor.OpenAsync();
        await using (var edit = await editor.BeginTransactionAsync())
        {
            await ExecuteAsync(editor, "SELECT 1 FROM capacity_offers WHERE id = $1 FOR NO KEY UPDATE", id);
            using var hangUp = new CancellationTokenSource();
            var abandoned = client.SendAsync(Keyed(), hangUp.Token);
            await WaitForAsync(async () => await BlockedByAsync(editor) == 1,
                "The booking never waited for the offer's lock.");
            // The client hangs up while its booking waits; then the operator's edit ends and the booking goes ahead.
            await hangUp.CancelAsync();
            await edit.CommitAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }

        // The client retries with its key: while the first request finishes it is told to wait, then it gets the first
        // answer. One booking, whatever the client saw.
        HttpResponseMessage retry;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((retry = await client.SendAsync(Keyed())).StatusCode == HttpStatusCode.Conflict)
        {
            Assert.Equal("idempotency.inProgress", (string)(await retry.Content.ReadFromJsonAsync<JsonObject>())!["code"]!);
            Assert.True(DateTime.UtcNow < deadline, "The abandoned booking never finished.");
            await Task.Delay(50);
        }
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM bookings WHERE offer_id = $1", id));
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM capacity_days WHERE offer_id = $1 AND booked = 40", id));
    }

    private static async Task<Guid> OperatorOfAsync(Guid offerId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tenant_id FROM capacity_offers WHERE id = $1", connection) { Parameters = { new() { Value = offerId } } };
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Database sessions waiting for a lock that <paramref name="holder"/>'s session holds.</summary>
    private static Task<long> BlockedByAsync(NpgsqlConnection holder)
        => ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))", holder.ProcessID);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    /// <summary>Days of the offer whose booked counter differs from the sum of the bookings that reserve capacity.</summary>
    private static Task<long> LedgerMismatchesAsync(Guid offerId) => ScalarAsync("""
        SELECT count(*) FROM capacity_days d
        WHERE d.offer_id = $1 AND d.booked <> coalesce((
            SELECT sum(b.quantity) FROM bookings b
            WHERE b.offer_id = d.offer_id AND b.status IN ('Held', 'Confirmed') AND d.day BETWEEN b.starts_on AND b.ends_on), 0)
        """, offerId);
}
