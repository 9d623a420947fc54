using System.Security.Claims;
using Npgsql;
using NpgsqlTypes;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Platform.Tenancy;

/// <summary>
/// Lock 1 of tenancy: resolves the one tenant of a request from the signed-in user's memberships, the only
/// authoritative source. The <c>X-Organisation-Id</c> header may select among those memberships; naming any other
/// organisation is a 404, so a caller learns nothing about organisations it does not belong to.
/// Runs after routing and authentication, before the endpoint.
/// </summary>
public sealed class TenancyMiddleware(RequestDelegate next, ILogger<TenancyMiddleware> logger)
{
    public const string OrganisationHeader = "X-Organisation-Id";

    public async Task InvokeAsync(HttpContext http, TenantContext tenant, NpgsqlDataSource database)
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

            var membership = await FindMembershipAsync(database, userId.Value, selected, http.RequestAborted);
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
            tenant.SetTenant(membership.TenantId, membership.Kind, membership.Role);
        }

        await next(http);
    }

    private static Guid? ReadUserId(ClaimsPrincipal user)
        => user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private sealed record ResolvedMembership(Guid TenantId, OrganisationKind Kind, MembershipRole Role);

    /// <summary>
    /// Reads the user's own memberships (visible through the "own memberships" row policy, as no tenant is set yet) in
    /// one round trip: a batch of two statements, the user id set transaction-locally and the lookup. With no explicit
    /// transaction, PostgreSQL runs the statements of one batch (up to its Sync) as one implicit transaction, so the
    /// setting is seen by the lookup and dies with it, as it would in BEGIN … COMMIT (three round trips, which were a
    /// quarter of the Api's CPU per booking in the benchmark's profile). A pooled connection of the Api's one data
    /// source, not the request's DbContext: a context costs its internal services' set-up on first use, and many
    /// requests (a booking with its terms known) need none afterwards.
    /// </summary>
    private static async Task<ResolvedMembership?> FindMembershipAsync(NpgsqlDataSource database, Guid userId, Guid? selected, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('app.user_id', $1, true)") { Parameters = { new() { Value = userId.ToString() } } },
                new NpgsqlBatchCommand("""
                    SELECT m.tenant_id, o.kind, m.role
                    FROM organisation_members m JOIN organisations o ON o.id = m.tenant_id
                    WHERE m.user_id = $1 AND ($2::uuid IS NULL OR m.tenant_id = $2)
                    ORDER BY m.joined_at, m.tenant_id
                    LIMIT 1
                    """)
                {
                    Parameters =
                    {
                        new() { Value = userId, NpgsqlDbType = NpgsqlDbType.Uuid },
                        new() { Value = selected is { } s ? s : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the set_config row
        if (!await reader.ReadAsync(ct)) return null;
        return new ResolvedMembership(reader.GetGuid(0), Enum.Parse<OrganisationKind>(reader.GetString(1)), Enum.Parse<MembershipRole>(reader.GetString(2)));
    }
}
