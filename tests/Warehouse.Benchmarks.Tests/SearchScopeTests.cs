using Npgsql;
using Warehouse.Api.Features.Search;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Benchmarks.Tests;

/// <summary>
/// The Api searches without a transaction: each of its batches starts with the searcher's scope statement and is one
/// implicit transaction (SearchSql.RunAsync with a scope). These checks hold that way of reading to the transaction
/// it replaced, on the 2k catalogue: the same page, and nothing of the scope or the plan setting left on the
/// connection afterwards (a pooled connection goes to the next request with it). The two reads take snapshots of their
/// own, so the class shares a collection with the smoke run, whose bookings would otherwise come between them.
/// </summary>
[Collection(SmokeRunTests.WritesCatalogue)]
public sealed class SearchScopeTests(BenchDatabase database)
{
    public static TheoryData<SearchMix.Variant> Variants => new(Enum.GetValues<SearchMix.Variant>());

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task A_search_in_scoped_batches_reads_what_a_scoped_transaction_reads_and_leaves_no_setting_behind(SearchMix.Variant variant)
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = await BenchmarkRun.ReadReferenceAsync(database.Superuser, ct);
        var query = SearchMix.Build(reference, DateOnly.FromDateTime(DateTime.UtcNow)).First(q => q.Variant == variant);
        var trader = new TenantContext();
        trader.SetUser(Guid.NewGuid());
        trader.SetTenant(DataGenerator.TraderId(DataGenerator.Seed, 0), OrganisationKind.Trader, null);

        await using var db = new NpgsqlConnection(database.App);
        await db.OpenAsync(ct);

        SearchSql.Page inTransaction;
        await using (var tx = await db.BeginTransactionAsync(ct))
        {
            await using (var scope = new NpgsqlBatch(db, tx) { BatchCommands = { TenantTransactionInterceptor.ScopeBatchCommand(trader) } })
                await scope.ExecuteNonQueryAsync(ct);
            inTransaction = await SearchSql.RunAsync(db, tx, query.Criteria, query.Criteria.Today, ct);
            await tx.CommitAsync(ct);
        }
        var inBatches = await SearchSql.RunAsync(db, null, query.Criteria, query.Criteria.Today, ct,
            scope: () => TenantTransactionInterceptor.ScopeBatchCommand(trader));

        Assert.NotEmpty(inTransaction.Rows); // a page that proves something: the source tables' policies let its rows through
        Assert.Equal(inTransaction, inBatches, PageComparer.Instance);

        // The scope and the generic-plan setting died with their batches, on the very connection that ran them.
        await using var settings = new NpgsqlCommand(
            "SELECT coalesce(current_setting('app.tenant_id', true), ''), coalesce(current_setting('app.user_id', true), ''), current_setting('plan_cache_mode')", db);
        await using var reader = await settings.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal(("", "", "auto"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
    }

    [Fact]
    public async Task A_search_with_neither_a_transaction_nor_a_scope_is_refused_before_anything_is_sent()
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = await BenchmarkRun.ReadReferenceAsync(database.Superuser, ct);
        var query = SearchMix.Build(reference, DateOnly.FromDateTime(DateTime.UtcNow)).First(q => q.Variant == SearchMix.Variant.HubRadius);
        await using var db = new NpgsqlConnection(database.App);
        await db.OpenAsync(ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => SearchSql.RunAsync(db, null, query.Criteria, query.Criteria.Today, ct));
    }

    /// <summary>Pages are equal when their totals and every row are (a record's list compares by reference).</summary>
    private sealed class PageComparer : IEqualityComparer<SearchSql.Page>
    {
        public static readonly PageComparer Instance = new();
        public bool Equals(SearchSql.Page? x, SearchSql.Page? y)
            => x is not null && y is not null && x.Total == y.Total && x.TotalIsExact == y.TotalIsExact
               && x.Rows.Select(Text).SequenceEqual(y.Rows.Select(Text));
        public int GetHashCode(SearchSql.Page page) => page.Total.GetHashCode();
        // Rows hold arrays (conditions, capabilities), which a record compares by reference: compare their text.
        private static string Text(SearchSql.Row row) => $"{row with { StorageConditions = [], HandlingCapabilities = [] }} {string.Join(",", row.StorageConditions)} {string.Join(",", row.HandlingCapabilities)}";
    }
}
