using System.Security.Cryptography;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>Unified social credit codes (GB 32100-2015) for test organisations.</summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>
    /// A valid, practically unique code: a company (9, 1) registered in Suzhou Industrial Park
    /// (320594), nine random digits, and the check character.
    /// </summary>
    public static string NewValid()
    {
        var first17 = "91320594" + string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        return first17 + CheckCharacter(first17);
    }

    /// <summary>The same code with a check character that does not match.</summary>
    public static string WithWrongCheckCharacter(string valid)
    {
        var wrong = Alphabet[(Alphabet.IndexOf(valid[17]) + 1) % Alphabet.Length];
        return valid[..17] + wrong;
    }

    /// <summary>Weights 3^i mod 31; check = (31 − Σ mod 31) mod 31.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            var value = Alphabet.IndexOf(c);
            if (value < 0)
            {
                throw new ArgumentException($"'{c}' is not in the credit-code alphabet.", nameof(first17));
            }
            sum += value * weight;
            weight = weight * 3 % 31;
        }
        return Alphabet[(31 - sum % 31) % 31];
    }
}
