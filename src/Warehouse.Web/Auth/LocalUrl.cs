namespace Warehouse.Web.Auth;

/// <summary>Redirect targets taken from a request must stay on this site (no open redirects).</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("://", StringComparison.Ordinal)
        && !url.Any(char.IsControl);

    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
