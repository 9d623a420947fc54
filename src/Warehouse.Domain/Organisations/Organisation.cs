using System.Net.Mail;

namespace Warehouse.Domain.Organisations;

/// <summary>
/// A registered company or the bureau. Its <see cref="Id"/> is the tenant identifier of everything it owns.
/// Invariants: operators have a Suzhou district; operators and traders have a valid unified social credit code;
/// names and contacts are present and bounded.
/// </summary>
public sealed class Organisation
{
    public const int MaxNameLength = 200;

    public Guid Id { get; private set; }
    public OrganisationKind Kind { get; private set; }
    public string LegalNameZh { get; private set; } = "";
    public string? LegalNameEn { get; private set; }
    /// <summary>The GB 32100 code; null only for the bureau when none is configured.</summary>
    public string? CreditCode { get; private set; }
    /// <summary>Code of the Suzhou district (板块) the company is registered in; required for operators.</summary>
    public string? DistrictCode { get; private set; }
    public Contact Contact { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }

    private Organisation() { }

    public static Organisation Register(
        OrganisationKind kind, string legalNameZh, string? legalNameEn, UnifiedSocialCreditCode? creditCode,
        string? districtCode, Contact contact, DateTimeOffset now)
    {
        if (kind != OrganisationKind.Bureau && creditCode is null)
            throw new DomainException("creditCode.required", "A unified social credit code is required.", "creditCode");
        if (kind == OrganisationKind.Operator && string.IsNullOrWhiteSpace(districtCode))
            throw new DomainException("district.required", "An operator must name the Suzhou district it is registered in.", "districtCode");

        return new Organisation
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            LegalNameZh = DomainText.Required(legalNameZh, "legalNameZh", MaxNameLength),
            LegalNameEn = DomainText.Optional(legalNameEn, "legalNameEn", MaxNameLength),
            CreditCode = creditCode?.Value,
            DistrictCode = string.IsNullOrWhiteSpace(districtCode) ? null : districtCode.Trim().ToUpperInvariant(),
            Contact = contact,
            CreatedAt = now,
        };
    }
}

/// <summary>The person to contact at an organisation. Email is a syntactically valid address; phone is digits with separators.</summary>
public sealed record Contact
{
    public string Name { get; }
    public string Phone { get; }
    public string Email { get; }

    public Contact(string? name, string? phone, string? email)
    {
        Name = DomainText.Required(name, "contactName", 100);
        Phone = DomainText.Required(phone, "contactPhone", 30);
        if (Phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')')) || Phone.Count(char.IsAsciiDigit) < 5)
            throw new DomainException("contactPhone.invalid", "A phone number has at least 5 digits and only + - ( ) and spaces besides.", "contactPhone");
        Email = EmailAddress.Normalise(email, "contactEmail");
    }
}

public static class EmailAddress
{
    /// <summary>Trims and lower-cases an address and checks its shape; throws a <see cref="DomainException"/> naming <paramref name="field"/>.</summary>
    public static string Normalise(string? email, string field)
    {
        var text = DomainText.Required(email, field, 254).ToLowerInvariant();
        if (!MailAddress.TryCreate(text, out var parsed) || parsed.Address != text || !text.Contains('.', StringComparison.Ordinal))
            throw new DomainException($"{field}.invalid", "This is not a valid email address.", field);
        return text;
    }
}
