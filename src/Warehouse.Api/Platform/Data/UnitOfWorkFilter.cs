using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// Runs an endpoint inside one database transaction: the tenant is set as its first statement (see
/// <see cref="TenantTransactionInterceptor"/>) and it commits only when the endpoint answered with a success, so a
/// rejected request leaves nothing half written.
/// </summary>
public sealed class UnitOfWorkFilter(WarehouseDb db) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ct = context.HttpContext.RequestAborted;
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<OwnsTransaction>() is { } owns)
        {
            // Its own units of work may all be deliberate scopes (the operators' of a city snapshot) that do not check the
            // request's membership: a remembered one is checked first, in a unit of work of its own (lock 1).
            if (!owns.ChecksMembership && db.Tenant.FromMembership)
            {
                await using var check = await db.Database.BeginTransactionAsync(ct);
                await check.CommitAsync(ct);
            }
            return await next(context);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await next(context);
        if (IsSuccess(result)) await tx.CommitAsync(ct);
        return result;
    }

    private static bool IsSuccess(object? result) => result switch
    {
        INestedHttpResult nested => IsSuccess(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code < 400,
        IStatusCodeHttpResult => true,
        _ => true,
    };
}

/// <summary>
/// Marks an endpoint that manages its own transactions: one that must commit although it answers an error (a failed
/// sign-in counts towards lockout), that takes its tenant during the request (registration, accepting an invitation),
/// or that reads in batches that are transactions of their own (search).
/// </summary>
public sealed class OwnsTransaction
{
    public static readonly OwnsTransaction Instance = new(checksMembership: false);

    /// <summary>
    /// An endpoint whose every answer that reads or writes tenant data comes from a unit of work of the request's
    /// membership or from one that checks it itself (a booking: the idempotency claim, the terms' read, the booking
    /// batch's <c>set_acting_member</c>; a search: each batch's <c>set_member_scope</c>), so it needs no separate check of a
    /// remembered membership first.
    /// </summary>
    public static readonly OwnsTransaction ChecksMembershipItself = new(checksMembership: true);

    private OwnsTransaction(bool checksMembership) => ChecksMembership = checksMembership;

    public bool ChecksMembership { get; }
}
