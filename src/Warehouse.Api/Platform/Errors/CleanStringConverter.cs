using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warehouse.Api.Platform.Errors;

/// <summary>
/// Every string the API reads from JSON passes here: NUL characters (which PostgreSQL refuses) and lone UTF-16
/// surrogates (which Npgsql cannot encode) are rejected as bad input naming their field, and text is normalised to
/// NFC so that "é" typed two ways is one value for unique checks and search.
/// </summary>
public sealed class CleanStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected a string, found {reader.TokenType}.");
        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException("The text contains an unpaired UTF-16 surrogate.");
        }
        return TextGuard.Clean(value) ?? throw new JsonException(TextGuard.Problem(value));
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

public static class TextGuard
{
    /// <summary>Returns the NFC form of <paramref name="value"/>, or null when it holds NUL or an unpaired surrogate.</summary>
    public static string? Clean(string value) => Problem(value) is null ? value.Normalize(NormalizationForm.FormC) : null;

    /// <summary>Says what makes <paramref name="value"/> unstorable, or null when nothing does.</summary>
    public static string? Problem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return "The text contains a NUL character.";
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                return "The text contains an unpaired UTF-16 surrogate.";
            }
            if (char.IsLowSurrogate(c)) return "The text contains an unpaired UTF-16 surrogate.";
        }
        return null;
    }
}
