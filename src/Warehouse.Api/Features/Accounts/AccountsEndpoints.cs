using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;

namespace Warehouse.Api.Features.Accounts;

public static class AccountsEndpoints
{
    public const string AuthRateLimit = "auth";

    public static void MapAccounts(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").RequireRateLimiting(AuthRateLimit);
        auth.MapPost("/register", Register.Handle).WithAccess(Access.Anonymous).WithMetadata(OwnsTransaction.Instance)
            .WithSummary("Register an operator or trader organisation with its first admin");
        auth.MapPost("/login", Login.Handle).WithAccess(Access.Anonymous).WithMetadata(OwnsTransaction.Instance)
            .WithSummary("Sign in with email and password; returns a bearer token and the user's memberships");

        api.MapGet("/me", Me.Handle).WithTags("Accounts").WithAccess(Access.SignedIn)
            .WithSummary("The signed-in user and their memberships");
    }
}
