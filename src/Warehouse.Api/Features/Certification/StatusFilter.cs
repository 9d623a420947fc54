using Microsoft.AspNetCore.Http.HttpResults;
using Warehouse.Domain.Certification;

namespace Warehouse.Api.Features.Certification;

/// <summary>
/// <c>?status=</c> on the application lists, in the API's camelCase (<c>submitted</c>, <c>moreInfoRequested</c>) or any
/// letter case. Minimal APIs bind an enum by its exact C# name only, which answered 400 without naming the field.
/// </summary>
public static class StatusFilter
{
    public static bool TryParse(string? value, out ApplicationStatus? status, out ValidationProblem problem)
    {
        status = null;
        problem = null!;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!int.TryParse(value, out _) && Enum.TryParse<ApplicationStatus>(value.Trim(), ignoreCase: true, out var parsed))
        {
            status = parsed;
            return true;
        }
        var names = string.Join(", ", Enum.GetNames<ApplicationStatus>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        problem = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"Unknown status '{value}'; one of {names}."] });
        return false;
    }
}
