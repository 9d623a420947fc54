namespace Warehouse.Domain.Organisations;

/// <summary>
/// The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that identifies a Chinese organisation.
/// Invariant: 18 characters from the 31-character alphabet <c>0-9 A-H J-N P-R T-U W-Y</c>, upper case, and the last
/// character is the check character computed from the first 17 with weights 3^i mod 31.
/// </summary>
public readonly record struct UnifiedSocialCreditCode
{
    /// <summary>The alphabet of GB 32100: digits and upper-case letters without I, O, S, V, Z.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public string Value { get; }

    private UnifiedSocialCreditCode(string value) => Value = value;

    /// <summary>Parses a code, accepting lower case and surrounding spaces; throws <see cref="DomainException"/> naming what is wrong.</summary>
    public static UnifiedSocialCreditCode Parse(string? text, string field = "creditCode")
    {
        if (TryParse(text, out var code, out var error)) return code;
        throw new DomainException(error.Code, error.Message, field);
    }

    public static bool TryParse(string? text, out UnifiedSocialCreditCode code, out (string Code, string Message) error)
    {
        code = default;
        var candidate = (text ?? "").Trim().ToUpperInvariant();
        if (candidate.Length != 18)
        {
            error = ("creditCode.length", "A unified social credit code has exactly 18 characters.");
            return false;
        }
        foreach (var c in candidate)
        {
            if (Alphabet.IndexOf(c) < 0)
            {
                error = ("creditCode.character", $"'{c}' is not allowed in a unified social credit code (I, O, S, V and Z are never used).");
                return false;
            }
        }
        var expected = CheckCharacter(candidate.AsSpan(0, 17));
        if (candidate[17] != expected)
        {
            error = ("creditCode.checkCharacter", "The last character of the unified social credit code does not match its check character.");
            return false;
        }
        code = new UnifiedSocialCreditCode(candidate);
        error = default;
        return true;
    }

    /// <summary>Completes 17 characters with their check character; used to make valid codes for demo data and tests.</summary>
    public static UnifiedSocialCreditCode Complete(string first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Exactly 17 characters are needed.", nameof(first17));
        return Parse(first17 + CheckCharacter(first17));
    }

    /// <summary>C18 = alphabet[(31 − Σ value(Ci)·Wi mod 31) mod 31] for i = 1…17, Wi = 3^(i−1) mod 31.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(first17[i]));
            if (value < 0) throw new DomainException("creditCode.character", $"'{first17[i]}' is not allowed in a unified social credit code.");
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    public override string ToString() => Value;
}
