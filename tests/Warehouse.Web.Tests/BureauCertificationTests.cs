using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

/// <summary>
/// The bureau's certification work in the browser: the review queue, the application with its evaluation and
/// attachments, decisions with reasons (and the friendly answer to a concurrent one), the certificate, programme
/// settings with their validation, the subsidy table with its pro-rata arithmetic, and the exports.
/// </summary>
public sealed partial class BureauCertificationTests(PlatformFixture platform)
{
    [GeneratedRegex(@"^SZ-PW-\d{4}-M-\d{4}$")]
    private static partial Regex CertificateNumber();

    private async Task<IPage> SignedInBureauAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, platform.BureauAdminEmail, platform.BureauAdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        return page;
    }

    [Fact]
    public async Task The_bureau_reviews_an_application_requests_more_information_then_approves_the_resubmission_and_the_certificate_appears()
    {
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var (programmeId, _) = await CertificationData.ProgrammeAsync(bureau);
        var op = await CertificationData.OperatorAsync(platform.Api);
        var submitted = await CertificationData.SubmittedAsync(platform.Api, op, programmeId);

        await using var context = await platform.NewContextAsync();
        var page = await SignedInBureauAsync(context);

        // The queue, filtered to the programme: the submitted application, with the counts beside the filters.
        await page.ClickAsync("#nav-bureau-certification");
        await Expect(page.Locator("h1")).ToHaveTextAsync("海外仓认定审核");
        await page.SelectOptionAsync("#programmeId", programmeId);
        await page.ClickAsync("#programme-filter-submit");
        var row = page.Locator($"#queue tr[data-application-id='{submitted.ApplicationId}']");
        await Expect(row).ToContainTextAsync(op.Organisation.LegalNameZh);
        await Expect(row.Locator("[data-testid=application-status]")).ToHaveTextAsync("待审核");
        await Expect(page.Locator("[data-testid=count-submitted]")).ToHaveTextAsync("1");
        await row.Locator("[data-testid=open-application]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/bureau/certification/{submitted.ApplicationId}$"));

        // The operator's facts, the warehouse and the automatic evaluation: measured value against threshold.
        await Expect(page.Locator("#operator-name")).ToHaveTextAsync(op.Organisation.LegalNameZh);
        await Expect(page.Locator("#warehouse-name")).ToHaveTextAsync(submitted.WarehouseName);
        await Expect(page.Locator("#evaluation-table tbody tr")).ToHaveCountAsync(8);
        var equity = page.Locator("#evaluation-table tr[data-criterion=equityPercent]");
        await Expect(equity.Locator("[data-testid=outcome]")).ToHaveTextAsync("符合");
        await Expect(equity.Locator("[data-testid=measured]")).ToHaveTextAsync("100 %");
        await Expect(equity.Locator("[data-testid=threshold]")).ToHaveTextAsync("> 50 %");
        await Expect(page.Locator("#evaluation-table tr[data-criterion=wms] [data-testid=outcome]")).ToHaveTextAsync("需人工核查");

        // The attachment downloads through the web (the browser has no Api token), byte for byte.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=attachment-link]").First.ClickAsync());
        Assert.Equal("营业执照.pdf", download.SuggestedFilename);
        Assert.Equal(CertificationData.Pdf, await File.ReadAllBytesAsync((await download.PathAsync())!));

        // A decision needs a reason: the error sits beside the field, and nothing is recorded.
        await page.CheckAsync("#decision-requestMoreInfo");
        await page.ClickAsync("#decision-submit");
        await Expect(page.Locator("[data-field=reason] .validation-message")).ToHaveTextAsync("请填写理由。");
        await Expect(page.Locator("#no-decisions")).ToBeVisibleAsync();

        await page.CheckAsync("#decision-requestMoreInfo");
        await page.FillAsync("#reason", "请补充境外运营主体的股权证明。");
        await page.ClickAsync("#decision-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已要求企业补充材料。");
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("待补充材料");
        await Expect(page.Locator("#decision-list [data-testid=decision]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#decision-list")).ToContainTextAsync("请补充境外运营主体的股权证明。");
        await Expect(page.Locator("#decision-form")).ToHaveCountAsync(0);

        // The operator amends and resubmits; the bureau approves round 2 and the certificate is issued.
        await CertificationData.ResubmitAsync(platform.Api, submitted);
        await page.ReloadAsync();
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("待审核");
        await page.CheckAsync("#decision-approve");
        await page.FillAsync("#reason", "补充材料齐全，符合认定条件。");
        await page.ClickAsync("#decision-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已批准认定，证书已签发。");
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("已认定");
        await Expect(page.Locator("#decision-list [data-testid=decision]")).ToHaveCountAsync(2);
        var number = (await page.Locator("#certificate-number").InnerTextAsync()).Trim();
        Assert.Matches(CertificateNumber(), number);
        await Expect(page.Locator("#certificate-state")).ToHaveTextAsync("有效");

        // The certificate is in the bureau's list, and the application among the approved.
        await page.GotoAsync($"/bureau/certification?status=approved&programmeId={programmeId}");
        await Expect(page.Locator($"#queue tr[data-application-id='{submitted.ApplicationId}']")).ToContainTextAsync(number);
        await Expect(page.Locator($"#certificate-list tr[data-application-id='{submitted.ApplicationId}'] [data-testid=certificate-state]")).ToHaveTextAsync("有效");
        var certificates = await bureau.GetAsync($"/api/certification/certificates?programmeId={programmeId}");
        Assert.Equal(number, (string)certificates.AsArray().Single()!["certificate"]!["number"]!);

        // The certificates export of this programme (filtered like the page) downloads through the web with the new certificate.
        var export = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-certifications-csv"));
        var rows = ParseCsv(Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await export.PathAsync())!)).TrimStart('\uFEFF'));
        Assert.Equal("证书编号", rows[0][0]);
        Assert.Equal([number], rows.Skip(1).Select(r => r[0]));
        Assert.Equal("valid", rows[1][rows[0].IndexOf("状态")]);
    }

    [Fact]
    public async Task A_decision_made_meanwhile_by_another_officer_is_a_friendly_message_and_a_revocation_needs_a_reason()
    {
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var (programmeId, _) = await CertificationData.ProgrammeAsync(bureau);
        var op = await CertificationData.OperatorAsync(platform.Api);
        var submitted = await CertificationData.SubmittedAsync(platform.Api, op, programmeId);

        await using var context = await platform.NewContextAsync();
        var page = await SignedInBureauAsync(context);
        await page.GotoAsync($"/bureau/certification/{submitted.ApplicationId}");
        await page.CheckAsync("#decision-reject");
        await page.FillAsync("#reason", "不符合条件。");
        // Another officer approves first.
        await bureau.PostAsync($"/api/certification/review/{submitted.ApplicationId}/decision", new { decision = "approve", reason = "符合认定条件。" });
        await page.ClickAsync("#decision-submit");
        await Expect(page.Locator("#form-message")).ToHaveTextAsync("本轮申报已由其他审核人员作出决定，页面已刷新为最新状态。");
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("已认定");
        await Expect(page.Locator("#decision-list [data-testid=decision]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#decision-list")).ToContainTextAsync("批准认定");

        // Revoking needs a reason too; with one, the certificate is revoked and the record says why.
        await page.ClickAsync("#revoke-submit");
        await Expect(page.Locator("[data-field=revokeReason] .validation-message")).ToHaveTextAsync("请填写理由。");
        await page.FillAsync("#revokeReason", "企业自愿放弃认定。");
        await page.ClickAsync("#revoke-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("证书已撤销。");
        await Expect(page.Locator("#certificate-state")).ToHaveTextAsync("已撤销");
        await Expect(page.Locator("#decision-list")).ToContainTextAsync("企业自愿放弃认定。");
    }

    [Fact]
    public async Task A_failing_criterion_blocks_approval_until_the_officer_overrides_it_with_a_note()
    {
        // The programme asks for 5 years overseas; the application declares 3, so that criterion fails.
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var (programmeId, _) = await CertificationData.ProgrammeAsync(bureau, minYearsOverseas: 5);
        var op = await CertificationData.OperatorAsync(platform.Api);
        var submitted = await CertificationData.SubmittedAsync(platform.Api, op, programmeId);

        await using var context = await platform.NewContextAsync();
        var page = await SignedInBureauAsync(context);
        await page.GotoAsync($"/bureau/certification/{submitted.ApplicationId}");
        await Expect(page.Locator("#evaluation-table tr[data-criterion=yearsOperatingOverseas] [data-testid=outcome]")).ToHaveTextAsync("不符合");
        await page.CheckAsync("#decision-approve");
        await page.FillAsync("#reason", "经核实符合条件。");
        await page.ClickAsync("#decision-submit");
        await Expect(page.Locator("#form-message")).ToHaveTextAsync("有条件不符合，不能批准：请不予认定或要求补充材料。");
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("待审核");

        // An override needs a note; with one, the approval goes through and the override is on record.
        await page.CheckAsync("#decision-approve");
        await page.FillAsync("#reason", "经核实符合条件。");
        await page.SelectOptionAsync("#override-yearsOperatingOverseas", "pass");
        await page.ClickAsync("#decision-submit");
        await Expect(page.Locator("[data-override=yearsOperatingOverseas] .validation-message")).ToHaveTextAsync("改定结论须说明依据。");
        await Expect(page.Locator("#override-yearsOperatingOverseas")).ToHaveValueAsync("pass");
        await page.CheckAsync("#decision-approve");
        await page.FillAsync("#override-note-yearsOperatingOverseas", "境外子公司 2019 年起运营，见附件。");
        await page.ClickAsync("#decision-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已批准认定，证书已签发。");
        var decisions = await bureau.GetAsync($"/api/certification/decisions?applicationId={submitted.ApplicationId}");
        var recorded = decisions.AsArray().Single()!["decision"]!["overrides"]!.AsArray().Single()!;
        Assert.Equal("yearsOperatingOverseas", (string)recorded["criterion"]!);
        Assert.Equal("pass", (string)recorded["outcome"]!);
    }

    [Fact]
    public async Task Programme_settings_show_validation_errors_beside_their_fields_then_create_and_edit_a_programme()
    {
        await using var context = await platform.NewContextAsync();
        var page = await SignedInBureauAsync(context);
        await page.GotoAsync("/bureau/programmes");
        await page.ClickAsync("#new-programme");
        await Expect(page.Locator("h1")).ToHaveTextAsync("新建认定批次");

        // Missing name (the web's check) and a window that closes before it opens (the Api's), each beside its field.
        await page.FillAsync("#opensOn", OpsData.Iso(OpsData.Ahead(10)));
        await page.FillAsync("#closesOn", OpsData.Iso(OpsData.Ahead(20)));
        await page.FillAsync("#capPerWarehouseCny", "1000000");
        await page.FillAsync("#budgetCny", "5000000");
        await page.ClickAsync("#programme-submit");
        await Expect(page.Locator("[data-field=nameZh] .validation-message")).ToHaveTextAsync("此项为必填项。");

        var name = $"测试认定批次{Guid.NewGuid():N}"[..16];
        await page.FillAsync("#nameZh", name);
        await page.FillAsync("#opensOn", OpsData.Iso(OpsData.Ahead(20)));
        await page.FillAsync("#closesOn", OpsData.Iso(OpsData.Ahead(10)));
        await page.ClickAsync("#programme-submit");
        await Expect(page.Locator("[data-field=closesOn] .validation-message")).ToHaveTextAsync("截止日期不能早于开始日期。");

        await page.FillAsync("#closesOn", OpsData.Iso(OpsData.Ahead(90)));
        await page.FillAsync("#subsidyRate", "0");
        await page.ClickAsync("#programme-submit");
        await Expect(page.Locator("[data-field=subsidyRate] .validation-message")).ToHaveTextAsync("补贴比例须大于 0 且不超过 100%，最多两位小数。");

        await page.FillAsync("#subsidyRate", "25");
        await page.ClickAsync("#programme-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("认定批次已创建。");
        await Expect(page.Locator("#programme-heading")).ToContainTextAsync(name);
        await Expect(page.Locator("#programme-rate")).ToHaveTextAsync("25 %");
        await Expect(page.Locator("#programme-budget")).ToHaveTextAsync("¥5,000,000.00");
        await Expect(page.Locator("#programme-criteria")).ToContainTextAsync("> 50 %");

        // Edit: the form starts from the saved terms; the change is saved in place (no application yet).
        await page.ClickAsync("#edit-programme");
        await Expect(page.Locator("#subsidyRate")).ToHaveValueAsync("25");
        await page.FillAsync("#budgetCny", "6000000");
        await page.FillAsync("#minServedEnterprises", "-1");
        await page.ClickAsync("#programme-submit");
        await Expect(page.Locator("[data-field=minServedEnterprises] .validation-message")).ToHaveTextAsync("服务企业数须在 0 至 1,000,000 之间。");
        await page.FillAsync("#minServedEnterprises", "30");
        await page.ClickAsync("#programme-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("认定批次已保存。");
        await Expect(page.Locator("#programme-budget")).ToHaveTextAsync("¥6,000,000.00");
        await Expect(page.Locator("#programme-version")).ToContainTextAsync("第 1 版");
        await Expect(page.Locator("#programme-criteria")).ToContainTextAsync("≥ 30");
    }

    [Fact]
    public async Task The_subsidy_table_shows_the_apis_amounts_and_the_pro_rata_arithmetic_and_its_exports_download_as_parsable_files()
    {
        // Budget 1,000,000; rate 30 %: 600,000 and 900,000 requested (lease is not eligible) → pro rata 2/3.
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var (programmeId, programmeName) = await CertificationData.ProgrammeAsync(bureau, rate: 0.3m, cap: 1_000_000m, budget: 1_000_000m);
        var op = await CertificationData.OperatorAsync(platform.Api);
        var first = await CertificationData.SubmittedAsync(platform.Api, op, programmeId, null, ("equipment", 2_000_000m));
        var second = await CertificationData.SubmittedAsync(platform.Api, op, programmeId, null, ("equipment", 3_000_000m), ("lease", 1_000_000m));
        foreach (var s in new[] { first, second })
            await bureau.PostAsync($"/api/certification/review/{s.ApplicationId}/decision", new { decision = "approve", reason = "符合认定条件。" });
        var expected = await bureau.GetAsync($"/api/subsidies/programmes/{programmeId}");

        await using var context = await platform.NewContextAsync();
        var page = await SignedInBureauAsync(context);
        await page.ClickAsync("#nav-bureau-certification");
        await page.ClickAsync("#section-subsidies");
        await Expect(page.Locator("h1")).ToHaveTextAsync("建设投资补贴测算");
        await page.SelectOptionAsync("#programmeId", programmeId);
        await page.ClickAsync("#subsidy-programme-submit");
        await Expect(page.Locator("#terms-heading")).ToContainTextAsync(programmeName);

        await Expect(page.Locator("[data-testid=subsidy-line]")).ToHaveCountAsync(2);
        foreach (var line in expected["lines"]!.AsArray())
        {
            var row = page.Locator($"[data-testid=subsidy-line][data-application-id='{(string)line!["applicationId"]!}']");
            await Expect(row).ToHaveAttributeAsync("data-requested", CertificationData.Invariant((decimal)line["requestedCny"]!));
            await Expect(row).ToHaveAttributeAsync("data-allocated", CertificationData.Invariant((decimal)line["allocatedCny"]!));
        }
        await Expect(page.Locator($"[data-testid=subsidy-line][data-application-id='{first.ApplicationId}'] [data-testid=allocated]")).ToHaveTextAsync("¥400,000.00");
        await Expect(page.Locator($"[data-testid=subsidy-line][data-application-id='{second.ApplicationId}'] [data-testid=allocated]")).ToHaveTextAsync("¥600,000.00");
        await Expect(page.Locator("#over-budget")).ToContainTextAsync("¥1,500,000.00");
        await Expect(page.Locator("#over-budget")).ToContainTextAsync("¥1,000,000.00");
        await Expect(page.Locator("#total-allocated")).ToHaveTextAsync("¥1,000,000.00");
        await Expect(page.Locator("#subsidy-total")).ToHaveAttributeAsync("data-allocated", CertificationData.Invariant((decimal)expected["totalAllocatedCny"]!));

        // CSV (Chinese headings, the page's language): one line per warehouse plus the total, the same amounts.
        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-subsidies-csv"));
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await csvDownload.PathAsync())!)).TrimStart('\uFEFF');
        var rows = ParseCsv(csv);
        Assert.Equal(4, rows.Count); // headings, two warehouses, the total
        var allocated = rows[0].IndexOf("核定补贴(元)");
        Assert.Equal("证书编号", rows[0][0]);
        Assert.True(allocated > 0, string.Join(",", rows[0]));
        Assert.Equal([400000m, 600000m], rows.Skip(1).Take(2).Select(r => decimal.Parse(r[allocated], CultureInfo.InvariantCulture)).Order());
        Assert.Equal(1_000_000m, decimal.Parse(rows[3][allocated], CultureInfo.InvariantCulture));

        // XLSX: a zip (Office Open XML) with the workbook inside.
        var xlsxDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-subsidies-xlsx"));
        Assert.EndsWith(".xlsx", xlsxDownload.SuggestedFilename);
        using (var zip = new System.IO.Compression.ZipArchive(File.OpenRead((await xlsxDownload.PathAsync())!)))
            Assert.Contains(zip.Entries, e => e.FullName == "xl/workbook.xml");

        // The same export in English follows the page's language.
        await page.GotoAsync("/culture/en?returnUrl=" + Uri.EscapeDataString($"/bureau/subsidies?programmeId={programmeId}"));
        var english = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-subsidies-csv"));
        Assert.Equal("Certificate number", ParseCsv(Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await english.PathAsync())!)).TrimStart('\uFEFF'))[0][0]);
        await page.GotoAsync("/culture/zh-Hans?returnUrl=/");
    }

    /// <summary>RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line break ("" inside quotes).</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
