using Microsoft.Extensions.Localization;
using Warehouse.Web.ApiClients;
using Warehouse.Web.Components.Forms;

namespace Warehouse.Web.Components.Ops;

/// <summary>Turns an API problem into what the reader sees: field errors beside their fields, and one page message.</summary>
public static class OpsProblems
{
    /// <summary>
    /// Places the problem's field errors on <paramref name="errors"/>' form (texts of our own, <c>ApiError.{field}</c>,
    /// where the resources have one) and returns the page message: our text for the problem's code
    /// (<c>Problem.{code}</c>) if there is one, else the errors no field could take, else a general text.
    /// </summary>
    public static string Describe(ApiProblem problem, FormErrors? errors, IStringLocalizer texts, IStringLocalizer shared)
    {
        var unplaced = errors is null
            ? problem.Errors.SelectMany(e => texts[$"ApiError.{FieldName(e.Key)}"] is { ResourceNotFound: false } own ? [own.Value] : e.Value).ToList()
            : errors.AddApiErrors(problem, texts).ToList();
        if (problem.Code is { Length: > 0 } code && texts[$"Problem.{code}"] is { ResourceNotFound: false } known)
        {
            return known.Value;
        }
        if (unplaced.Count > 0)
        {
            return string.Join(" ", unplaced.Distinct());
        }
        return problem.Status switch
        {
            400 or 422 => shared["Validation.FixFields"],
            409 => texts["Problem.Conflict"],
            _ => shared["Common.RequestFailed"],
        };
    }

    private static string FieldName(string apiKey)
    {
        var name = apiKey[(apiKey.LastIndexOf('.') + 1)..];
        var bracket = name.IndexOf('[');
        if (bracket >= 0) name = name[..bracket];
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
