using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Tests.Infrastructure;

/// <summary>Small helpers that drive the Api through HTTP the way a client would.</summary>
public static class Scenario
{
    public const string Password = "Test-Pass-12345";

    public static string NewCreditCode()
    {
        var body = new char[17];
        "913205".CopyTo(body);
        for (var i = 6; i < 17; i++) body[i] = UnifiedSocialCreditCode.Alphabet[RandomNumberGenerator.GetInt32(UnifiedSocialCreditCode.Alphabet.Length)];
        return UnifiedSocialCreditCode.Complete(new string(body)).Value;
    }

    public static string NewEmail(string prefix = "user") => $"{prefix}.{Guid.NewGuid():N}@test.example";

    public static object RegistrationBody(string kind = "operator", string? creditCode = null, string? email = null, string? name = null) => new
    {
        kind,
        // Fixed width and closed by a suffix: the isolation tests look for a tenant's name inside other tenants'
        // answers, so no generated name may contain another ("…274" inside "…27401").
        legalNameZh = name ?? $"测试仓储{RandomNumberGenerator.GetInt32(100_000_000):D8}号有限公司",
        legalNameEn = "Test Warehousing Co., Ltd.",
        creditCode = creditCode ?? NewCreditCode(),
        districtCode = kind == "operator" ? "SIP" : null,
        contactName = "测试联系人",
        contactPhone = "0512-12345678",
        contactEmail = NewEmail("contact"),
        adminDisplayName = "测试管理员",
        adminEmail = email ?? NewEmail("admin"),
        adminPassword = Password,
    };

    public sealed record Member(Guid OrganisationId, Guid UserId, string Email, string Token, string LegalNameZh);

    /// <summary>Registers an organisation through the Api and signs its admin in.</summary>
    public static async Task<Member> RegisterAsync(HttpClient client, string kind = "operator")
    {
        var body = RegistrationBody(kind);
        var json = JsonSerializer.SerializeToNode(body)!;
        var response = await client.PostAsJsonAsync("/api/auth/register", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        var email = (string)json["adminEmail"]!;
        return new Member((Guid)created!["organisationId"]!, (Guid)created["userId"]!, email, await LoginAsync(client, email, Password), (string)json["legalNameZh"]!);
    }

    public static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }

    public static HttpRequestMessage Request(HttpMethod method, string url, string? token, object? body = null, Guid? organisation = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (organisation is { } id) request.Headers.Add("X-Organisation-Id", id.ToString());
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string? token, object? body = null)
        => await client.SendAsync(Request(method, url, token, body));

    /// <summary>Asserts a 4xx ProblemDetails answer and returns its body.</summary>
    public static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        return problem;
    }
}
