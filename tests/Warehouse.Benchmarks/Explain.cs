using Npgsql;
using Warehouse.Api.Features.Search;

namespace Warehouse.Benchmarks;

/// <summary>
/// <c>Warehouse.Benchmarks explain</c>: EXPLAIN (ANALYZE, BUFFERS) of the statements a search runs (its ranking step's
/// first statement, then the details of the page it ranked) for the first query of each kind of the mix, as the Api's
/// role in a trader's unit of work (row security is part of the plan), to see where a search spends its time.
/// Each query runs once before it is explained, as on the Api's pooled connections: a new PostgreSQL backend spends
/// 20–45 ms on its first geography statement (PostGIS looks up the spatial reference and sets up PROJ, once per
/// backend; preloading the library does not avoid it), which an explain on a fresh connection would charge to the
/// first scan that touches a location. EXPLAIN plans for the values given (PostgreSQL 15 has no
/// <c>EXPLAIN (GENERIC_PLAN)</c>), while the Api runs some of these statements with their generic plan
/// (<c>SearchSql.GenericPlanSql</c>): there, the planning time shown is paid once per connection, and a nearest-first
/// read keeps its index scan where the plan shown may not.
/// </summary>
public static class Explain
{
    public static async Task RunAsync(string appConnection, string superuserConnection, TextWriter output, CancellationToken ct)
    {
        var reference = await BenchmarkRun.ReadReferenceAsync(superuserConnection, ct);
        var queries = SearchMix.Build(reference, DateOnly.FromDateTime(DateTime.UtcNow));
        foreach (var variant in Enum.GetValues<SearchMix.Variant>())
        {
            var query = queries.First(q => q.Variant == variant);
            await using var db = new NpgsqlConnection(appConnection);
            await db.OpenAsync(ct);
            await using (var warmUp = await TraderScopeAsync(db, ct))
            {
                await SearchSql.RunAsync(db, warmUp, query.Criteria, query.Criteria.Today, ct);
                await warmUp.CommitAsync(ct); // its settings (the details statement's generic plan) end here
            }
            await using var tx = await TraderScopeAsync(db, ct);
            await output.WriteLineAsync($"==== {variant}: {System.Text.Json.JsonSerializer.Serialize(query.Body)}");
            await ExplainAsync(db, tx, "ranking", SearchSql.RankingStatement(query.Criteria), output, ct);
            var (_, _, page) = await SearchSql.RankAsync(db, tx, query.Criteria, query.Criteria.Today, ct);
            if (page.Count > 0) await ExplainAsync(db, tx, "details", SearchSql.DetailsStatement(query.Criteria, page), output, ct);
        }
    }

    private static async Task<NpgsqlTransaction> TraderScopeAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var tx = await db.BeginTransactionAsync(ct);
        await using var scope = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", db, tx);
        scope.Parameters.Add(new NpgsqlParameter { Value = DataGenerator.TraderId(DataGenerator.Seed, 0).ToString() });
        scope.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString() });
        await scope.ExecuteNonQueryAsync(ct);
        return tx;
    }

    private static async Task ExplainAsync(NpgsqlConnection db, NpgsqlTransaction tx, string step, (string Sql, List<NpgsqlParameter> Parameters) statement,
        TextWriter output, CancellationToken ct)
    {
        await output.WriteLineAsync($"---- {step}");
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + statement.Sql, db, tx) { CommandTimeout = 300 };
        explain.Parameters.AddRange(statement.Parameters.ToArray());
        await using var reader = await explain.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) await output.WriteLineAsync(reader.GetString(0));
    }
}
