using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Bookings;

public static class BookingsEndpoints
{
    public static void MapBookings(this IEndpointRouteBuilder api)
    {
        var traders = Access.Members(OrganisationKind.Trader);
        var operators = Access.Members(OrganisationKind.Operator);
        var bookings = api.MapGroup("/bookings").WithTags("Bookings");
        bookings.MapPost("/quote", PlaceBooking.Quote).WithAccess(traders)
            .WithSummary("Price and availability of a quantity over a date range on a published offer, without booking");
        bookings.MapPost("/", PlaceBooking.Create).WithAccess(traders).WithMetadata(OwnsTransaction.ChecksMembershipItself)
            .WithSummary("Book a published offer (instant → confirmed, request → held); send an Idempotency-Key to make retries safe");
        bookings.MapGet("/", ManageBookings.List).WithAccess(Access.Members(OrganisationKind.Trader, OrganisationKind.Operator))
            .WithSummary("A trader's own bookings, or the bookings on an operator's capacity");
        bookings.MapGet("/{bookingId:guid}", ManageBookings.Get).WithAccess(Access.Members(OrganisationKind.Trader, OrganisationKind.Operator))
            .WithSummary("One booking, to either of its two parties");
        bookings.MapPost("/{bookingId:guid}/accept", ManageBookings.Accept).WithAccess(operators).WithSummary("The operator accepts a hold");
        bookings.MapPost("/{bookingId:guid}/decline", ManageBookings.Decline).WithAccess(operators).WithSummary("The operator declines a hold; its capacity is released");
        bookings.MapPost("/{bookingId:guid}/cancel", ManageBookings.Cancel).WithAccess(traders)
            .WithSummary("The trader cancels (free until the offer's cancellation window closes); its capacity is released");
        bookings.MapPost("/{bookingId:guid}/review", ManageBookings.Review).WithAccess(traders)
            .WithSummary("The trader reviews a completed booking once, 1–5 stars, within 30 days");

        api.MapGet("/warehouses/{warehouseId:guid}/rating", ManageBookings.Rating).WithTags("Bookings").WithAccess(Access.Anonymous)
            .WithSummary("A warehouse's public rating: average stars, count, latest reviews");
    }
}
