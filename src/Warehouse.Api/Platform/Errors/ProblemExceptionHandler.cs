using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain;

namespace Warehouse.Api.Platform.Errors;

/// <summary>
/// The one place an exception becomes an HTTP answer. Anything a client could have caused answers 4xx with a
/// ProblemDetails naming the problem; only our own faults are 500, and those never carry a stack trace.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, code, detail, field) = Classify(exception);
        // The database refused a remembered membership: read the user's memberships afresh on their next request.
        if (code == MembershipChanged.Code && http.RequestServices.GetRequiredService<TenantContext>().UserId is { } userId)
            http.RequestServices.GetRequiredService<MembershipCache>().Forget(userId);
        if (status == 503) logger.LogWarning(exception, "Overloaded on {Method} {Path}: answered 503", http.Request.Method, http.Request.Path);
        else if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        else logger.LogInformation("Rejected {Method} {Path}: {Code} {Detail}", http.Request.Method, http.Request.Path, code, detail);

        var problem = Problems.Create(status, code, detail);
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        http.Response.StatusCode = status;
        if (status == 503) http.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static (int Status, string Code, string Detail, string? Field) Classify(Exception exception) => exception switch
    {
        DomainException e => (400, e.Code, e.Message, e.Field),
        ConflictException e => (409, e.Code, e.Message, null),
        BadHttpRequestException { StatusCode: 413 } => (413, "request.tooLarge", "The request body is too large.", null),
        BadHttpRequestException { InnerException: JsonException json } => (400, "request.json", DescribeJson(json), JsonField(json)),
        BadHttpRequestException e when e.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || e.Message.Contains("body was empty", StringComparison.OrdinalIgnoreCase)
            => (400, "request.bodyRequired", "This request needs a JSON body.", null),
        BadHttpRequestException e => (e.StatusCode, "request.invalid", e.Message, null),
        // A bare JsonException comes from writing a response, not from reading the request: our fault, so it falls to 500.
        DbUpdateConcurrencyException => (409, "conflict.stale", "Someone changed this record after you loaded it: reload it and apply your change again.", "version"),
        DbUpdateException { InnerException: PostgresException pg } => ClassifyPostgres(pg),
        PostgresException pg => ClassifyPostgres(pg),
        // No connection within the pool's timeout: the database is saturated, nothing is written; the client may retry.
        NpgsqlException { InnerException: TimeoutException } => Busy,
        InvalidOperationException { InnerException: NpgsqlException { InnerException: TimeoutException } } => Busy,
        OperationCanceledException => (499, "request.cancelled", "The request was cancelled.", null),
        _ => (500, "server.error", "An unexpected error occurred. It has been logged.", null),
    };

    private static (int, string, string, string?) ClassifyPostgres(PostgresException pg) => pg.SqlState switch
    {
        // Raised by set_member_scope as a unit of work starts, or by set_acting_member in a booking batch: that unit of
        // work is rolled back whole. A request made of one unit of work did nothing; the answer does not promise more.
        TenantTransactionInterceptor.MembershipChangedState => MembershipChanged,
        PostgresErrorCodes.UniqueViolation => (409, "conflict.duplicate", "A record with these values already exists.", null),
        PostgresErrorCodes.CheckViolation => (409, "conflict.rule", "The change breaks a rule of the data it touches.", null),
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
            => (400, "text.invalid", "The text contains characters that cannot be stored.", null),
        PostgresErrorCodes.StringDataRightTruncation => (400, "text.tooLong", "A text value is too long.", null),
        // Backstops: the domain bounds numbers and dates before they get here.
        PostgresErrorCodes.NumericValueOutOfRange => (400, "number.outOfRange", "A number is outside the range that can be stored.", null),
        PostgresErrorCodes.DatetimeFieldOverflow => (400, "date.outOfRange", "A date is outside the range that can be stored.", null),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            => (409, "conflict.concurrent", "The data changed while the request ran; try again.", null),
        // Out of connections or over the statement timeout under load: the transaction rolled back whole; retry later.
        PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.InsufficientResources => Busy,
        _ => (500, "server.error", "An unexpected error occurred. It has been logged.", null),
    };

    private static readonly (int Status, string Code, string Detail, string? Field) MembershipChanged =
        (409, "membership.changed", "Your membership of this organisation has changed, so this request was stopped. Check what you see now and send it again if it is still needed.", null);

    private static readonly (int, string, string, string?) Busy =
        (503, "server.busy", "The service is busy right now and nothing was changed; try again in a moment.", null);

    private static string DescribeJson(JsonException json)
        => json.Path is { Length: > 1 } path ? $"Invalid value at {path}: {FirstLine(json.Message)}" : $"The request body is not valid JSON: {FirstLine(json.Message)}";

    /// <summary>"$.legalNameZh" → "legalNameZh", so the error names the field as the client sent it.</summary>
    private static string? JsonField(JsonException json) => json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;

    /// <summary>The reader's message without .NET type names, which mean nothing to a client.</summary>
    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Split(" Path:")[0];
        return line.Contains("could not be converted to", StringComparison.Ordinal)
            ? "the value has the wrong type or is out of range."
            : line;
    }
}
