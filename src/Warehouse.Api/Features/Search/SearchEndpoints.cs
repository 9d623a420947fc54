using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Search;

public static class SearchEndpoints
{
    public static void MapSearch(this IEndpointRouteBuilder api)
    {
        // Bureau staff watch the market too; operators manage supply elsewhere and are refused (403).
        api.MapPost("/search/capacity", SearchCapacity.Handle).WithTags("Search")
            .WithAccess(Access.Members(OrganisationKind.Trader, OrganisationKind.Bureau))
            // Its batches are transactions of their own, each opened by the scope statement that checks the membership.
            .WithMetadata(OwnsTransaction.ChecksMembershipItself)
            .WithSummary("Search published capacity by market, place, services, handling, quantity free on every day, price, district and industry belt; " +
                "sort bestMatch (0.40 fit + 0.25 price + 0.20 distance + 0.10 rating + 0.05 certification), distance or price")
            .WithDescription("Filters combine (all must hold); place is one of near, nearHub or within (a GeoJSON Polygon). Sort by bestMatch (default), distance or price. " +
                "bestMatch: " + SearchCapacity.ScoreFormula + ". certifiedOnly keeps public overseas warehouses with a certificate valid today; " +
                "each result carries its certification badge (level, programme, certificate number, validity) or null.");

        // A search result's detail page: the same readers as search, the same published read path.
        api.MapGet("/listings/{warehouseId:guid}", PublicListing.Handle).WithTags("Search")
            .WithAccess(Access.Members(OrganisationKind.Trader, OrganisationKind.Bureau))
            .WithSummary("One warehouse's public listing: site, operator, nearest rail node and port, published offers with free quantity, " +
                "published services with upcoming slots; anything not listed is a 404");
    }
}
