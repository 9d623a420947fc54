using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Warehouse.Web.Localization;

/// <summary>Simplified Chinese by default; English one click away, remembered in the culture cookie.</summary>
public static class SupportedCultures
{
    public const string Chinese = "zh-Hans";
    public const string English = "en";
    public static readonly string[] All = [Chinese, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static IServiceCollection AddWarehouseLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Chinese)
                .AddSupportedCultures(All)
                .AddSupportedUICultures(All);
            options.ApplyCurrentCultureToResponseHeaders = true;
            // Only the user's own choice switches the language, not the browser's Accept-Language.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary><c>GET /culture/{culture}?returnUrl=…</c>: remembers the choice and goes back.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{culture}", (HttpContext http, string culture, string? returnUrl) =>
        {
            if (All.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions
                    {
                        Expires = DateTimeOffset.UtcNow.AddYears(1),
                        IsEssential = true,
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                    });
            }
            return Results.LocalRedirect(Auth.LocalUrl.OrDefault(returnUrl, "/"));
        });
    }
}
