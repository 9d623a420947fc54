using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>Registration, sign-in and invitation acceptance: the API's anonymous account endpoints.</summary>
public interface IAccountApi
{
    [Post("/api/auth/register")]
    Task<RegistrationResult> RegisterAsync([Body] RegistrationRequest request, CancellationToken ct);

    [Post("/api/auth/login")]
    Task<LoginResult> LoginAsync([Body] LoginRequest request, CancellationToken ct);

    [Get("/api/me")]
    Task<CurrentUser> GetMeAsync(CancellationToken ct);

    [Post("/api/invitations/accept")]
    Task<AcceptedInvitation> AcceptInvitationAsync([Body] AcceptInvitationRequest request, CancellationToken ct);
}
