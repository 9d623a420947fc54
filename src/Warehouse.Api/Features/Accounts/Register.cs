using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Accounts;

/// <summary>Self-registration of an operator or trader organisation together with its first admin, all or nothing.</summary>
public static class Register
{
    public enum RegistrableKind { Operator, Trader }

    public sealed record Request(
        RegistrableKind? Kind, string? LegalNameZh, string? LegalNameEn, string? CreditCode, string? DistrictCode,
        string? ContactName, string? ContactPhone, string? ContactEmail,
        string? AdminDisplayName, string? AdminEmail, string? AdminPassword);

    public sealed record Response(Guid OrganisationId, Guid UserId);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, WarehouseDb db, UserManager<PlatformUser> users, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.Kind is null) errors.Add("kind", "Choose operator or trader.");
        var kind = request.Kind == RegistrableKind.Trader ? OrganisationKind.Trader : OrganisationKind.Operator;
        errors.Capture(() => DomainText.Required(request.LegalNameZh, "legalNameZh", Organisation.MaxNameLength), "legalNameZh");
        errors.Capture(() => DomainText.Optional(request.LegalNameEn, "legalNameEn", Organisation.MaxNameLength), "legalNameEn");
        var code = errors.Capture(() => (UnifiedSocialCreditCode?)UnifiedSocialCreditCode.Parse(request.CreditCode), "creditCode");
        var contact = errors.Capture(() => new Contact(request.ContactName, request.ContactPhone, request.ContactEmail), "contactEmail");
        var adminEmail = errors.Capture(() => EmailAddress.Normalise(request.AdminEmail, "adminEmail"), "adminEmail");
        var displayName = errors.Capture(() => DomainText.Required(request.AdminDisplayName, "adminDisplayName", 100), "adminDisplayName");
        var district = request.DistrictCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(district))
        {
            if (kind == OrganisationKind.Operator) errors.Add("districtCode", "An operator must name the Suzhou district it is registered in.");
        }
        else if (district.Length > 10 || !await db.Districts.AnyAsync(d => d.Code == district, ct))
        {
            errors.Add("districtCode", $"'{request.DistrictCode}' is not a Suzhou district code (see GET /api/reference/districts).");
        }
        await CheckPasswordAsync(users, request.AdminPassword, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var organisation = Organisation.Register(kind, request.LegalNameZh!, request.LegalNameEn, code, district, contact!, clock.GetUtcNow());
        if (await db.Organisations.AnyAsync(o => o.CreditCode == organisation.CreditCode, ct))
            return Conflict("organisation.duplicateCreditCode", "An organisation with this unified social credit code is already registered.");
        if (await users.FindByEmailAsync(adminEmail!) is not null)
            return Conflict("user.duplicateEmail", "This email address already has an account; sign in and ask to be invited instead.");

        var user = await CreateAdminAsync(db, users, organisation, adminEmail!, displayName!, request.AdminPassword!, MembershipRole.Admin, clock, ct);
        return TypedResults.Created($"/api/organisation", new Response(organisation.Id, user.Id));
    }

    /// <summary>
    /// Writes an organisation, its first user and the membership in one transaction. The membership is the new
    /// tenant's first row, so this unit of work takes that tenant explicitly before the transaction starts.
    /// </summary>
    internal static async Task<PlatformUser> CreateAdminAsync(
        WarehouseDb db, UserManager<PlatformUser> users, Organisation organisation, string email, string displayName,
        string password, MembershipRole role, TimeProvider clock, CancellationToken ct)
    {
        db.Tenant.SetTenant(organisation.Id, organisation.Kind, role);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        var user = new PlatformUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
            throw new ConflictException("user.duplicateEmail", "This email address already has an account.");
        if (!created.Succeeded)
            throw new DomainException("user.invalid", string.Join(" ", created.Errors.Select(e => e.Description)), "adminPassword");
        db.Memberships.Add(Membership.Create(organisation, user.Id, role, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    internal static async Task CheckPasswordAsync(UserManager<PlatformUser> users, string? password, FieldErrors errors, string field = "adminPassword")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "A password is required.");
            return;
        }
        if (password.Length > 128)
        {
            errors.Add(field, "A password has at most 128 characters.");
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, null!, password);
            foreach (var error in result.Errors) errors.Add(field, error.Description);
        }
    }

    private static ProblemHttpResult Conflict(string code, string detail)
        => TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, code, detail));
}
