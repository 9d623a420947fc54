using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Accounts;
using Warehouse.Api.Features.Capacity;
using Warehouse.Api.Features.Reference;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Geography;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Demo;

/// <summary>
/// Demo data for the run command, generated deterministically (fixed random seed) through the same domain code as
/// real requests: 15 Suzhou operators over the districts with warehouses in 31 cities of 26 countries covering every
/// market group, offers in several units and currencies, and a trader. Names carry 演示 / demo. Idempotent: an
/// operator whose credit code exists is skipped. The password of every demo user comes from <c>Demo:Password</c>.
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

        var random = new Random(2026);
        var sites = DemoCatalogue.Sites;
        for (var i = 0; i < DemoCatalogue.Operators.Length; i++)
        {
            var op = DemoCatalogue.Operators[i];
            var email = i == 0 ? OperatorAdminEmail : $"operator{i + 1:00}.admin@demo.example";
            // Each operator gets two or three cities; consecutive operators share none, so every city is used.
            var mine = Enumerable.Range(0, i % 3 == 0 ? 3 : 2).Select(k => sites[(i * 2 + k) % sites.Length]).ToList();
            await SeedOperatorAsync(services, op, email, password, mine, random, ct);
        }
        await SeedOrganisationAsync(services, OrganisationKind.Trader, "昆山童趣用品进出口有限公司(演示)", "Kunshan Kids Goods Import & Export Co., Ltd. (demo)",
            "91320583MA1TQY002", null, new Contact("李女士", "0512-57300002", "trade@demo.example"), TraderAdminEmail, "李外贸", password, ct);
        logger.LogInformation("Demo data ready: {Operators} operators ({Operator}), trader {Trader}.", DemoCatalogue.Operators.Length, OperatorAdminEmail, TraderAdminEmail);
    }

    private static async Task SeedOperatorAsync(IServiceProvider services, DemoCatalogue.Operator op, string email, string password,
        List<DemoCatalogue.Site> sites, Random random, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        var code = UnifiedSocialCreditCode.Complete(op.CodeBody);
        // Draw the random numbers even when skipping, so a partial earlier run does not shift everything after it.
        var plans = sites.Select(site => Plan(site, random)).ToList();
        if (await db.Organisations.AnyAsync(o => o.CreditCode == code.Value, ct)) return;

        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var organisation = Organisation.Register(OrganisationKind.Operator, op.NameZh + "(演示)", op.NameEn + " (demo)", code, op.District,
            new Contact("演示联系人", "0512-6800" + op.CodeBody[^3..], $"contact.{op.CodeBody[^3..]}@demo.example"), clock.GetUtcNow());
        var admin = await Register.CreateAdminAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>(),
            organisation, email, "演示管理员", password, MembershipRole.Admin, clock, ct);
        db.Tenant.SetUser(admin.Id);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var plan in plans)
        {
            var warehouse = OverseasWarehouse.Create(organisation.Id, plan.Details, admin.Id, now);
            if (plan.Status != WarehouseStatus.Draft) warehouse.ChangeStatus(WarehouseStatus.Active, admin.Id, now);
            if (plan.Status == WarehouseStatus.Suspended) warehouse.ChangeStatus(WarehouseStatus.Suspended, admin.Id, now);
            db.Warehouses.Add(warehouse);
            await db.SaveChangesAsync(ct);

            foreach (var terms in plan.Offers)
            {
                var rate = await ExchangeRates.FindRateAsync(db, terms.Price.Currency, DateOnly.FromDateTime(now.UtcDateTime), ct)
                    ?? throw new InvalidOperationException($"The demo needs an exchange rate for {terms.Price.Currency}.");
                var offer = CapacityOffer.Create(organisation.Id, warehouse.Id, terms,
                    NormalisedPrice.Compute(terms.Price, rate.CnyPerUnit, rate.AsOf, ConversionAssumptions.Standard), now);
                if (warehouse.Status == WarehouseStatus.Active) offer.Publish();
                db.Offers.Add(offer);
                await db.SaveChangesAsync(ct);
                await CapacityDays.ReshapeAsync(db, offer, ct);
            }
        }
        await tx.CommitAsync(ct);
    }

    private sealed record WarehousePlan(WarehouseDetails Details, WarehouseStatus Status, List<OfferTerms> Offers);

    private static WarehousePlan Plan(DemoCatalogue.Site site, Random random)
    {
        var existing = random.Next(30, 250) * 100m;
        var inUse = decimal.Round(existing * random.Next(60, 96) / 100m, 0);
        var building = random.Next(0, 4) == 0 ? random.Next(10, 80) * 100m : 0m;
        var leased = random.Next(0, 3) > 0;
        var opened = new DateOnly(2018 + random.Next(0, 7), random.Next(1, 13), 1);
        var location = new GeoPoint(site.Latitude + (random.NextDouble() - 0.5) * 0.1, site.Longitude + (random.NextDouble() - 0.5) * 0.1);
        var details = WarehouseDetails.Create(
            $"{site.CityZh}海外仓(演示)", $"{site.City} overseas warehouse (demo)", $"{site.City} logistics park, unit {random.Next(1, 60)}",
            site.Country, site.City, location, null, new WarehouseAreas(existing, inUse, building),
            leased ? Ownership.Leased : Ownership.SelfBuilt, leased ? opened.AddYears(10) : null, opened,
            DemoCatalogue.StorageMixes[random.Next(DemoCatalogue.StorageMixes.Length)],
            DemoCatalogue.HandlingMixes[random.Next(DemoCatalogue.HandlingMixes.Length)],
            random.Next(5, 200) * 100);
        var status = random.Next(0, 12) switch { 0 => WarehouseStatus.Draft, 1 => WarehouseStatus.Suspended, _ => WarehouseStatus.Active };

        var offers = new List<OfferTerms>();
        var unit = DemoCatalogue.UnitFor(site.Basis);
        var free = existing - inUse;
        for (var n = 0; n < 1 + random.Next(0, 2); n++)
        {
            var squareMetres = Math.Max(100m, decimal.Round(free * random.Next(20, 60) / 100m, 0));
            var quantity = decimal.Round(ConversionAssumptions.Standard.FromSquareMetres(squareMetres, unit), 0);
            var from = new DateOnly(2026, 12, 1).AddMonths(n * 6);
            var price = new Price(decimal.Round(site.LocalPrice * random.Next(85, 121) / 100m, 2), site.Currency, site.Basis);
            offers.Add(new OfferTerms(unit, quantity, from, from.AddMonths(6 + random.Next(0, 7)).AddDays(-1), decimal.Round(quantity / 20m, 0),
                random.Next(0, 2) == 0 ? 30 : 7, price, "入库 ¥3/箱，出库 ¥5/单 (demo)", random.Next(0, 2) == 0 ? BookingMode.Instant : BookingMode.Request,
                random.Next(0, 2) == 0 ? 7 : 14));
        }
        return new WarehousePlan(details, status, offers);
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
