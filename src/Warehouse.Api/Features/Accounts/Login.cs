using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Auth;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Accounts;

/// <summary>
/// Exchanges email and password for a bearer token. Wrong credentials and unknown emails answer the same 401;
/// repeated failures lock the account for a while (Identity lockout), and the endpoint is rate limited per client.
/// </summary>
public static class Login
{
    public sealed record Request(string? Email, string? Password);
    public sealed record UserView(Guid Id, string Email, string DisplayName);
    public sealed record MembershipView(Guid OrganisationId, OrganisationKind OrganisationKind, string LegalNameZh, string? LegalNameEn, MembershipRole Role);
    public sealed record Response(string AccessToken, DateTimeOffset ExpiresAt, UserView User, IReadOnlyList<MembershipView> Memberships);

    public static async Task<Results<Ok<Response>, UnauthorizedHttpResult, ProblemHttpResult>> Handle(
        Request request, WarehouseDb db, UserManager<PlatformUser> users, TokenIssuer tokens, TimeProvider clock, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 254 ? null : await users.FindByEmailAsync(request.Email.Trim());
        if (user is null || string.IsNullOrEmpty(request.Password))
        {
            // Spend the time a real check would, so response times do not reveal which emails exist.
            users.PasswordHasher.VerifyHashedPassword(new PlatformUser(), DummyHash, request.Password ?? "");
            return BadCredentials();
        }
        if (await users.IsLockedOutAsync(user))
            return TypedResults.Problem(Problems.Create(StatusCodes.Status401Unauthorized, "account.locked",
                "Too many failed sign-ins: this account is locked for a while. Try again later."));
        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await CountFailureAsync(db, user, users.Options.Lockout, clock, ct);
            return BadCredentials();
        }
        await users.ResetAccessFailedCountAsync(user);

        db.Tenant.SetUser(user.Id);
        var (token, expires) = tokens.Issue(user);
        return TypedResults.Ok(new Response(token, expires, ToView(user), await MembershipsAsync(db, ct)));
    }

    internal static UserView ToView(PlatformUser user) => new(user.Id, user.Email!, user.DisplayName);

    /// <summary>The current user's memberships across organisations, oldest first.</summary>
    internal static async Task<IReadOnlyList<MembershipView>> MembershipsAsync(WarehouseDb db, CancellationToken ct)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // A user's own memberships span tenants: read them by user id (the row policy "own memberships" allows exactly that).
        var memberships = await (
            from m in db.Memberships.IgnoreQueryFilters()
            join o in db.Organisations on m.TenantId equals o.Id
            where m.UserId == db.CurrentUserId
            orderby m.JoinedAt, m.TenantId
            select new MembershipView(o.Id, o.Kind, o.LegalNameZh, o.LegalNameEn, m.Role)).ToListAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return memberships;
    }

    /// <summary>
    /// Counts a failed sign-in in one statement. Identity's AccessFailedAsync reads, increments and writes back under a
    /// concurrency stamp, so parallel guesses lose most of their increments and never reach the lockout.
    /// </summary>
    private static async Task CountFailureAsync(WarehouseDb db, PlatformUser user, LockoutOptions lockout, TimeProvider clock, CancellationToken ct)
    {
        var lockedUntil = clock.GetUtcNow() + lockout.DefaultLockoutTimeSpan;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE users SET
                lockout_end = CASE WHEN access_failed_count + 1 >= {lockout.MaxFailedAccessAttempts} THEN {lockedUntil} ELSE lockout_end END,
                access_failed_count = CASE WHEN access_failed_count + 1 >= {lockout.MaxFailedAccessAttempts} THEN 0 ELSE access_failed_count + 1 END,
                concurrency_stamp = {Guid.NewGuid().ToString()}
            WHERE id = {user.Id} AND lockout_enabled
            """, ct);
    }

    private static ProblemHttpResult BadCredentials()
        => TypedResults.Problem(Problems.Create(StatusCodes.Status401Unauthorized, "auth.invalidCredentials", "The email or password is wrong."));

    private static readonly string DummyHash = new PasswordHasher<PlatformUser>().HashPassword(new PlatformUser(), Guid.NewGuid().ToString());
}

/// <summary>The signed-in user and their memberships: what the web needs to offer an organisation switcher.</summary>
public static class Me
{
    public sealed record Response(Login.UserView User, IReadOnlyList<Login.MembershipView> Memberships);

    public static async Task<Results<Ok<Response>, NotFound>> Handle(WarehouseDb db, UserManager<PlatformUser> users, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(db.CurrentUserId.ToString()!);
        if (user is null) return TypedResults.NotFound();
        return TypedResults.Ok(new Response(Login.ToView(user), await Login.MembershipsAsync(db, ct)));
    }
}
