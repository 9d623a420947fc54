using Microsoft.Extensions.Localization;
using Warehouse.Web.Contracts;
using Warehouse.Web.Localization;
using Warehouse.Web.Resources;

namespace Warehouse.Web.Components.Ops;

/// <summary>How the bureau's certification pages name things: statuses, outcomes and the like keyed on the API's spelling.</summary>
public static class CertFormat
{
    /// <summary>The text of <paramref name="prefix"/>.<paramref name="value"/>, or the value itself when there is none (a value added to the API later).</summary>
    public static string Text(IStringLocalizer<BureauText> b, string prefix, string? value)
    {
        if (string.IsNullOrEmpty(value)) return "—";
        var text = b[$"{prefix}.{value}"];
        return text.ResourceNotFound ? value : text.Value;
    }

    public static string Cny(decimal amount) => amount.ToString("C2", System.Globalization.CultureInfo.CurrentCulture.Name.StartsWith("zh")
        ? System.Globalization.CultureInfo.GetCultureInfo("zh-CN")
        : CnyEnglish);

    /// <summary>English amounts in CNY: "CN¥1,234.50".</summary>
    private static readonly System.Globalization.CultureInfo CnyEnglish = CreateEnglishCny();

    private static System.Globalization.CultureInfo CreateEnglishCny()
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.GetCultureInfo("en").Clone();
        culture.NumberFormat.CurrencySymbol = "CN¥";
        return culture;
    }

    public static string Percent(decimal fraction) => (fraction * 100).ToString("0.##", System.Globalization.CultureInfo.CurrentCulture) + " %";

    public static string Programme(CertProgrammeRef p) => $"{p.Year} · {Display.Name(p.NameZh, p.NameEn)}";

    public static string Operator(CertOperatorRef? o) => o is null ? "—" : Display.Name(o.LegalNameZh, o.LegalNameEn);

    public static string Warehouse(CertWarehouseRef w) => Display.Name(w.NameZh, w.NameEn);
}
