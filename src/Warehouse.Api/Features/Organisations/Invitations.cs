using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.Accounts;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Organisations;

/// <summary>
/// Admins invite people into their organisation. The platform sends no email: the admin receives the one-time
/// token once, in the response, and passes the link on; only its hash is stored.
/// </summary>
public static class Invitations
{
    public sealed record InviteRequest(string? Email, MembershipRole? Role);
    public sealed record InviteResponse(Guid Id, string Email, MembershipRole Role, string Token, DateTimeOffset ExpiresAt);
    public sealed record InvitationView(Guid Id, string Email, MembershipRole Role, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt);
    public sealed record AcceptRequest(string? Token, string? DisplayName, string? Password);
    public sealed record AcceptResponse(Guid UserId, Guid OrganisationId);

    public static async Task<Results<Created<InviteResponse>, ValidationProblem>> Invite(
        InviteRequest request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var organisation = await db.Organisations.SingleAsync(o => o.Id == db.CurrentTenantId, ct);
        var errors = new FieldErrors();
        var email = errors.Capture(() => EmailAddress.Normalise(request.Email, "email"), "email");
        if (request.Role is not { } role) errors.Add("role", "Choose the role of the new member.");
        else if (!role.IsValidFor(organisation.Kind)) errors.Add("role", $"The role {role} does not exist in a {organisation.Kind} organisation.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var (invitation, token) = Invitation.Create(organisation, email!, request.Role!.Value, db.Tenant.RequiredUserId, clock.GetUtcNow());
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/organisation/invitations/{invitation.Id}",
            new InviteResponse(invitation.Id, invitation.Email, invitation.Role, token, invitation.ExpiresAt));
    }

    public static async Task<Ok<List<InvitationView>>> List(WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await db.Invitations
            .Where(i => i.RevokedAt == null && (i.AcceptedAt != null || i.ExpiresAt > now))
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new InvitationView(i.Id, i.Email, i.Role, i.ExpiresAt, i.AcceptedAt))
            .ToListAsync(ct));
    }

    public static async Task<Results<NoContent, NotFound>> Revoke(Guid invitationId, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null) return TypedResults.NotFound();
        invitation.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Anonymous: the token names its organisation, and this unit of work takes that tenant explicitly before reading;
    /// a token of no organisation, a wrong secret or a used invitation all answer the same 404.
    /// </summary>
    public static async Task<Results<Ok<AcceptResponse>, ValidationProblem, NotFound>> Accept(
        AcceptRequest request, WarehouseDb db, UserManager<PlatformUser> users, TimeProvider clock, CancellationToken ct)
    {
        if (!Invitation.TryReadToken(request.Token, out var organisationId, out var secretHash)) return TypedResults.NotFound();
        var errors = new FieldErrors();
        var displayName = errors.Capture(() => DomainText.Required(request.DisplayName, "displayName", 100), "displayName");
        await Register.CheckPasswordAsync(users, request.Password, errors, "password");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null) return TypedResults.NotFound();
        db.Tenant.SetTenant(organisation.Id, organisation.Kind, null);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.SecretHash == secretHash, ct);
        var now = clock.GetUtcNow();
        if (invitation is null || !invitation.IsPending(now)) return TypedResults.NotFound();
        invitation.Accept(now);

        var user = await users.FindByEmailAsync(invitation.Email);
        if (user is null)
        {
            user = new PlatformUser { Id = Guid.CreateVersion7(), UserName = invitation.Email, Email = invitation.Email, DisplayName = displayName!, CreatedAt = now };
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
                throw new DomainException("user.invalid", string.Join(" ", created.Errors.Select(e => e.Description)), "password");
        }
        else if (!await users.CheckPasswordAsync(user, request.Password!))
        {
            // An existing account joins by proving it is theirs; never reset someone's password through an invitation.
            errors.Add("password", "This email already has an account: enter that account's password to join.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct))
            throw new ConflictException("membership.exists", "This account is already a member of the organisation.");
        db.Memberships.Add(Membership.Create(organisation, user.Id, invitation.Role, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new AcceptResponse(user.Id, organisation.Id));
    }
}
