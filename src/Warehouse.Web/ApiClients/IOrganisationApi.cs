using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>
/// The signed-in user's current organisation. The bearer token and the selected
/// <c>X-Organisation-Id</c> are added by <see cref="SignedInUserHandler"/>.
/// </summary>
public interface IOrganisationApi
{
    [Get("/api/organisation")]
    Task<OrganisationDetails> GetAsync(CancellationToken ct);

    [Get("/api/organisation/members")]
    Task<IReadOnlyList<Member>> GetMembersAsync(CancellationToken ct);

    [Get("/api/organisation/invitations")]
    Task<IReadOnlyList<Invitation>> GetInvitationsAsync(CancellationToken ct);

    [Post("/api/organisation/invitations")]
    Task<CreatedInvitation> InviteAsync([Body] InvitationRequest request, CancellationToken ct);

    [Delete("/api/organisation/invitations/{invitationId}")]
    Task RevokeInvitationAsync(Guid invitationId, CancellationToken ct);
}
