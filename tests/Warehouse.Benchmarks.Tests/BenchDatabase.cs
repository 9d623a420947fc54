using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;

namespace Warehouse.Benchmarks.Tests;

/// <summary>
/// A database of its own (the Api tests count what they find in theirs), created on the test cluster the way
/// infra/sql/roles.sql makes one, migrated as the owner and loaded with the benchmark's 2k catalogue once per run.
/// </summary>
public sealed class BenchDatabase : IAsyncLifetime
{
    public const int Warehouses = 2000;
    public static readonly string Name = Environment.GetEnvironmentVariable("WAREHOUSE_TEST_BENCH_DATABASE") ?? "warehouse_bench_tests";

    public string Owner => Connection("WAREHOUSE_TEST_OWNER_CONNECTION", Name);
    public string App => Connection("WAREHOUSE_TEST_APP_CONNECTION", Name);
    public string Superuser => Connection("WAREHOUSE_TEST_SUPERUSER_CONNECTION", Name);
    public DataGenerator.Summary Load { get; private set; } = null!;

    private static string Connection(string variable, string database)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"{variable} is not set: run the tests with `bash infra/test.sh`, which starts PostgreSQL and sets it.");
        return $"{value.TrimEnd(';')};Database={database}";
    }

    public async ValueTask InitializeAsync()
    {
        // The name goes into DDL: a plain identifier only.
        if (!System.Text.RegularExpressions.Regex.IsMatch(Name, "^[a-z_][a-z0-9_]{0,62}$"))
            throw new InvalidOperationException($"WAREHOUSE_TEST_BENCH_DATABASE '{Name}' is not a plain lower-case identifier.");
        await using (var server = new NpgsqlConnection(Connection("WAREHOUSE_TEST_SUPERUSER_CONNECTION", "postgres")))
        {
            await server.OpenAsync();
            await Exec(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
            await Exec(server, $"CREATE DATABASE {Name} OWNER warehouse_owner ENCODING 'UTF8' TEMPLATE template0");
        }
        await using (var database = new NpgsqlConnection(Superuser))
        {
            await database.OpenAsync();
            // What infra/sql/roles.sql does for a new database, after the roles exist.
            await Exec(database, $"""
                REVOKE ALL ON DATABASE {Name} FROM PUBLIC;
                GRANT CONNECT, TEMPORARY ON DATABASE {Name} TO warehouse_app;
                CREATE EXTENSION IF NOT EXISTS postgis;
                ALTER SCHEMA public OWNER TO warehouse_owner;
                REVOKE ALL ON SCHEMA public FROM PUBLIC;
                GRANT USAGE ON SCHEMA public TO warehouse_app;
                ALTER DEFAULT PRIVILEGES FOR ROLE warehouse_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO warehouse_app;
                ALTER DEFAULT PRIVILEGES FOR ROLE warehouse_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO warehouse_app;
                ALTER DEFAULT PRIVILEGES FOR ROLE warehouse_owner IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO warehouse_app;
                """);
        }
        await using (var db = new WarehouseDb(new DbContextOptionsBuilder<WarehouseDb>()
                         .UseNpgsql(Owner, npgsql => npgsql.UseNetTopologySuite()).UseSnakeCaseNamingConvention()
                         .AddInterceptors(TenantTransactionInterceptor.Instance).Options, new TenantContext()))
            await db.Database.MigrateAsync();
        Load = await new DataGenerator(Superuser, Warehouses, log: TextWriter.Null).LoadAsync();
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
