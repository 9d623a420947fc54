using Npgsql;
using Quartz;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Platform.Jobs;

/// <summary>The <c>qrtz_</c> tables the QuartzScheduler migration creates, against what the Quartz in use expects.</summary>
public sealed class QuartzSchemaTests
{
    private static async Task<List<string>> QueryAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>Columns (in order, with types, nullability and defaults), constraints and indexes of a schema's qrtz_ tables.</summary>
    private static async Task<List<string>> DescribeAsync(string schema)
    {
        var description = new List<string>();
        description.AddRange(await QueryAsync(TestDatabase.Superuser, """
            SELECT format('%s.%s #%s %s%s%s', c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod),
                          CASE WHEN a.attnotnull THEN ' not null' ELSE '' END, coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname LIKE 'qrtz\_%'
            ORDER BY c.relname, a.attnum
            """, schema));
        description.AddRange(await QueryAsync(TestDatabase.Superuser, """
            SELECT format('%s constraint %s: %s', c.relname, k.conname, replace(pg_get_constraintdef(k.oid), quote_ident(n.nspname) || '.', ''))
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname LIKE 'qrtz\_%'
            ORDER BY 1
            """, schema));
        description.AddRange(await QueryAsync(TestDatabase.Superuser, """
            SELECT replace(pg_get_indexdef(x.indexrelid), quote_ident(n.nspname) || '.', '')
            FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname LIKE 'qrtz\_%'
            ORDER BY 1
            """, schema));
        return description;
    }

    [Fact]
    public async Task The_quartz_tables_are_exactly_those_the_quartz_assembly_in_use_would_create()
    {
        // Quartz embeds the schema it provisions for itself; build it in a scratch schema and compare the catalogs.
        var quartz = typeof(IScheduler).Assembly;
        using var stream = quartz.GetManifestResourceStream("Quartz.Impl.AdoJobStore.Schema.create_postgres.sql")
            ?? throw new InvalidOperationException("Quartz no longer embeds create_postgres.sql.");
        var script = await new StreamReader(stream).ReadToEndAsync();
        var scratch = "quartz_expected_" + Guid.NewGuid().ToString("N")[..8];

        await using var connection = new NpgsqlConnection(TestDatabase.Superuser);
        await connection.OpenAsync();
        try
        {
            await using (var create = new NpgsqlCommand($"CREATE SCHEMA {scratch}", connection)) await create.ExecuteNonQueryAsync();
            foreach (var statement in script.Split("\n--;;\n"))
            {
                var sql = statement.Replace("{0}", $"{scratch}.qrtz_").Replace("{1}", "qrtz_");
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }

            var expected = await DescribeAsync(scratch);
            var actual = await DescribeAsync("public");
            Assert.True(expected.Count > 150, $"The scratch schema describes only {expected.Count} objects.");
            Assert.True(expected.SequenceEqual(actual), $"""
                The qrtz_ tables differ from the schema of {quartz.GetName().Name} {quartz.GetName().Version}.
                Missing or different: {string.Join("\n  ", expected.Except(actual))}
                Unexpected: {string.Join("\n  ", actual.Except(expected))}
                """);
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {scratch} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task The_quartz_tables_belong_to_the_owner_hold_no_tenant_data_and_the_app_role_can_use_them()
    {
        var tables = await QueryAsync(TestDatabase.Superuser, """
            SELECT format('%s owner=%s dml=%s tenant_id=%s rls=%s', c.relname, pg_get_userbyid(c.relowner),
                          has_table_privilege('warehouse_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE'),
                          EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'),
                          c.relrowsecurity)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'qrtz\_%'
            ORDER BY c.relname
            """);
        Assert.Equal(QuartzTables.All.Select(t => $"{t} owner=warehouse_owner dml=t tenant_id=f rls=f"), tables);

        // What the job store does with its lock rows, as the app role, and nothing of it left behind.
        var name = QuartzTables.NewSchedulerName();
        await using var connection = new NpgsqlConnection(TestDatabase.App);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var sql in new[]
        {
            "INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ($1, 'TRIGGER_ACCESS')",
            "SELECT lock_name FROM qrtz_locks WHERE sched_name = $1 AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE",
            "UPDATE qrtz_locks SET lock_name = 'STATE_ACCESS' WHERE sched_name = $1",
            "DELETE FROM qrtz_locks WHERE sched_name = $1",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            await command.ExecuteNonQueryAsync();
        }
        await tx.RollbackAsync();
    }
}
