using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Accounts;
using Warehouse.Api.Features.Capacity;
using Warehouse.Api.Features.Reference;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Geography;
using Warehouse.Domain.Organisations;
using Warehouse.Domain.Services;
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
        // One of the first operator's warehouses is connected by a push feed (README: "Live capacity feeds").
        await using (var lookup = services.CreateAsyncScope())
        {
            var first = UnifiedSocialCreditCode.Complete(DemoCatalogue.Operators[0].CodeBody).Value;
            var operatorId = await lookup.ServiceProvider.GetRequiredService<WarehouseDb>().Organisations
                .Where(o => o.CreditCode == first).Select(o => o.Id).SingleAsync(ct);
            await Feeds.FeedDemo.SeedAsync(services, operatorId, services.GetRequiredService<TimeProvider>(), ct);
        }
        // A year of (marked) history, so the bureau's trend and projection have something to show on first run.
        await CityProgress.CityProgressDemo.BackfillAsync(services, ct);
        // A programme open now with applications in several states, so the bureau's and operators' pages have something to show.
        await CertificationDemo.SeedAsync(services, ct);
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

            foreach (var (type, price, descriptionZh) in plan.Services)
            {
                var service = ServiceOffering.Create(organisation.Id, warehouse.Id, new ServiceTerms(type.Code, price, descriptionZh, $"{type.NameEn} (demo)"), now);
                if (warehouse.Status == WarehouseStatus.Active) service.Publish();
                db.Add(service);
                if (type.IsTimeSlotted)
                {
                    // Two weeks of daily sessions from tomorrow, 10:00–13:00 and 14:00–17:00 local to the warehouse (UTC here).
                    var firstDay = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
                    for (var day = 0; day < 14; day++)
                        foreach (var startHour in new[] { 10, 14 })
                        {
                            var starts = firstDay.AddDays(day).AddHours(startHour);
                            db.Add(ServiceSlot.Open(service, type, new SlotTerms(starts, starts.AddHours(3), type.Code == ServiceCatalogue.Showroom ? 4 : 1), now));
                        }
                }
            }
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private sealed record WarehousePlan(WarehouseDetails Details, WarehouseStatus Status, List<OfferTerms> Offers,
        List<(ServiceType Type, ServicePrice Price, string DescriptionZh)> Services);

    private static WarehousePlan Plan(DemoCatalogue.Site site, Random random)
    {
        var existing = random.Next(30, 250) * 100m;
        var inUse = decimal.Round(existing * random.Next(60, 96) / 100m, 0);
        var building = random.Next(0, 4) == 0 ? random.Next(10, 80) * 100m : 0m;
        var leased = random.Next(0, 3) > 0;
        var opened = new DateOnly(2018 + random.Next(0, 7), random.Next(1, 13), 1);
        var location = new GeoPoint(site.Latitude + (random.NextDouble() - 0.5) * 0.1, site.Longitude + (random.NextDouble() - 0.5) * 0.1);
        var free = existing - inUse;
        var details = WarehouseDetails.Create(
            $"{site.CityZh}海外仓(演示)", $"{site.City} overseas warehouse (demo)", $"{site.City} logistics park, unit {random.Next(1, 60)}",
            site.Country, site.City, location, null, new WarehouseAreas(existing, inUse, building),
            leased ? Ownership.Leased : Ownership.SelfBuilt, leased ? opened.AddYears(10) : null, opened,
            DemoCatalogue.StorageMixes[random.Next(DemoCatalogue.StorageMixes.Length)],
            DemoCatalogue.HandlingMixes[random.Next(DemoCatalogue.HandlingMixes.Length)],
            random.Next(5, 200) * 100);
        var status = random.Next(0, 12) switch { 0 => WarehouseStatus.Draft, 1 => WarehouseStatus.Suspended, _ => WarehouseStatus.Active };
        if (site.City == "Duisburg")
        {
            // The README's trader walk-through ("PV modules, 500 m² near Duisburg, March–May, hazmat") finds this one.
            details = details with { Areas = new WarehouseAreas(20000, 12000, 0), HandlingCapabilities = [HandlingCapability.HazmatClass9LithiumBatteries, HandlingCapability.OversizeHeavy] };
            status = WarehouseStatus.Active;
            free = 8000;
        }

        var offers = new List<OfferTerms>();
        var unit = DemoCatalogue.UnitFor(site.Basis);
        for (var n = 0; n < 1 + random.Next(0, 2); n++)
        {
            var squareMetres = Math.Max(100m, decimal.Round(free * random.Next(20, 60) / 100m, 0));
            var quantity = decimal.Round(ConversionAssumptions.Standard.FromSquareMetres(squareMetres, unit), 0);
            var from = new DateOnly(2026, 12, 1).AddMonths(n * 6);
            var price = new Price(decimal.Round(site.LocalPrice * random.Next(85, 121) / 100m, 2), site.Currency, site.Basis);
            offers.Add(new OfferTerms(unit, quantity, from, from.AddMonths(6 + random.Next(0, 7)).AddDays(-1), decimal.Round(quantity / 20m, 0),
                random.Next(0, 2) == 0 ? 30 : 7, price, "入库 ¥3/箱，出库 ¥5/单 (demo)",
                random.Next(0, 2) == 0 || site.City == "Duisburg" ? BookingMode.Instant : BookingMode.Request,
                random.Next(0, 2) == 0 ? 7 : 14));
        }
        // Every warehouse fulfils orders; most add two or three more services, several of them bookable by time slot.
        var services = new List<(ServiceType, ServicePrice, string)>
        {
            (Type(ServiceCatalogue.Fulfilment), new ServicePrice(decimal.Round(site.LocalPrice * 0.4m, 2), site.Currency, ServiceUnit.PerOrder), "一件代发、仓配一体 (演示)"),
        };
        var extras = new[] { ServiceCatalogue.LiveStreamStudio, ServiceCatalogue.Showroom, ServiceCatalogue.AfterSalesRepair, ServiceCatalogue.ReturnsRelabel, ServiceCatalogue.CustomsClearance };
        foreach (var code in extras.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
        {
            var (serviceUnit, factor, zh) = code switch
            {
                ServiceCatalogue.LiveStreamStudio => (ServiceUnit.PerSession, 40m, "仓内直播间，含灯光与网络 (演示)"),
                ServiceCatalogue.Showroom => (ServiceUnit.PerSession, 25m, "前展后仓样品展厅，预约参观 (演示)"),
                ServiceCatalogue.AfterSalesRepair => (ServiceUnit.PerItem, 3m, "售后检测维修工位 (演示)"),
                ServiceCatalogue.ReturnsRelabel => (ServiceUnit.PerItem, 0.5m, "退货处理与换标 (演示)"),
                _ => (ServiceUnit.PerShipment, 15m, "进口清关代理 (演示)"),
            };
            services.Add((Type(code), new ServicePrice(decimal.Round(site.LocalPrice * factor, 2), site.Currency, serviceUnit), zh));
        }
        return new WarehousePlan(details, status, offers, services);
    }

    private static ServiceType Type(string code) => ServiceCatalogue.All.Single(t => t.Code == code);

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
