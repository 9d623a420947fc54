using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Polly;
using Refit;

namespace Warehouse.Web.ApiClients;

/// <summary>
/// An API problem answer (RFC 7807): <see cref="Errors"/> holds validation messages keyed by the
/// API's camelCase field names; <see cref="Code"/> is the API's machine-readable reason, if any.
/// </summary>
public sealed record ApiProblem(int Status, string? Title, string? Detail, string? Code, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>The answer of one API call: a value, a problem the user can act on, or "unavailable".</summary>
public sealed class ApiResult<T>
{
    private ApiResult(T? value, ApiProblem? problem, bool isUnavailable) =>
        (Value, Problem, IsUnavailable) = (value, problem, isUnavailable);

    public T? Value { get; }
    public ApiProblem? Problem { get; }

    /// <summary>The API could not be reached, timed out or failed (5xx): nothing the user did wrong.</summary>
    public bool IsUnavailable { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => !IsUnavailable && Problem is null;

    public int? Status => Problem?.Status;

    internal static ApiResult<T> Ok(T value) => new(value, null, false);
    internal static ApiResult<T> Failed(ApiProblem problem) => new(default, problem, false);
    internal static ApiResult<T> Unavailable() => new(default, null, true);
}

/// <summary>Stands for the empty answer of a call that returns no body.</summary>
public readonly record struct NoContent;

/// <summary>
/// Runs API calls so that no failure of the API reaches the user as an exception: pages branch on
/// the <see cref="ApiResult{T}"/> instead.
/// </summary>
public sealed class ApiCalls(ILogger<ApiCalls> logger)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public async Task<ApiResult<T>> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return ApiResult<T>.Ok(await call());
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            logger.LogWarning(ex, "The API is unavailable");
            return ApiResult<T>.Unavailable();
        }
        catch (ApiException ex)
        {
            return ApiResult<T>.Failed(ReadProblem(ex));
        }
    }

    public Task<ApiResult<NoContent>> RunAsync(Func<Task> call) =>
        RunAsync(async () =>
        {
            await call();
            return new NoContent();
        });

    private static bool IsUnavailable(Exception ex) => ex switch
    {
        // 5xx, or a success answer the client could not read: the API's fault, not the user's.
        ApiException api => (int)api.StatusCode >= 500 || (int)api.StatusCode < 400,
        // Refit's wrapper for a request that got no answer (connection refused, reset, timed out).
        ApiRequestException => true,
        HttpRequestException => true,
        // Timeouts and an open circuit from the resilience pipeline.
        ExecutionRejectedException => true,
        OperationCanceledException => true,
        _ => false,
    };

    private static ApiProblem ReadProblem(ApiException ex)
    {
        var status = (int)ex.StatusCode;
        if (string.IsNullOrWhiteSpace(ex.Content))
        {
            return new ApiProblem(status, null, null, null, NoErrors);
        }
        try
        {
            using var document = JsonDocument.Parse(ex.Content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ApiProblem(status, null, null, null, NoErrors);
            }
            return new ApiProblem(status, Text(root, "title"), Text(root, "detail"), Text(root, "code"), Errors(root));
        }
        catch (JsonException)
        {
            return new ApiProblem(status, null, null, null, NoErrors);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyDictionary<string, string[]> Errors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return NoErrors;
        }
        var result = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in errors.EnumerateObject())
        {
            result[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.Array => field.Value.EnumerateArray()
                    .Where(m => m.ValueKind == JsonValueKind.String)
                    .Select(m => m.GetString()!)
                    .ToArray(),
                JsonValueKind.String => [field.Value.GetString()!],
                _ => [],
            };
        }
        return result;
    }
}
