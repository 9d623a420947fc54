using System.Globalization;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.Localization;

/// <summary>Dates in Suzhou's time zone and names in the reader's language, formatted per culture.</summary>
public static class Display
{
    private static readonly TimeZoneInfo Suzhou = FindSuzhouTimeZone();

    public static string Date(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Suzhou).ToString("d", CultureInfo.CurrentCulture);

    public static string DateTime(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Suzhou).ToString("g", CultureInfo.CurrentCulture);

    public static string Name(string nameZh, string? nameEn) =>
        SupportedCultures.IsEnglish && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : nameZh;

    public static string LegalName(Membership membership) => Name(membership.LegalNameZh, membership.LegalNameEn);

    public static string District(District district) => Name(district.NameZh, district.NameEn);

    private static TimeZoneInfo FindSuzhouTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // China has kept UTC+8 without daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "UTC+08", "UTC+08");
        }
    }
}
