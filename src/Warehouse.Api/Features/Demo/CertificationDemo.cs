using Warehouse.Api.Platform.Jobs;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Accounts;
using Warehouse.Api.Features.Certification;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Features.Organisations;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Certification;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Demo;

/// <summary>
/// Demo certification data, through the same handlers as requests: a 2026 municipal programme open now, and applications
/// of the first three demo operators: one approved with its certificate, one submitted (in the review queue), one sent
/// back for more information. Marked 演示 / demo. Idempotent: skipped when the demo programme exists.
/// </summary>
public static class CertificationDemo
{
    public const string ProgrammeNameZh = "2026年度苏州市级公共海外仓认定(演示)";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CertificationDemo));
        await BureauBootstrap.EnsureAsync(services, ct); // the officer who decides; configured as for the Api itself
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var clock = services.GetRequiredService<TimeProvider>();

        Guid bureauId, officerId;
        List<(Guid Tenant, Guid Admin, Guid Warehouse)> applicants = [];
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
            if (await db.Set<ProgrammeVersion>().AnyAsync(v => v.NameZh == ProgrammeNameZh, ct)) return;
            var bureau = await db.Organisations.Where(o => o.Kind == OrganisationKind.Bureau).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
            if (bureau is null)
            {
                logger.LogWarning("No commerce bureau: demo certification data skipped.");
                return;
            }
            bureauId = bureau.Value;
            var officer = await FirstAdminAsync(scopes, bureauId, ct);
            if (officer is null)
            {
                logger.LogWarning("The commerce bureau has no admin yet: demo certification data skipped.");
                return;
            }
            officerId = officer.Value;
            foreach (var email in new[] { DemoSeeder.OperatorAdminEmail, "operator02.admin@demo.example", "operator03.admin@demo.example" })
            {
                var user = await users.FindByEmailAsync(email);
                if (user is null) continue;
                var tenant = await TenantOfAsync(scopes, user.Id, ct);
                if (tenant is null) continue;
                var warehouse = await TenantScopes.AsOperatorAsync(scopes, tenant.Value, user.Id, async operatorDb =>
                    await operatorDb.Warehouses.Where(w => w.Status == WarehouseStatus.Active).OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
                        .Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct), ct);
                if (warehouse is { } w) applicants.Add((tenant.Value, user.Id, w));
            }
        }
        if (applicants.Count < 3)
        {
            logger.LogWarning("Fewer than three demo operators with an active warehouse: demo certification data skipped.");
            return;
        }

        var today = CitySnapshots.Today(clock);
        var programme = await AsBureauAsync(scopes, bureauId, officerId, db => Programmes.Create(new Programmes.Request(
            2026, CertificationLevel.Municipal, ProgrammeNameZh, "2026 Suzhou municipal public overseas warehouses (demo)",
            today.AddDays(-26), today.AddDays(64), null, null, 0.3m, 2_000_000m, 10_000_000m, AllocationRule.ProRata, 3), db, clock, ct), ct);
        var programmeId = ((Microsoft.AspNetCore.Http.HttpResults.Created<Programmes.ProgrammeView>)programme.Result).Value!.Id;

        var outcomes = new[] { DecisionKind.Approve, (DecisionKind?)null, DecisionKind.RequestMoreInfo };
        for (var i = 0; i < 3; i++)
        {
            var (tenant, admin, warehouse) = applicants[i];
            var request = new Applications.Request(programmeId, warehouse, 3 + i, 2 + i, 100m - i * 20, $"境外投资证第N32002024{i:000}号(演示)", true, 20 + 10 * i,
                60 + 20 * i, [.. CertificationCriteria.DefaultServices], true, "演示 WMS", [
                    new(InvestmentCategory.Equipment, 800_000m + 100_000m * i, $"DEMO-EQ-{i + 1:000}", "货架与叉车(演示)"),
                    new(InvestmentCategory.Renovation, 300_000m, $"DEMO-RN-{i + 1:000}", "仓库改造(演示)"),
                    new(InvestmentCategory.It, 150_000m, $"DEMO-IT-{i + 1:000}", "WMS 系统(演示)"),
                    new(InvestmentCategory.Lease, 1_200_000m, $"DEMO-LS-{i + 1:000}", "三年租约(演示)")],
                new("演示签字人", true));
            var applicationId = await TenantScopes.AsOperatorAsync(scopes, tenant, admin, async db =>
            {
                var created = await Applications.Create(request, db, clock, ct);
                var id = ((Microsoft.AspNetCore.Http.HttpResults.Created<ApplicationViews.ApplicationView>)created.Result).Value!.Id;
                var pdf = "%PDF-1.4\n% demo business licence 演示营业执照\n%%EOF\n"u8.ToArray();
                db.Add(new ApplicationAttachment
                {
                    TenantId = tenant, Id = Guid.CreateVersion7(), ApplicationId = id, Kind = AttachmentKind.BusinessLicence, FileName = "营业执照(演示).pdf",
                    ContentType = "application/pdf", SizeBytes = pdf.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)), Content = pdf,
                    UploadedAt = clock.GetUtcNow(), UploadedBy = admin,
                });
                await db.SaveChangesAsync(ct);
                return id;
            }, ct);
            await TenantScopes.AsOperatorAsync(scopes, tenant, admin, db => Applications.Submit(applicationId, db, clock, ct), ct);
            if (outcomes[i] is { } decision)
                await AsBureauAsync(scopes, bureauId, officerId, db => Review.Decide(applicationId, new Review.DecisionRequest(decision,
                    decision == DecisionKind.Approve ? "材料齐全，WMS 经现场核验(演示)。" : "请补充境外公司股权证明与近一年服务企业名单(演示)。"), db, scopes, clock, ct), ct);
        }
        logger.LogInformation("Demo certification data ready: programme {Programme} with an approved, a submitted and a more-information application.", ProgrammeNameZh);
    }

    private static async Task<T> AsBureauAsync<T>(IServiceScopeFactory scopes, Guid bureauId, Guid officerId, Func<WarehouseDb, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.SetUser(officerId);
        tenant.SetTenant(bureauId, OrganisationKind.Bureau, MembershipRole.BureauAdmin);
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work(db);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>The organisation a user administers, read through the "own memberships" policy (user set, no tenant).</summary>
    private static async Task<Guid?> TenantOfAsync(IServiceScopeFactory scopes, Guid userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetUser(userId);
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A user's memberships span tenants and this scope has none yet: read by user id, which the memberships row
        // policy for one's own memberships allows (as sign-in does).
        return await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == userId).Select(m => (Guid?)m.TenantId).FirstOrDefaultAsync(ct);
    }

    /// <summary>The bureau's first admin, read in the bureau's own tenant scope.</summary>
    private static async Task<Guid?> FirstAdminAsync(IServiceScopeFactory scopes, Guid bureauId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetTenant(bureauId, OrganisationKind.Bureau, null);
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return await db.Memberships.Where(m => m.Role == MembershipRole.BureauAdmin).OrderBy(m => m.JoinedAt).Select(m => (Guid?)m.UserId).FirstOrDefaultAsync(ct);
    }
}
