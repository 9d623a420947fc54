using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>
/// Certification set up through the Api for the bureau's pages: programmes (the bureau admin's), an operator with an
/// active warehouse, and applications submitted (and amended and resubmitted) the way the operator's pages would.
/// </summary>
public static class CertificationData
{
    public sealed record Operator(TestOrganisation Organisation, ApiSession Api, string Token);

    public sealed record Submitted(string ApplicationId, string WarehouseId, string WarehouseName, Operator Operator);

    /// <summary>
    /// A programme open today. No required services: the operator's warehouse then needs no published services for
    /// every criterion to pass or need review (WMS declared but not connected, served enterprises declared only).
    /// </summary>
    public static async Task<(string Id, string NameZh)> ProgrammeAsync(ApiSession bureau, decimal rate = 0.3m, decimal cap = 2_000_000m, decimal budget = 10_000_000m,
        decimal? minYearsOverseas = null)
    {
        var name = $"{DateTime.UtcNow.Year}年度苏州市级公共海外仓认定{Guid.NewGuid():N}"[..30];
        var programme = await bureau.PostAsync("/api/certification/programmes", new
        {
            year = DateTime.UtcNow.Year, level = "municipal", nameZh = name, nameEn = "Suzhou public overseas warehouses (test)",
            opensOn = OpsData.Iso(OpsData.Ahead(-30)), closesOn = OpsData.Iso(OpsData.Ahead(60)),
            criteria = new { requiredServices = Array.Empty<string>(), minYearsOperatingOverseas = minYearsOverseas },
            subsidyRate = rate, capPerWarehouseCny = cap, budgetCny = budget,
        });
        return ((string)programme["id"]!, name);
    }

    public static async Task<Operator> OperatorAsync(HttpClient api)
    {
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(api);
        var token = await TraderData.LoginAsync(api, organisation.AdminEmail, organisation.AdminPassword);
        return new Operator(organisation, new ApiSession(api, token), token);
    }

    public static object ApplicationBody(string programmeId, string warehouseId, params (string Category, decimal Amount)[] items) => new
    {
        programmeId, warehouseId, yearsRegisteredInProvince = 5, yearsOperatingOverseas = 3, equityPercent = 100,
        odiCertificateNumber = "境外投资证第N3200202400123号", noSeriousViolations = true, staff = 42, servedEnterprisesDeclared = 120,
        servicesDeclared = Array.Empty<string>(), hasWms = true, wmsName = "Acme WMS 5",
        investmentItems = (items.Length == 0 ? new (string Category, decimal Amount)[] { ("equipment", 1_000_000m), ("lease", 500_000m) } : items)
            .Select(i => new { category = i.Category, amountCny = i.Amount, reference = $"INV-{Guid.NewGuid():N}" }).ToArray(),
        commitment = new { signedName = "张三", accepted = true },
    };

    /// <summary>Applies for <paramref name="warehouseId"/> (a new active warehouse if null), attaches a PDF and submits.</summary>
    public static async Task<Submitted> SubmittedAsync(HttpClient api, Operator op, string programmeId, string? warehouseId = null,
        params (string Category, decimal Amount)[] items)
    {
        string name;
        if (warehouseId is null)
        {
            var supply = await OpsData.PublishWarehouseWithOfferAsync(op.Api);
            (warehouseId, name) = (supply.WarehouseId.ToString(), supply.WarehouseName);
        }
        else
        {
            name = (string)(await op.Api.GetAsync($"/api/warehouses/{warehouseId}"))["nameZh"]!;
        }
        var application = await op.Api.PostAsync("/api/certification/applications", ApplicationBody(programmeId, warehouseId, items));
        var id = (string)application["id"]!;
        await UploadPdfAsync(api, op.Token, id);
        await op.Api.PostAsync($"/api/certification/applications/{id}/submit");
        return new Submitted(id, warehouseId, name, op);
    }

    /// <summary>The operator answers a request for more information: amends the application (staff count) and resubmits.</summary>
    public static async Task ResubmitAsync(HttpClient api, Submitted submitted)
    {
        var current = await submitted.Operator.Api.GetAsync($"/api/certification/applications/{submitted.ApplicationId}");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ApplicationBody(
            (string)current["programme"]!["id"]!, submitted.WarehouseId,
            current["investmentItems"]!.AsArray().Select(i => ((string)i!["category"]!, (decimal)i["amountCny"]!)).ToArray())))!.AsObject();
        // The same invoices as before (a new reference each would be a different claim).
        body["investmentItems"] = new JsonArray(current["investmentItems"]!.AsArray()
            .Select(i => (JsonNode)new JsonObject { ["category"] = (string)i!["category"]!, ["amountCny"] = (decimal)i["amountCny"]!, ["reference"] = (string)i["reference"]! }).ToArray());
        body["staff"] = 45;
        body["version"] = (uint)current["version"]!;
        await TraderData.SendAsync(api, HttpMethod.Put, $"/api/certification/applications/{submitted.ApplicationId}", submitted.Operator.Token, body, System.Net.HttpStatusCode.OK);
        await submitted.Operator.Api.PostAsync($"/api/certification/applications/{submitted.ApplicationId}/submit");
    }

    public static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj <<>> endobj\n"u8.ToArray(), .. "\n%%EOF\n"u8.ToArray()];

    private static async Task UploadPdfAsync(HttpClient api, string token, string applicationId)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "营业执照.pdf");
        form.Add(new StringContent("businessLicence"), "kind");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/certification/applications/{applicationId}/attachments") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"Uploading answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
