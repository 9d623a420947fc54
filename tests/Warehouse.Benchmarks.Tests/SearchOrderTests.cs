using System.Data;
using Npgsql;
using Warehouse.Api.Features.Search;
using Warehouse.Domain.Geography;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Benchmarks.Tests;

/// <summary>
/// A search sorted by distance or price, or a best match without a place or quantity, reads its page in an index's
/// order and stops early (SearchSql.ScanAsync); these checks hold it to the reference, scoring every match, on the 2k
/// catalogue: the same warehouses in the same order with the same scores, distances and matched offers, on every page,
/// for every market group (best match, price) and around every hub (nearest first, price), and a total that is exact
/// or an honest lower bound. Both run in one REPEATABLE READ snapshot, so the other tests' bookings cannot come between.
/// </summary>
public sealed class SearchOrderTests(BenchDatabase database)
{
    public static TheoryData<SearchSort, int, int> Pages => new()
    {
        { SearchSort.BestMatch, 1, 20 }, { SearchSort.BestMatch, 2, 20 }, { SearchSort.BestMatch, 7, 20 }, { SearchSort.BestMatch, 3, 100 },
        { SearchSort.Price, 1, 20 }, { SearchSort.Price, 2, 20 }, { SearchSort.Price, 7, 20 }, { SearchSort.Price, 3, 100 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_index_ordered_page_equals_scoring_every_match(SearchSort sort, int page, int pageSize)
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = await BenchmarkRun.ReadReferenceAsync(database.Superuser, ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // As the Api's role in a trader's unit of work.
        await using (var db = new NpgsqlConnection(database.App))
        {
            await db.OpenAsync(ct);
            await using var tx = await db.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using (var scope = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", db, tx))
            {
                scope.Parameters.Add(new NpgsqlParameter { Value = DataGenerator.TraderId(DataGenerator.Seed, 0).ToString() });
                scope.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString() });
                await scope.ExecuteNonQueryAsync(ct);
            }
            Assert.True(await CompareAllAsync(db, tx) > 0, "no page had any row: the comparison proved nothing");
            await tx.RollbackAsync(ct);
        }

        // Offers certified today rank in a stream of their own: mark about one warehouse in ten as certified (the
        // superuser may write the index directly; rolled back after) and compare again.
        await using (var super = new NpgsqlConnection(database.Superuser))
        {
            await super.OpenAsync(ct);
            await using var tx = await super.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using (var certify = new NpgsqlCommand(
                "UPDATE listed_offers SET certified = datemultirange(daterange($1, $2, '[]')) WHERE get_byte(uuid_send(warehouse_id), 15) % 10 = 0", super, tx))
            {
                certify.Parameters.Add(new NpgsqlParameter { Value = today.AddDays(-30) });
                certify.Parameters.Add(new NpgsqlParameter { Value = today.AddDays(300) });
                Assert.True(await certify.ExecuteNonQueryAsync(ct) > 0);
            }
            Assert.True(await CompareAllAsync(super, tx) > 0, "no page had any row: the comparison proved nothing");
            await tx.RollbackAsync(ct);
        }

        async Task<int> CompareAllAsync(NpgsqlConnection db, NpgsqlTransaction tx)
        {
            var compared = 0;
            foreach (var (group, members) in reference.MarketGroups.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var countries = members.Distinct().Order(StringComparer.Ordinal).ToList();
                SearchCriteria Criteria(decimal? maxPrice = null, DateOnly? from = null, DateOnly? to = null) => new(
                    [], [group], countries, null, [], Array.Empty<StorageCondition>(), Array.Empty<HandlingCapability>(), null,
                    from, to, maxPrice, false, [], null, sort, page, pageSize, today);
                // Market only; with a price ceiling; with a range that must have room on every day (no quantity: headroom 1).
                foreach (var criteria in new[] { Criteria(), Criteria(maxPrice: 60), Criteria(from: today.AddDays(30), to: today.AddDays(44)) })
                    compared += await CompareAsync(db, tx, criteria);
            }
            // Around every hub: nearest first (in the best-match cases; a best match with a place scores every match
            // anyway) or cheapest first.
            foreach (var hub in reference.Hubs)
            {
                var place = new SearchPlace("nearHub", new GeoPoint(hub.Latitude, hub.Longitude), 300, null, null);
                compared += await CompareAsync(db, tx, new SearchCriteria([], [], null, place, [], Array.Empty<StorageCondition>(),
                    Array.Empty<HandlingCapability>(), null, null, null, null, false, [], null,
                    sort == SearchSort.BestMatch ? SearchSort.Distance : sort, page, pageSize, today));
            }
            return compared;
        }

        async Task<int> CompareAsync(NpgsqlConnection db, NpgsqlTransaction tx, SearchCriteria criteria)
        {
            Assert.True(SearchSql.UsesIndexOrder(criteria));
            var scanned = await SearchSql.RunAsync(db, tx, criteria, today, ct);
            var everything = await SearchSql.RunAsync(db, tx, criteria, today, ct, scoreEveryMatch: true);
            Assert.Equal(Summary(everything), Summary(scanned));
            if (scanned.TotalIsExact) Assert.Equal(everything.Total, scanned.Total);
            else Assert.InRange(scanned.Total, 1, everything.Total);
            Assert.True(everything.TotalIsExact);
            return scanned.Rows.Count;
        }
    }

    private static List<string> Summary(SearchSql.Page page)
        => page.Rows.Select(r => $"{r.Position} {r.WarehouseId} {r.Score} {r.DistanceM} {r.OfferId} {r.CnyPerSquareMetreMonth}").ToList();
}
