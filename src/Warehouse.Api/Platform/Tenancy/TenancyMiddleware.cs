using System.Security.Claims;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Platform.Tenancy;

/// <summary>
/// Lock 1 of tenancy: resolves the one tenant of a request from the signed-in user's memberships, the only
/// authoritative source. The <c>X-Organisation-Id</c> header may select among those memberships; naming any other
/// organisation is a 404, so a caller learns nothing about organisations it does not belong to. Memberships come from
/// <see cref="MembershipCache"/>; the database checks them again in every unit of work of the request.
/// Runs after routing and authentication, before the endpoint.
/// </summary>
public sealed class TenancyMiddleware(RequestDelegate next, ILogger<TenancyMiddleware> logger)
{
    public const string OrganisationHeader = "X-Organisation-Id";

    public async Task InvokeAsync(HttpContext http, TenantContext tenant, MembershipCache memberships)
    {
        var endpoint = http.GetEndpoint();
        // No endpoint, or one of routing's own answers (405 method not allowed, 415 unsupported media type), which
        // are not RouteEndpoints and touch no data: let them answer.
        if (endpoint is not RouteEndpoint)
        {
            await next(http);
            return;
        }
        var rule = endpoint.Metadata.GetMetadata<AccessRule>();
        if (rule is null)
        {
            // Fail closed: an endpoint nobody declared access for is unreachable (and fails the isolation test).
            logger.LogError("Endpoint {Endpoint} has no access declaration; refusing the request.", endpoint.DisplayName);
            await Problems.Write(http, StatusCodes.Status403Forbidden, "access.undeclared", "This endpoint is not available.");
            return;
        }
        if (rule.AllowsAnonymous)
        {
            await next(http);
            return;
        }

        var userId = ReadUserId(http.User);
        if (userId is null)
        {
            await Problems.Write(http, StatusCodes.Status401Unauthorized, "auth.required", "Sign in to use this endpoint.");
            return;
        }
        tenant.SetUser(userId.Value);

        if (rule.RequiresTenant)
        {
            Guid? selected = null;
            if (http.Request.Headers.TryGetValue(OrganisationHeader, out var header))
            {
                if (!Guid.TryParse(header.ToString(), out var parsed))
                {
                    await Problems.Write(http, StatusCodes.Status400BadRequest, "organisation.header", $"{OrganisationHeader} must be an organisation id.");
                    return;
                }
                selected = parsed;
            }

            var membership = await memberships.FindAsync(userId.Value, selected, fresh: false, http.RequestAborted);
            // A refusal is never made on a remembered role alone: the role may have been raised since.
            if (membership is not null && !rule.Permits(membership.Kind, membership.Role))
                membership = await memberships.FindAsync(userId.Value, selected, fresh: true, http.RequestAborted);
            if (membership is null)
            {
                // Either no membership at all or the header named an organisation the user is not in: never say which.
                await Problems.Write(http, StatusCodes.Status404NotFound, "organisation.notFound", "No such organisation.");
                return;
            }
            if (!rule.Permits(membership.Kind, membership.Role))
            {
                await Problems.Write(http, StatusCodes.Status403Forbidden, "access.denied",
                    $"This endpoint is for {rule}; you act for a {membership.Kind} organisation as {membership.Role}.");
                return;
            }
            tenant.SetMember(membership.TenantId, membership.Kind, membership.Role,
                Array.FindAll(AllRoles, role => rule.Permits(membership.Kind, role)));
        }

        await next(http);
    }

    private static readonly MembershipRole[] AllRoles = Enum.GetValues<MembershipRole>();

    private static Guid? ReadUserId(ClaimsPrincipal user)
        => user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
