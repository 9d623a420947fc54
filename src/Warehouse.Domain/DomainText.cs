namespace Warehouse.Domain;

/// <summary>Checks for free text fields: trimmed, present when required, bounded in length.</summary>
public static class DomainText
{
    public static string Required(string? value, string field, int maxLength)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) throw new DomainException($"{field}.required", "This field is required.", field);
        if (text.Length > maxLength) throw new DomainException($"{field}.tooLong", $"At most {maxLength} characters.", field);
        return text;
    }

    public static string? Optional(string? value, string field, int maxLength)
        => string.IsNullOrWhiteSpace(value) ? null : Required(value, field, maxLength);
}
