using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Warehouse.Api.Tests.CityProgress;
using Warehouse.Api.Tests.Infrastructure;
using Scenario = Warehouse.Api.Tests.Infrastructure.Scenario;
using static Warehouse.Api.Tests.Certification.CertificationSupply;

namespace Warehouse.Api.Tests.Certification;

/// <summary>Every export is parsed back (CSV and XLSX) and its figures compared with the JSON endpoint's.</summary>
[Collection(CitySnapshotCollection.Name)]
public sealed class ExportTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    /// <summary>A table as read back: the heading row and the data rows, every cell as text.</summary>
    private sealed record Table(List<string> Headings, List<List<string>> Rows)
    {
        public string Cell(List<string> row, string heading) => row[Headings.IndexOf(heading)];
        public decimal Number(List<string> row, string heading) => decimal.Parse(Cell(row, heading), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private async Task<List<Table>> BothAsync(string token, string url)
    {
        var tables = new List<Table>();
        foreach (var format in new[] { "csv", "xlsx" })
        {
            var response = await client.SendAsync(HttpMethod.Get, $"{url}{(url.Contains('?') ? '&' : '?')}format={format}", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (format == "csv")
            {
                Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]); // BOM, so Excel reads the Chinese right
                tables.Add(ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)));
            }
            else
            {
                Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
                tables.Add(ParseXlsx(bytes));
            }
        }
        Assert.Equal(tables[0].Headings, tables[1].Headings);
        Assert.Equal(tables[0].Rows, tables[1].Rows);
        return tables;
    }

    private static Table ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (ch == '\r') { }
            else if (ch == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; }
            else cell.Append(ch);
        }
        return new Table(rows[0], rows.Skip(1).ToList());
    }

    private static Table ParseXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
        var rows = data.Elements<Row>().Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString
            ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "").ToList()).ToList();
        return new Table(rows[0], rows.Skip(1).ToList());
    }

    [Fact]
    public async Task Subsidy_and_certification_exports_parse_back_to_the_json_figures_in_chinese_and_english()
    {
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau, ProgrammeBody(rate: 0.25m, cap: 300_000m, budget: 400_000m)))["id"]!;
        var certified = new List<JsonObject>();
        foreach (var (equipment, it) in new[] { (1_000_000m, 333_333.33m), (2_000_000m, 0m), (777_777.77m, 12_345.67m) })
        {
            var op = await Scenario.RegisterAsync(client, "operator");
            certified.Add(await CertifiedAsync(client, bureau, op.Token, programmeId, await ReadyWarehouseAsync(client, op.Token),
                Items(("equipment", equipment, $"E-{Guid.NewGuid():N}"), ("it", it == 0 ? 1m : it, $"I-{Guid.NewGuid():N}"), ("lease", 50_000m, $"L-{Guid.NewGuid():N}"))));
        }
        var json = (await (await client.SendAsync(HttpMethod.Get, $"/api/subsidies/programmes/{programmeId}", bureau)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool)json["overBudget"]!);
        var lines = json["lines"]!.AsArray();

        foreach (var table in await BothAsync(bureau, $"/api/exports/subsidies/{programmeId}"))
        {
            Assert.Equal("证书编号", table.Headings[0]);
            Assert.Equal(lines.Count + 1, table.Rows.Count);
            foreach (var line in lines)
            {
                var row = table.Rows.Single(r => r[0] == (string)line!["certificateNumber"]!);
                Assert.Equal((decimal)line!["eligibleInvestmentCny"]!, table.Number(row, "可补贴投资(元)"));
                Assert.Equal((decimal)line["requestedCny"]!, table.Number(row, "应补金额(元)"));
                Assert.Equal((decimal)line["allocatedCny"]!, table.Number(row, "核定补贴(元)"));
                Assert.Equal((string)line["arithmetic"]!, table.Cell(row, "计算过程"));
                Assert.Equal((string)line["operator"]!["legalNameZh"]!, table.Cell(row, "海外仓运营企业"));
            }
            var total = table.Rows.Single(r => r[0] == "total");
            Assert.Equal((decimal)json["totalAllocatedCny"]!, table.Number(total, "核定补贴(元)"));
            Assert.Equal(400_000m, table.Number(total, "核定补贴(元)"));
            Assert.Equal((decimal)json["totalRequestedCny"]!, table.Number(total, "应补金额(元)"));
        }
        var english = await BothAsync(bureau, $"/api/exports/subsidies/{programmeId}?lang=en");
        Assert.Equal("Certificate number", english[0].Headings[0]);
        Assert.Contains("Allocated (CNY)", english[0].Headings);

        var certificates = (await (await client.SendAsync(HttpMethod.Get, $"/api/certification/certificates?programmeId={programmeId}", bureau)).Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal(3, certificates.Count);
        foreach (var table in await BothAsync(bureau, $"/api/exports/certifications?programmeId={programmeId}&lang=en"))
        {
            Assert.Equal(certificates.Select(c => (string)c!["certificate"]!["number"]!), table.Rows.Select(r => table.Cell(r, "Certificate number")));
            Assert.All(table.Rows, r => { Assert.Equal("municipal", table.Cell(r, "Level")); Assert.Equal("valid", table.Cell(r, "State")); });
            var first = certificates[0]!["certificate"]!;
            Assert.Equal((string)first["validUntil"]!, table.Cell(table.Rows[0], "Valid until"));
        }
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/exports/certifications?format=pdf", bureau), HttpStatusCode.BadRequest);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/exports/certifications?lang=fr", bureau), HttpStatusCode.BadRequest);
        var op2 = await Scenario.RegisterAsync(client, "operator");
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Get, "/api/exports/certifications", op2.Token), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Progress_export_parses_back_to_the_city_progress_figures()
    {
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var op = await Scenario.RegisterAsync(client, "operator");
        await ReadyWarehouseAsync(client, op.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, "/api/city-progress/snapshots", bureau)).StatusCode);
        // Other tests may take a snapshot meanwhile: compare only when the JSON is the same before and after the export.
        for (var attempt = 0; ; attempt++)
        {
            var before = await (await client.SendAsync(HttpMethod.Get, "/api/city-progress", bureau)).Content.ReadAsStringAsync();
            var tables = await BothAsync(bureau, "/api/exports/progress");
            var after = await (await client.SendAsync(HttpMethod.Get, "/api/city-progress", bureau)).Content.ReadAsStringAsync();
            if (before != after && attempt < 5) continue;
            var progress = JsonNode.Parse(after)!;
            foreach (var table in tables)
            {
                var total = table.Rows.Single(r => r[0] == "total");
                Assert.Equal((decimal)progress["existingM2"]!, table.Number(total, "既有面积(㎡)"));
                Assert.Equal((decimal)progress["inUseM2"]!, table.Number(total, "在用面积(㎡)"));
                Assert.Equal((decimal)progress["underConstructionM2"]!, table.Number(total, "在建面积(㎡)"));
                Assert.Equal((decimal)progress["percentOfTarget"]!, table.Number(total, "目标完成率(%)"));
                Assert.Equal((int)progress["warehouses"]!, (int)table.Number(total, "海外仓数"));
                Assert.Equal((string)progress["asOf"]!, table.Cell(total, "截至日期"));
                Assert.Equal((decimal)progress["targetM2"]!, table.Number(table.Rows.Single(r => r[0] == "target"), "既有面积(㎡)"));
                foreach (var (key, name) in new[] { ("byDistrict", "district"), ("byCountry", "country"), ("byMarketGroup", "marketGroup"), ("byOperator", "operator"), ("byYearOpened", "yearOpened") })
                {
                    var slices = progress[key]!.AsArray();
                    var rows = table.Rows.Where(r => r[0] == name).ToList();
                    Assert.Equal(slices.Count, rows.Count);
                    Assert.Equal(slices.Sum(s => (decimal)s!["existingM2"]!), rows.Sum(r => table.Number(r, "既有面积(㎡)")));
                    Assert.Equal(slices.Select(s => (string)s!["code"]!), rows.Select(r => table.Cell(r, "代码")));
                }
            }
            var byDistrict = progress["byDistrict"]!.AsArray();
            Assert.Equal((decimal)progress["existingM2"]!, byDistrict.Sum(s => (decimal)s!["existingM2"]!));
            break;
        }
    }
}
