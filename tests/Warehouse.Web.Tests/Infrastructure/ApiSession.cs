using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>
/// Calls the Api directly as one signed-in user, for setting up data a browser test is not about and for reading
/// the figures a page must show. Every call fails the test with the Api's answer when it is not a success.
/// </summary>
public sealed class ApiSession(HttpClient api, string token)
{
    public static async Task<ApiSession> SignInAsync(HttpClient api, string email, string password)
    {
        using var login = await api.PostAsJsonAsync("/api/auth/login", new { email, password });
        var body = await login.Content.ReadAsStringAsync();
        Assert.True(login.IsSuccessStatusCode, $"Signing in {email} answered {(int)login.StatusCode}: {body}");
        return new ApiSession(api, (string)JsonNode.Parse(body)!["accessToken"]!);
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    public async Task<JsonNode> PostAsync(string path, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await SendAsync(request);
    }

    private async Task<JsonNode> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}

/// <summary>An operator's warehouse with a published offer, set up through the Api.</summary>
public sealed record PublishedSupply(Guid WarehouseId, Guid OfferId, string WarehouseName);

public static class OpsData
{
    /// <summary>Dates a month or more ahead, so offers, bookings and slots are never in the past.</summary>
    public static DateOnly Ahead(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An active warehouse (in Budapest unless told otherwise) with one published offer of 1,000 m² for the next half-year.</summary>
    public static async Task<PublishedSupply> PublishWarehouseWithOfferAsync(
        ApiSession operatorApi, string bookingMode = "request", (double Latitude, double Longitude)? location = null,
        string address = "Logistics Park 4", decimal existingM2 = 5000, string countryCode = "HU", string city = "Budapest")
    {
        var name = $"测试仓{Guid.NewGuid():N}"[..14];
        var at = location ?? (47.43, 19.17);
        var warehouse = await operatorApi.PostAsync("/api/warehouses", new
        {
            nameZh = name, address, countryCode, city,
            location = new { latitude = Math.Round(at.Latitude, 6), longitude = Math.Round(at.Longitude, 6) },
            areas = new { existingM2, inUseM2 = Math.Min(3000, existingM2), underConstructionM2 = 0 },
            ownership = "selfBuilt", storageConditions = new[] { "ambient" },
        });
        var warehouseId = Guid.Parse((string)warehouse["id"]!);
        await operatorApi.PostAsync($"/api/warehouses/{warehouseId}/status", new { status = "active" });
        var offer = await operatorApi.PostAsync($"/api/warehouses/{warehouseId}/offers", new
        {
            unit = "squareMetre", quantity = 1000, availableFrom = Iso(Ahead(1)), availableTo = Iso(Ahead(180)),
            price = new { amount = 40, currency = "CNY", basis = "perSquareMetreMonth" }, bookingMode,
        });
        var offerId = Guid.Parse((string)offer["id"]!);
        await operatorApi.PostAsync($"/api/offers/{offerId}/publish");
        return new PublishedSupply(warehouseId, offerId, name);
    }
}
