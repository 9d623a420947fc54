using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Warehouse.Api.Tests.Infrastructure;

/// <summary>The real Api in the test host, on the test database, as the app role that row-level security binds.</summary>
public class ApiFactory(IReadOnlyDictionary<string, string?>? overrides = null) : WebApplicationFactory<Program>
{
    public const string BureauAdminEmail = "bureau.admin@test.example";
    public static readonly string BureauAdminPassword = "Bureau-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:App", TestDatabase.App);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Bureau:AdminEmail", BureauAdminEmail);
        builder.UseSetting("Bureau:AdminPassword", BureauAdminPassword);
        builder.UseSetting("RateLimits:AuthPerMinute", "100000");
        // No scheduler unless a test asks for one (Jobs:Enabled=true in its overrides), so nothing polls in the background.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }
}

/// <summary>One Api for the whole assembly, on a freshly reset database.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await TestDatabase.ResetAsync();
        _ = Factory.Server; // start it: runs the startup checks and creates the bureau admin
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
