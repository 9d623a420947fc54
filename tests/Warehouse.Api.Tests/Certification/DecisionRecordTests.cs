using Npgsql;
using Warehouse.Api.Tests.Infrastructure;
using static Warehouse.Api.Tests.Certification.CertificationSupply;

namespace Warehouse.Api.Tests.Certification;

/// <summary>Decision records are append-only in the database itself: neither the app role nor the owner can change or remove them.</summary>
public sealed class DecisionRecordTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<(Guid Operator, Guid Application)> DecidedAsync()
    {
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau))["id"]!;
        var op = await Scenario.RegisterAsync(client, "operator");
        var approved = await CertifiedAsync(client, bureau, op.Token, programmeId, await ReadyWarehouseAsync(client, op.Token));
        return (op.OrganisationId, Guid.Parse((string)approved["id"]!));
    }

    /// <summary>Runs <paramref name="sql"/> in a transaction whose tenant is the operator (so row security shows its rows) and returns the error.</summary>
    private static async Task<PostgresException> RefusedAsync(string connectionString, Guid tenant, string sql, Guid application)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, true)", connection, tx))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = tenant.ToString() });
            await set.ExecuteNonQueryAsync();
        }
        // The row is visible to this transaction: what stops the change is the table's rule, not row security.
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM certification_decisions WHERE application_id = $1", connection, tx))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = application });
            Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        }
        await using var command = new NpgsqlCommand(sql, connection, tx);
        if (sql.Contains("$1", StringComparison.Ordinal)) command.Parameters.Add(new NpgsqlParameter { Value = application });
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_app_role_cannot_update_delete_or_truncate_decisions()
    {
        var (tenant, application) = await DecidedAsync();
        foreach (var sql in new[]
                 {
                     "UPDATE certification_decisions SET reason = 'rewritten' WHERE application_id = $1",
                     "DELETE FROM certification_decisions WHERE application_id = $1",
                     "TRUNCATE certification_decisions",
                 })
        {
            var error = await RefusedAsync(TestDatabase.App, tenant, sql, application);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM certification_decisions WHERE application_id = $1 AND reason = '材料齐全，符合认定条件。'", application));
    }

    [Fact]
    public async Task The_owner_role_is_stopped_by_the_trigger()
    {
        var (tenant, application) = await DecidedAsync();
        foreach (var sql in new[]
                 {
                     "UPDATE certification_decisions SET reason = 'rewritten' WHERE application_id = $1",
                     "DELETE FROM certification_decisions WHERE application_id = $1",
                     "TRUNCATE certification_decisions CASCADE",
                 })
        {
            var error = await RefusedAsync(TestDatabase.Owner, tenant, sql, application);
            Assert.Contains("append-only", error.MessageText);
        }
        Assert.Equal(1, await TestDatabase.CountAsync("SELECT count(*) FROM certification_decisions WHERE application_id = $1 AND reason = '材料齐全，符合认定条件。'", application));
    }
}
