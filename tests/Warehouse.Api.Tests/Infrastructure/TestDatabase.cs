using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;

namespace Warehouse.Api.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL + PostGIS database of this test project, as set up by infra/test.sh. Connection strings come
/// from the environment; without them every test fails with a message saying how to run them.
/// </summary>
public static class TestDatabase
{
    /// <summary>infra/test.sh creates warehouse_api_tests; a developer may point a run at another database.</summary>
    public static readonly string Name = Environment.GetEnvironmentVariable("WAREHOUSE_TEST_API_DATABASE") ?? "warehouse_api_tests";

    public static string Owner => Connection("WAREHOUSE_TEST_OWNER_CONNECTION");
    public static string App => Connection("WAREHOUSE_TEST_APP_CONNECTION");
    public static string Superuser => Connection("WAREHOUSE_TEST_SUPERUSER_CONNECTION");

    private static string Connection(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"{variable} is not set: run the tests with `bash infra/test.sh`, which starts PostgreSQL and sets it.");
        return $"{value.TrimEnd(';')};Database={Name}";
    }

    /// <summary>Applies the committed migrations as the owner role and empties every table except reference data.</summary>
    public static async Task ResetAsync()
    {
        await using (var db = CreateContext(Owner, new TenantContext()))
            await db.Database.MigrateAsync();
        // As superuser with triggers off for this transaction: append-only records (certification_decisions,
        // site_pair_decisions) refuse TRUNCATE to every role through their triggers, the owner included (session_replication_role needs a superuser).
        await using var connection = new NpgsqlConnection(Superuser);
        await connection.OpenAsync();
        await using var reset = await connection.BeginTransactionAsync();
        await using (var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, reset))
            await replica.ExecuteNonQueryAsync();
        await using var truncate = new NpgsqlCommand(
            "TRUNCATE organisations, users, organisation_members, invitations, user_claims, user_logins, user_tokens, overseas_warehouses, capacity_offers, capacity_days, service_offerings, service_slots, audit_entries, bookings, booking_slots, booking_reviews, idempotency_records, area_snapshot_rows, area_snapshots, certification_programmes, certification_programme_versions, certificate_sequences, certification_applications, certification_investment_items, certification_attachments, certification_decisions, certificates, site_observations, site_pairs, site_pair_decisions, area_changes, capacity_feeds, feed_conflicts, feed_health CASCADE", connection, reset);
        await truncate.ExecuteNonQueryAsync();
        await reset.CommitAsync();
    }

    public static WarehouseDb CreateContext(string connectionString, TenantContext tenant) => new(
        new DbContextOptionsBuilder<WarehouseDb>()
            .UseNpgsql(connectionString, npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(TenantTransactionInterceptor.Instance)
            .Options,
        tenant);

    public static async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>A change made behind the Api's back (as another Api process or an administrator would); answers the rows touched.</summary>
    public static async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows of the search index that differ from a rebuild from the source tables (see SearchIndexCheck); 0 when the triggers kept it exact.</summary>
    public static async Task<long> SearchIndexDriftAsync() => await CountAsync(Warehouse.Api.Features.Search.SearchIndexCheck.DriftSql);
}
