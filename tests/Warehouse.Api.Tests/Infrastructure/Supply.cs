using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Warehouse.Api.Tests.Infrastructure;

/// <summary>Helpers for the supply side: warehouses and offers created through the Api.</summary>
public static class Supply
{
    /// <summary>A plausible warehouse near Duisburg (the China–Europe Railway Express terminus).</summary>
    public static JsonObject WarehouseBody(string? nameZh = null) => JsonNode.Parse($$"""
        {
          "nameZh": "{{nameZh ?? "杜伊斯堡海外仓"}}", "nameEn": "Duisburg Fulfilment Centre",
          "address": "Hafenstraße 10, 47119 Duisburg", "countryCode": "DE", "city": "Duisburg",
          "location": { "latitude": 51.4556, "longitude": 6.7333 },
          "areas": { "existingM2": 12000, "inUseM2": 9000, "underConstructionM2": 3000 },
          "ownership": "leased", "leaseEndsOn": "2031-06-30", "openedOn": "2021-05-01",
          "storageConditions": ["ambient", "humidityControlled"], "handlingCapabilities": ["oversizeHeavy"],
          "maxDailyOrders": 8000
        }
        """)!.AsObject();

    public static JsonObject OfferBody(decimal quantity = 500, string from = "2027-01-01", string to = "2027-03-31",
        decimal amount = 9.5m, string currency = "EUR", string basis = "perSquareMetreMonth", string unit = "squareMetre") => JsonNode.Parse($$"""
        {
          "unit": "{{unit}}", "quantity": {{quantity}}, "availableFrom": "{{from}}", "availableTo": "{{to}}",
          "minimumQuantity": 10, "minimumTermDays": 30,
          "price": { "amount": {{amount}}, "currency": "{{currency}}", "basis": "{{basis}}" },
          "handlingFees": "inbound €1.5/carton; outbound €2/order", "bookingMode": "instant", "freeCancellationDays": 14
        }
        """)!.AsObject();

    public static async Task<JsonObject> CreateWarehouseAsync(HttpClient client, string token, JsonObject? body = null)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/warehouses", token, body ?? WarehouseBody());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> ActivateAsync(HttpClient client, string token, string warehouseId)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/status", token, new { status = "active" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> CreateOfferAsync(HttpClient client, string token, string warehouseId, JsonObject? body = null)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/warehouses/{warehouseId}/offers", token, body ?? OfferBody());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
