using System.Text.Json.Nodes;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>Certification set up through the Api: an open programme (as the bureau), an operator ready to apply, its applications.</summary>
public static class OperatorCertificationData
{
    /// <summary>A minimal PDF: the Api recognises the type by the "%PDF-" magic bytes.</summary>
    public static byte[] Pdf(int padding = 2000) =>
        [.. "%PDF-1.7\n1 0 obj <<>> endobj\n"u8.ToArray(), .. new byte[padding], .. "\n%%EOF\n"u8.ToArray()];

    /// <summary>A Windows executable's first bytes: no PDF, JPEG or PNG whatever its name says.</summary>
    public static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    /// <summary>A programme open from a month ago to two months ahead, with the default criteria; returns its id and Chinese name.</summary>
    public static async Task<(Guid Id, string NameZh)> OpenProgrammeAsync(ApiSession bureau)
    {
        var name = $"苏州市级公共海外仓认定（网页测试）{Guid.NewGuid():N}"[..30];
        var today = DateTime.UtcNow.Date;
        var programme = await bureau.PostAsync("/api/certification/programmes", new
        {
            year = today.Year, level = "municipal", nameZh = name, nameEn = "Suzhou municipal public overseas warehouses (web test)",
            opensOn = today.AddDays(-30).ToString("yyyy-MM-dd"), closesOn = today.AddDays(60).ToString("yyyy-MM-dd"),
            subsidyRate = 0.3m, capPerWarehouseCny = 2_000_000m, budgetCny = 10_000_000m,
        });
        return (Guid.Parse((string)programme["id"]!), name);
    }

    /// <summary>A draft application with every fact filled in and two investment items, created through the Api.</summary>
    public static async Task<Guid> DraftAsync(ApiSession operatorApi, Guid programmeId, Guid warehouseId)
    {
        var application = await operatorApi.PostAsync("/api/certification/applications", new
        {
            programmeId, warehouseId, yearsRegisteredInProvince = 5, yearsOperatingOverseas = 3, equityPercent = 100,
            odiCertificateNumber = "境外投资证第N3200202400123号", noSeriousViolations = true, staff = 42, servedEnterprisesDeclared = 120,
            servicesDeclared = new[] { "dropShipping" }, hasWms = true, wmsName = "Acme WMS 5",
            investmentItems = new[]
            {
                new { category = "equipment", amountCny = 1_000_000m, reference = $"INV-{Guid.NewGuid():N}", description = "货架与叉车" },
                new { category = "it", amountCny = 250_000m, reference = $"INV-{Guid.NewGuid():N}", description = "WMS 升级" },
            },
            commitment = new { signedName = "张三", accepted = true },
        });
        return Guid.Parse((string)application["id"]!);
    }

    /// <summary>The bureau's decision on the current round; an approval overrides whatever fails, with a note.</summary>
    public static async Task<JsonNode> DecideAsync(ApiSession bureau, Guid applicationId, string decision, string reason, JsonNode? application = null)
    {
        var overrides = decision == "approve" && application?["evaluation"]?["criteria"] is JsonArray criteria
            ? criteria.Where(c => (string)c!["outcome"]! == "fail")
                .Select(c => new { criterion = (string)c!["criterion"]!, outcome = "pass", note = "已核对企业提交的材料。" }).ToArray()
            : [];
        return await bureau.PostAsync($"/api/certification/review/{applicationId}/decision", new { decision, reason, overrides });
    }
}
