using Npgsql;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Tests.Platform;

/// <summary>The Api's connection settings: its defaults, and the configuration winning over them.</summary>
public sealed class AppConnectionTests
{
    [Fact]
    public void The_pool_is_sized_for_the_database_and_statements_are_prepared_unless_configured_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(AppConnection.Tune("Host=db;Username=app"));
        Assert.Equal(AppConnection.DefaultMaxPoolSize, tuned.MaxPoolSize);
        Assert.Equal(128, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        // Npgsql's session reset on returning a connection stays on (ARCHITECTURE.md: never No Reset On Close).
        Assert.False(tuned.NoResetOnClose);

        var configured = new NpgsqlConnectionStringBuilder(AppConnection.Tune("Host=db;Username=app;Maximum Pool Size=40;Max Auto Prepare=0"));
        Assert.Equal(40, configured.MaxPoolSize);
        Assert.Equal(0, configured.MaxAutoPrepare);
        Assert.Equal(50, new NpgsqlConnectionStringBuilder(AppConnection.Tune("Host=db;MaxPoolSize=50")).MaxPoolSize);
    }
}
