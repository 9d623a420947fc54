using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Accounts;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Organisations;

/// <summary>
/// Creates the city's commerce bureau and its first admin from configuration (<c>Bureau:AdminEmail</c>,
/// <c>Bureau:AdminPassword</c>, usually environment variables) when no bureau exists yet. No password is ever
/// written in code; without configuration nothing happens and the log says so. Safe to run on every start of every
/// instance: a unique index allows one bureau, and a second instance losing that race simply finds it.
/// </summary>
public static class BureauBootstrap
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BureauBootstrap));
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        if (await db.Organisations.AnyAsync(o => o.Kind == OrganisationKind.Bureau, ct)) return;

        var email = configuration["Bureau:AdminEmail"];
        var password = configuration["Bureau:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            logger.LogWarning("No commerce bureau exists and Bureau:AdminEmail / Bureau:AdminPassword are not configured: the bureau cannot sign in until they are.");
            return;
        }
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var code = configuration["Bureau:CreditCode"] is { Length: > 0 } text ? UnifiedSocialCreditCode.Parse(text, "Bureau:CreditCode") : (UnifiedSocialCreditCode?)null;
        var bureau = Organisation.Register(OrganisationKind.Bureau,
            configuration["Bureau:LegalNameZh"] ?? "苏州市商务局", configuration["Bureau:LegalNameEn"] ?? "Suzhou Municipal Bureau of Commerce",
            code, null, new Contact(configuration["Bureau:ContactName"] ?? "平台管理员", configuration["Bureau:ContactPhone"] ?? "0512-00000000", email),
            clock.GetUtcNow());
        try
        {
            await Register.CreateAdminAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>(),
                bureau, email, configuration["Bureau:AdminDisplayName"] ?? "商务局管理员", password, MembershipRole.BureauAdmin, clock, ct);
            logger.LogInformation("Created the commerce bureau and its first admin {Email}.", email);
        }
        catch (DbUpdateException)
        {
            if (!await AnotherInstanceWonAsync(services, ct)) throw;
            logger.LogInformation("Another instance created the commerce bureau first.");
        }
    }

    private static async Task<bool> AnotherInstanceWonAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WarehouseDb>().Organisations.AnyAsync(o => o.Kind == OrganisationKind.Bureau, ct);
    }
}
