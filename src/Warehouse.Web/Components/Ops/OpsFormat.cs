using System.Globalization;
using System.Text.Json;

namespace Warehouse.Web.Components.Ops;

/// <summary>Numbers, money and dates formatted in the reader's culture; enum values as the API spells them.</summary>
public static class OpsFormat
{
    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.CurrentCulture);

    public static string Number(double value) => value.ToString("#,0.#", CultureInfo.CurrentCulture);

    public static string Money(decimal amount, string currency) =>
        $"{amount.ToString("#,0.00##", CultureInfo.CurrentCulture)} {currency}";

    public static string Date(DateOnly value) => value.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>An input's value in the form's invariant spelling (type=number inputs).</summary>
    public static string Invariant(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>"perPalletWeek": the API's camelCase spelling, used in resource keys and test ids.</summary>
    public static string Api<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The JSON a data-map / data-chart attribute carries.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, ApiClients.ApiJson.Options);
}
