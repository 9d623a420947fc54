using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Warehouse.Api.Tests.Infrastructure;

/// <summary>
/// Helpers that list supply for search tests through the Api: operators in a chosen district, warehouses at chosen
/// points with chosen equipment, offers and services, published or not. Names carry a marker so a reader of the
/// shared test database can tell search data apart.
/// </summary>
public static class SearchData
{
    /// <summary>Next calendar year: offers and searched ranges lie there, so the tests do not age into the past.</summary>
    public static readonly int Year = DateTime.UtcNow.Year + 1;

    /// <summary>"yyyy-MM-dd" of a day in <see cref="Year"/>.</summary>
    public static string Day(int month, int day) => new DateOnly(Year, month, day).ToString("yyyy-MM-dd");

    /// <summary>Registers an operator in <paramref name="district"/> and signs its admin in.</summary>
    public static async Task<Scenario.Member> OperatorAsync(HttpClient client, string district)
    {
        var body = JsonSerializer.SerializeToNode(Scenario.RegistrationBody("operator"))!.AsObject();
        body["districtCode"] = district;
        body["legalNameZh"] = $"搜索测试仓储{district}{Guid.NewGuid():N}"[..30];
        var response = await client.PostAsJsonAsync("/api/auth/register", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var email = (string)body["adminEmail"]!;
        return new Scenario.Member((Guid)created["organisationId"]!, (Guid)created["userId"]!, email,
            await Scenario.LoginAsync(client, email, Scenario.Password), (string)body["legalNameZh"]!);
    }

    /// <summary>A point <paramref name="northKm"/> north and <paramref name="eastKm"/> east of (<paramref name="latitude"/>, <paramref name="longitude"/>).</summary>
    public static (double Latitude, double Longitude) Offset(double latitude, double longitude, double northKm, double eastKm)
        => (latitude + northKm / 111.32, longitude + eastKm / (111.32 * Math.Cos(latitude * Math.PI / 180)));

    public static JsonObject WarehouseBody(string name, string country, (double Latitude, double Longitude) at,
        string[]? storage = null, string[]? handling = null) => new()
    {
        ["nameZh"] = name,
        ["nameEn"] = name + " (search test)",
        ["address"] = "1 Test Street",
        ["countryCode"] = country,
        ["city"] = "Testville",
        ["location"] = new JsonObject { ["latitude"] = at.Latitude, ["longitude"] = at.Longitude },
        ["areas"] = new JsonObject { ["existingM2"] = 10000, ["inUseM2"] = 5000, ["underConstructionM2"] = 0 },
        ["ownership"] = "selfBuilt",
        ["storageConditions"] = new JsonArray((storage ?? ["ambient"]).Select(s => (JsonNode)s).ToArray()),
        ["handlingCapabilities"] = new JsonArray((handling ?? []).Select(h => (JsonNode)h).ToArray()),
    };

    /// <summary>An offer with no minimum quantity or term, so only the search's own rules decide whether it matches.</summary>
    public static JsonObject OfferBody(decimal quantity, string unit, decimal amount, string currency, string basis,
        string? from = null, string? to = null, string bookingMode = "instant")
    {
        var body = Supply.OfferBody(quantity, from ?? Day(1, 1), to ?? Day(12, 31), amount, currency, basis, unit);
        body["minimumQuantity"] = 0;
        body["minimumTermDays"] = 1;
        body["bookingMode"] = bookingMode;
        return body;
    }

    /// <summary>Creates a warehouse, activating it unless <paramref name="active"/> is false; returns its id.</summary>
    public static async Task<string> WarehouseAsync(HttpClient client, string token, JsonObject body, bool active = true)
    {
        var id = (string)(await Supply.CreateWarehouseAsync(client, token, body))["id"]!;
        if (active) await Supply.ActivateAsync(client, token, id);
        return id;
    }

    public static async Task<JsonObject> OfferAsync(HttpClient client, string token, string warehouseId, JsonObject body, bool publish = true)
    {
        var offer = await Supply.CreateOfferAsync(client, token, warehouseId, body);
        if (publish) await PublishAsync(client, token, $"/api/offers/{(string)offer["id"]!}/publish");
        return offer;
    }

    public static async Task<JsonObject> ServiceAsync(HttpClient client, string token, string warehouseId, string serviceType, bool publish = true)
    {
        var body = new JsonObject
        {
            ["serviceType"] = serviceType,
            ["price"] = new JsonObject { ["amount"] = 100, ["currency"] = "CNY", ["unit"] = "perSession" },
        };
        var response = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/services", token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var service = JsonNode.Parse(text)!.AsObject();
        if (publish) await PublishAsync(client, token, $"/api/services/{(string)service["id"]!}/publish");
        return service;
    }

    public static async Task SetStatusAsync(HttpClient client, string token, string warehouseId, string status)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/status", token, new { status });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task PublishAsync(HttpClient client, string token, string url)
    {
        var response = await client.SendAsync(HttpMethod.Post, url, token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> SearchAsync(HttpClient client, string? token, object body)
        => await client.SendAsync(HttpMethod.Post, "/api/search/capacity", token, body);

    /// <summary>Searches and asserts a 200; returns the response body.</summary>
    public static async Task<JsonObject> SearchOkAsync(HttpClient client, string token, object body)
    {
        var response = await SearchAsync(client, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The warehouse ids of a search response, in result order.</summary>
    public static List<string> Ids(JsonObject response) => response["results"]!.AsArray().Select(r => (string)r!["warehouse"]!["id"]!).ToList();

    /// <summary>Runs a statement as the test superuser (row security does not apply): for setting up states the Api cannot reach directly.</summary>
    public static async Task ExecuteAsSuperuserAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await command.ExecuteNonQueryAsync();
    }
}
