using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Reference;

/// <summary>
/// Reference data, public and global: nothing here belongs to a tenant. Everything is read-only and seeded by
/// migrations, except exchange rates, which the commerce bureau's admin adds to.
/// </summary>
public static class ReferenceEndpoints
{
    public static void MapReference(this IEndpointRouteBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Reference");
        reference.MapGet("/districts", ListDistricts).WithAccess(Access.Anonymous)
            .WithSummary("Suzhou districts (板块) an operator can be registered in");
        reference.MapGet("/countries", Countries.List).WithAccess(Access.Anonymous)
            .WithSummary("Countries (ISO 3166-1) with UN M49 regions and the market groups each belongs to");
        reference.MapGet("/countries/{code}", Countries.Get).WithAccess(Access.Anonymous)
            .WithSummary("One country by its alpha-2 code (any letter case)");
        reference.MapGet("/market-groups", MarketGroups.List).WithAccess(Access.Anonymous)
            .WithSummary("Policy market groups (Southeast Asia, RCEP, CEE, …) with their member countries");
        reference.MapGet("/hubs", Hubs.List).WithAccess(Access.Anonymous)
            .WithSummary("Rail nodes, ports and air hubs; filter with ?kind=rail|port|air and ?country=DE");
        reference.MapGet("/industry-belts", IndustryBelts.List).WithAccess(Access.Anonymous)
            .WithSummary("Suzhou export clusters (产业带) with 2026 export targets and handling needs");
        reference.MapGet("/currencies", Currencies.List).WithAccess(Access.Anonymous)
            .WithSummary("Currencies, each with its latest rate to CNY and that rate's date");
        reference.MapGet("/exchange-rates", ExchangeRates.History).WithAccess(Access.Anonymous)
            .WithSummary("Rate history of one currency (?currency=USD), newest first");
        reference.MapPost("/exchange-rates", ExchangeRates.Add).WithAccess(Access.Admins(OrganisationKind.Bureau))
            .WithSummary("Record a currency's rate to CNY for one day (commerce bureau admin)");
    }

    public static async Task<Ok<List<District>>> ListDistricts(WarehouseDb db, CancellationToken ct)
        => TypedResults.Ok(await db.Districts.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct));
}
