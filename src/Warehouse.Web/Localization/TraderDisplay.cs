using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Warehouse.Web.Contracts;
using Warehouse.Web.Resources;

namespace Warehouse.Web.Localization;

/// <summary>
/// How the trader pages show the API's values: enum-like codes through <see cref="TraderText"/> (falling back to the
/// code itself for a value added to the API later), money, areas and dates per the reader's culture.
/// </summary>
public static class TraderDisplay
{
    /// <summary><c>Enum.{group}.{value}</c> from the resources, or the value as the API sent it.</summary>
    public static string Enum(IStringLocalizer<TraderText> text, string group, string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var found = text[$"Enum.{group}.{value}"];
        return found.ResourceNotFound ? value : found.Value;
    }

    public static string Money(decimal amount, string currency) =>
        $"{amount.ToString("N2", CultureInfo.CurrentCulture)} {currency}";

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.CurrentCulture);

    public static string Km(double value) => value.ToString("#,0.#", CultureInfo.CurrentCulture);

    public static string Date(DateOnly value) => value.ToString("d", CultureInfo.CurrentCulture);

    public static string WarehouseName(WarehouseListing w) => Display.Name(w.NameZh, w.NameEn);

    public static string OperatorName(OperatorView o) => Display.Name(o.LegalNameZh, o.LegalNameEn);

    public static string CountryName(IReadOnlyDictionary<string, Country> countries, string code) =>
        countries.TryGetValue(code, out var c) ? Display.Name(c.NameZh, c.NameEn) : code;

    public static string HubName(string nameZh, string nameEn) => Display.Name(nameZh, nameEn);

    /// <summary>JSON for a <c>data-map</c> attribute: the shared map helpers draw it (wwwroot/js/maps.js).</summary>
    public static string MapSpec(object spec) => JsonSerializer.Serialize(spec, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static string Stars(double average) => average.ToString("0.0", CultureInfo.CurrentCulture);
}

/// <summary>
/// What to tell a trader when the API refuses: the reader-language text of the API's <c>code</c> when the resources
/// have one (<c>Problem.{code}</c>), else the API's own words (validation messages, then detail), else a generic line.
/// </summary>
public static class TraderProblems
{
    public static string Text(IStringLocalizer<TraderText> text, IStringLocalizer<SharedResource> shared, Warehouse.Web.ApiClients.ApiProblem? problem)
    {
        if (problem is null) return shared["Common.RequestFailed"];
        if (problem.Code is { Length: > 0 } code && text[$"Problem.{code}"] is { ResourceNotFound: false } known)
        {
            // The API's detail carries the specifics (dates, minimums) the localised sentence leaves out.
            return string.IsNullOrWhiteSpace(problem.Detail) ? known.Value : $"{known.Value} ({problem.Detail})";
        }
        if (problem.Errors.Count > 0) return string.Join(" ", problem.Errors.SelectMany(e => e.Value));
        if (!string.IsNullOrWhiteSpace(problem.Detail)) return problem.Detail;
        return shared["Common.RequestFailed"];
    }
}
