using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;

namespace Warehouse.Api.Features.Organisations;

public static class OrganisationsEndpoints
{
    public static void MapOrganisations(this IEndpointRouteBuilder api)
    {
        var mine = api.MapGroup("/organisation").WithTags("Organisations");
        mine.MapGet("/", MyOrganisation.Get).WithAccess(Access.Members())
            .WithSummary("The organisation the caller acts for (X-Organisation-Id selects among the caller's memberships)");
        mine.MapGet("/members", MyOrganisation.Members).WithAccess(Access.Members())
            .WithSummary("Members of the caller's organisation");
        mine.MapPost("/invitations", Invitations.Invite).WithAccess(Access.Admins())
            .WithSummary("Invite a person to join with a role; returns the one-time token");
        mine.MapGet("/invitations", Invitations.List).WithAccess(Access.Admins())
            .WithSummary("Pending and accepted invitations");
        mine.MapDelete("/invitations/{invitationId:guid}", Invitations.Revoke).WithAccess(Access.Admins())
            .WithSummary("Revoke a pending invitation");

        api.MapPost("/invitations/accept", Invitations.Accept).WithTags("Organisations")
            .WithAccess(Access.Anonymous).WithMetadata(OwnsTransaction.Instance).RequireRateLimiting(Accounts.AccountsEndpoints.AuthRateLimit)
            .WithSummary("Accept an invitation with its token: creates the account (or joins an existing one) and the membership");
    }
}
