using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;
using Warehouse.Api.Tests.Services;

namespace Warehouse.Api.Tests.Certification;

/// <summary>Helpers for certification: programmes, warehouses ready to apply, applications and attachments, all through the Api.</summary>
public static class CertificationSupply
{
    public static readonly string[] RequiredServices = ["dropShipping", "consolidationTransfer", "afterSalesRepair", "returnsRelabel"];

    /// <summary>A minimal valid PDF: the magic bytes are what counts.</summary>
    public static byte[] Pdf(int padding = 0)
        => [.. "%PDF-1.7\n1 0 obj <<>> endobj\n"u8.ToArray(), .. new byte[padding], .. "\n%%EOF\n"u8.ToArray()];

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
    public static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    public static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    public static JsonObject ProgrammeBody(int year = 2026, string level = "municipal", decimal rate = 0.3m, decimal cap = 2_000_000m,
        decimal budget = 10_000_000m, string? name = null, int opensInDays = -30, int closesInDays = 60) => new()
    {
        ["year"] = year, ["level"] = level, ["nameZh"] = name ?? $"{year}年度苏州市级公共海外仓认定{Guid.NewGuid():N}",
        ["nameEn"] = $"{year} Suzhou municipal public overseas warehouses",
        ["opensOn"] = DateTime.UtcNow.Date.AddDays(opensInDays).ToString("yyyy-MM-dd"),
        ["closesOn"] = DateTime.UtcNow.Date.AddDays(closesInDays).ToString("yyyy-MM-dd"),
        ["subsidyRate"] = rate, ["capPerWarehouseCny"] = cap, ["budgetCny"] = budget,
    };

    public static async Task<JsonObject> CreateProgrammeAsync(HttpClient client, string bureauToken, JsonObject? body = null)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/certification/programmes", bureauToken, body ?? ProgrammeBody());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>An active warehouse with the four required services published (so service coverage is verified).</summary>
    public static async Task<string> ReadyWarehouseAsync(HttpClient client, string operatorToken, string? nameZh = null, bool withOffer = false)
    {
        var warehouse = await Supply.CreateWarehouseAsync(client, operatorToken, Supply.WarehouseBody(nameZh ?? $"认定测试仓{Guid.NewGuid():N}"));
        var id = (string)warehouse["id"]!;
        await Supply.ActivateAsync(client, operatorToken, id);
        foreach (var type in RequiredServices)
        {
            var service = await ServiceSupply.CreateServiceAsync(client, operatorToken, id, ServiceSupply.ServiceBody(type));
            var published = await client.SendAsync(HttpMethod.Post, $"/api/services/{(string)service["id"]!}/publish", operatorToken);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        if (withOffer)
        {
            var offer = await Supply.CreateOfferAsync(client, operatorToken, id);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, $"/api/offers/{(string)offer["id"]!}/publish", operatorToken)).StatusCode);
        }
        return id;
    }

    public static JsonObject ApplicationBody(string programmeId, string warehouseId, JsonArray? items = null) => new()
    {
        ["programmeId"] = programmeId, ["warehouseId"] = warehouseId,
        ["yearsRegisteredInProvince"] = 5, ["yearsOperatingOverseas"] = 3, ["equityPercent"] = 100,
        ["odiCertificateNumber"] = "境外投资证第N3200202400123号", ["noSeriousViolations"] = true, ["staff"] = 42,
        ["servedEnterprisesDeclared"] = 120, ["servicesDeclared"] = new JsonArray(), ["hasWms"] = true, ["wmsName"] = "Acme WMS 5",
        ["investmentItems"] = items ?? new JsonArray(
            new JsonObject { ["category"] = "equipment", ["amountCny"] = 1_000_000m, ["reference"] = $"INV-{Guid.NewGuid():N}" },
            new JsonObject { ["category"] = "lease", ["amountCny"] = 3_000_000m, ["reference"] = $"CON-{Guid.NewGuid():N}" },
            new JsonObject { ["category"] = "it", ["amountCny"] = 250_000m, ["reference"] = $"INV-{Guid.NewGuid():N}" }),
        ["commitment"] = new JsonObject { ["signedName"] = "张三", ["accepted"] = true },
    };

    public static JsonArray Items(params (string Category, decimal Amount, string Reference)[] items)
        => new(items.Select(i => (JsonNode)new JsonObject { ["category"] = i.Category, ["amountCny"] = i.Amount, ["reference"] = i.Reference }).ToArray());

    public static async Task<JsonObject> CreateApplicationAsync(HttpClient client, string operatorToken, JsonObject body)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/certification/applications", operatorToken, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> SubmitAsync(HttpClient client, string operatorToken, string applicationId)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/certification/applications/{applicationId}/submit", operatorToken);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<HttpResponseMessage> DecideAsync(HttpClient client, string bureauToken, string applicationId, string decision, string? reason, object? overrides = null)
        => await client.SendAsync(HttpMethod.Post, $"/api/certification/review/{applicationId}/decision", bureauToken,
            new { decision, reason, overrides });

    public static async Task<JsonObject> ApproveAsync(HttpClient client, string bureauToken, string applicationId)
    {
        var response = await DecideAsync(client, bureauToken, applicationId, "approve", "材料齐全，符合认定条件。");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Applies, submits and approves: returns the approved application (with its certificate).</summary>
    public static async Task<JsonObject> CertifiedAsync(HttpClient client, string bureauToken, string operatorToken, string programmeId, string warehouseId, JsonArray? items = null)
    {
        var application = await CreateApplicationAsync(client, operatorToken, ApplicationBody(programmeId, warehouseId, items));
        await SubmitAsync(client, operatorToken, (string)application["id"]!);
        return await ApproveAsync(client, bureauToken, (string)application["id"]!);
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string token, string applicationId, byte[] content, string fileName,
        string? contentType = null, string kind = "businessLicence")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        if (contentType is not null) file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(kind), "kind");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/certification/applications/{applicationId}/attachments") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
