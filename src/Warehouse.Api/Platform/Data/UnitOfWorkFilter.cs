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
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<OwnsTransaction>() is not null)
            return await next(context);
        var ct = context.HttpContext.RequestAborted;
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
/// sign-in counts towards lockout) or that takes its tenant during the request (registration, accepting an invitation).
/// </summary>
public sealed class OwnsTransaction
{
    public static readonly OwnsTransaction Instance = new();
}
