using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Tenancy;

public sealed class StartupGuardTests
{
    [Fact]
    public async Task The_api_refuses_to_start_as_a_role_that_owns_the_tables()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:App"] = TestDatabase.Owner });
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("owns", error.ToString());
    }

    [Fact]
    public async Task The_api_refuses_to_start_as_a_superuser()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:App"] = TestDatabase.Superuser });
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("superuser", error.ToString());
    }
}
