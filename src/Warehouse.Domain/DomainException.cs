namespace Warehouse.Domain;

/// <summary>
/// A rule of the domain was broken by the values given. <see cref="Code"/> is stable and machine-readable
/// (for example <c>creditCode.checkCharacter</c>); <see cref="Field"/> names the input that caused it, when one did.
/// </summary>
public sealed class DomainException(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;
    public string? Field { get; } = field;
}
