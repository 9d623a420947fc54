using Microsoft.AspNetCore.Mvc;

namespace Warehouse.Api.Platform.Errors;

/// <summary>Builds the ProblemDetails bodies of the platform: a stable <c>code</c> extension beside the human detail.</summary>
public static class Problems
{
    public static ProblemDetails Create(int status, string code, string detail) => new()
    {
        Status = status,
        Title = ReasonPhrase(status),
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    public static async Task Write(HttpContext http, int status, string code, string detail)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Create(status, code, detail) });
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

/// <summary>Collects field errors in the shape of a 400 ValidationProblem (<c>errors: { field: [messages] }</c>).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>Runs <paramref name="action"/> and records a <see cref="Domain.DomainException"/> it throws against its field.</summary>
    public T? Capture<T>(Func<T> action, string fallbackField)
    {
        try
        {
            return action();
        }
        catch (Domain.DomainException e)
        {
            Add(e.Field ?? fallbackField, e.Message);
            return default;
        }
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>The request clashes with data that already exists (a duplicate, a state that forbids it): 409.</summary>
public sealed class ConflictException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
