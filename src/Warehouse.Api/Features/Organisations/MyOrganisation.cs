using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Organisations;

/// <summary>The organisation the caller acts for, and its members.</summary>
public static class MyOrganisation
{
    public sealed record Response(
        Guid Id, OrganisationKind Kind, string LegalNameZh, string? LegalNameEn, string? CreditCode, string? DistrictCode,
        string ContactName, string ContactPhone, string ContactEmail, DateTimeOffset CreatedAt);

    public sealed record MemberView(Guid UserId, string Email, string DisplayName, MembershipRole Role, DateTimeOffset JoinedAt);

    public static async Task<Results<Ok<Response>, NotFound>> Get(WarehouseDb db, CancellationToken ct)
    {
        var o = await db.Organisations.SingleOrDefaultAsync(o => o.Id == db.CurrentTenantId, ct);
        return o is null ? TypedResults.NotFound() : TypedResults.Ok(new Response(
            o.Id, o.Kind, o.LegalNameZh, o.LegalNameEn, o.CreditCode, o.DistrictCode,
            o.Contact.Name, o.Contact.Phone, o.Contact.Email, o.CreatedAt));
    }

    public static async Task<Ok<List<MemberView>>> Members(WarehouseDb db, CancellationToken ct)
        => TypedResults.Ok(await (
            from m in db.Memberships
            join u in db.Users on m.UserId equals u.Id
            orderby m.JoinedAt, u.Email
            select new MemberView(u.Id, u.Email!, u.DisplayName, m.Role, m.JoinedAt)).ToListAsync(ct));
}
