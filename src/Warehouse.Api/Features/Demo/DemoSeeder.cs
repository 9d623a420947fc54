using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Accounts;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Demo;

/// <summary>
/// Demo data for the run command: an operator and a trader with admins, through the same code as registration.
/// Idempotent (skips what exists). The password comes from <c>Demo:Password</c>; without it nothing is seeded.
/// </summary>
public static class DemoSeeder
{
    public const string OperatorAdminEmail = "operator.admin@demo.example";
    public const string TraderAdminEmail = "trader.admin@demo.example";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSeeder));
        var password = configuration["Demo:Password"];
        if (string.IsNullOrEmpty(password))
        {
            logger.LogWarning("Demo:Password is not set: no demo data seeded.");
            return;
        }

        await SeedOrganisationAsync(services, OrganisationKind.Operator, "苏州环球仓储有限公司", "Suzhou Global Warehousing Co., Ltd.",
            "91320594MA1WHK001", "SIP", new Contact("王经理", "0512-62880001", "ops@demo.example"), OperatorAdminEmail, "王运营", password, ct);
        await SeedOrganisationAsync(services, OrganisationKind.Trader, "昆山童趣用品进出口有限公司", "Kunshan Kids Goods Import & Export Co., Ltd.",
            "91320583MA1TQY002", null, new Contact("李女士", "0512-57300002", "trade@demo.example"), TraderAdminEmail, "李外贸", password, ct);
        logger.LogInformation("Demo data ready: {Operator}, {Trader}.", OperatorAdminEmail, TraderAdminEmail);
    }

    private static async Task SeedOrganisationAsync(
        IServiceProvider services, OrganisationKind kind, string nameZh, string nameEn, string first17, string? district,
        Contact contact, string adminEmail, string adminName, string password, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        var code = UnifiedSocialCreditCode.Complete(first17);
        if (await db.Organisations.AnyAsync(o => o.CreditCode == code.Value, ct)) return;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var organisation = Organisation.Register(kind, nameZh, nameEn, code, district, contact, clock.GetUtcNow());
        await Register.CreateAdminAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>(),
            organisation, adminEmail, adminName, password, MembershipRole.Admin, clock, ct);
    }
}
