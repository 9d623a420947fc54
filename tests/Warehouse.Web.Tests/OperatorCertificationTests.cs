using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Warehouse.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Warehouse.Web.Tests;

/// <summary>
/// The operator's certification pages in a real browser: applying with every fact and investment rows, attachments
/// (accepted, refused by their bytes or size, downloaded, removed), submitting and reading the automatic evaluation,
/// answering the bureau's request for more information, and the certificate once approved.
/// </summary>
public sealed class OperatorCertificationTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_operator_applies_attaches_evidence_submits_answers_the_bureaus_request_and_holds_the_certificate()
    {
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var programme = await OperatorCertificationData.OpenProgrammeAsync(bureau);
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var operatorApi = await ApiSession.SignInAsync(platform.Api, organisation.AdminEmail, organisation.AdminPassword);
        var supply = await OpsData.PublishWarehouseWithOfferAsync(operatorApi);

        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));

        // The list: the open programme to apply to, no applications or certificates yet.
        await page.ClickAsync("#nav-operator-certification");
        await Expect(page.Locator("h1")).ToHaveTextAsync("公共海外仓认定");
        await Expect(page.Locator("#no-applications")).ToBeVisibleAsync();
        await Expect(page.Locator("#no-certificates")).ToBeVisibleAsync();
        await Expect(page.Locator($"#programme-list tr[data-programme-id='{programme.Id}']")).ToContainTextAsync("市级");
        await page.ClickAsync($"#apply-{programme.Id}");

        // The draft form: the programme is chosen, the only warehouse too; every fact is filled in.
        await Expect(page.Locator("h1")).ToHaveTextAsync("新建认定申请");
        await Expect(page.Locator("#programmeId")).ToHaveValueAsync(programme.Id.ToString());
        await page.SelectOptionAsync("#warehouseId", supply.WarehouseId.ToString());
        await page.FillAsync("#yearsRegisteredInProvince", "5");
        await page.FillAsync("#yearsOperatingOverseas", "3.5");
        await page.FillAsync("#equityPercent", "100");
        await page.FillAsync("#odiCertificateNumber", "境外投资证第N3200202400123号");
        await page.CheckAsync("#noSeriousViolations-true");
        await page.FillAsync("#staff", "42");
        await page.FillAsync("#servedEnterprisesDeclared", "120");
        await page.CheckAsync("#service-dropShipping");
        await page.CheckAsync("#hasWms-true");
        await page.FillAsync("#wmsName", "Acme WMS 5");
        await page.FillAsync("#signedName", "张三");
        await page.CheckAsync("#accepted");

        // Investment rows come and go; what was typed stays.
        var invoice = $"INV-2026-{Guid.NewGuid():N}"[..20];
        await page.SelectOptionAsync("#item-category-0", "Equipment");
        await page.FillAsync("#item-amount-0", "1000000");
        await page.FillAsync("#item-reference-0", invoice);
        await page.FillAsync("#item-description-0", "货架与叉车");
        await page.ClickAsync("#item-add");
        await page.ClickAsync("#item-add");
        await Expect(page.Locator("#item-list tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#item-reference-0")).ToHaveValueAsync(invoice);
        await Expect(page.Locator("#staff")).ToHaveValueAsync("42");
        await Expect(page.Locator("#service-dropShipping")).ToBeCheckedAsync();
        await page.ClickAsync("#item-remove-2");
        await Expect(page.Locator("#item-list tbody tr")).ToHaveCountAsync(2);
        // The same invoice twice: the Api's error is shown beside the second row, nothing is saved.
        await page.SelectOptionAsync("#item-category-1", "It");
        await page.FillAsync("#item-amount-1", "250000.50");
        await page.FillAsync("#item-reference-1", invoice.ToLowerInvariant());
        await page.ClickAsync("#application-save");
        await Expect(page.Locator("tr[data-item='1'] .validation-message")).ToHaveTextAsync("请填写发票或合同编号（须含字母或数字），且每张只列一次。");
        await Expect(page.Locator("#equityPercent")).ToHaveValueAsync("100");
        await Expect(page.Locator("#noSeriousViolations-true")).ToBeCheckedAsync();
        await Expect(page.Locator("#hasWms-true")).ToBeCheckedAsync();
        await Expect(page.Locator("#accepted")).ToBeCheckedAsync();
        var none = await operatorApi.GetAsync("/api/certification/applications");
        Assert.Empty(none.AsArray());

        await page.FillAsync("#item-reference-1", $"CON-{Guid.NewGuid():N}"[..16]);
        await page.ClickAsync("#application-save");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已创建。");
        await Expect(page.Locator("#application-status [data-testid=application-status]")).ToHaveTextAsync("草稿");
        await Expect(page.Locator("#investment-total")).ToHaveTextAsync("1,250,000.50 CNY");
        await Expect(page.Locator("#no-evaluation")).ToBeVisibleAsync();
        var applicationId = Guid.Parse(Regex.Match(page.Url, "/operator/certification/([0-9a-f-]{36})").Groups[1].Value);
        var saved = await operatorApi.GetAsync($"/api/certification/applications/{applicationId}");
        Assert.Equal(3.5m, (decimal)saved["yearsOperatingOverseas"]!);
        Assert.Equal("Acme WMS 5", (string)saved["wmsName"]!);
        Assert.Equal(2, saved["investmentItems"]!.AsArray().Count);

        // Attachments: the accepted types and limit are stated; a PDF is stored with its size and SHA-256.
        await Expect(page.Locator("#upload-rules")).ToContainTextAsync("PDF、JPEG 或 PNG");
        await Expect(page.Locator("#upload-rules")).ToContainTextAsync("10 MB");
        var pdf = OperatorCertificationData.Pdf();
        await page.SelectOptionAsync("#attachment-kind", "businessLicence");
        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "营业执照.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.ClickAsync("#upload-submit");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("材料已上传。");
        var attachment = page.Locator("[data-testid=attachment]");
        await Expect(attachment).ToHaveCountAsync(1);
        await Expect(attachment).ToContainTextAsync("营业执照");
        await Expect(attachment.Locator("[data-testid=attachment-sha256]")).ToHaveTextAsync(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        await Expect(attachment.Locator("[data-testid=attachment-size]")).ToHaveTextAsync("2 KB");
        var download = await page.RunAndWaitForDownloadAsync(() => attachment.Locator("[data-testid=attachment-download]").ClickAsync());
        Assert.Equal("营业执照.pdf", download.SuggestedFilename);
        Assert.Equal(pdf, await File.ReadAllBytesAsync((await download.PathAsync())!));

        // An executable named .pdf is refused by its bytes, a file over 10 MB by its size: the reasons are shown, nothing is stored.
        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "licence.pdf", MimeType = "application/pdf", Buffer = OperatorCertificationData.Exe });
        await page.ClickAsync("#upload-submit");
        await Expect(page.Locator("#upload-error")).ToHaveTextAsync("只接受 PDF、JPEG 和 PNG 文件（按文件内容识别）。");
        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "scan.png", MimeType = "application/pdf", Buffer = OperatorCertificationData.Pdf() });
        await page.ClickAsync("#upload-submit");
        await Expect(page.Locator("#upload-error")).ToHaveTextAsync("文件内容与文件名或类型不符，疑似伪造类型，未上传。");
        // From a file, which Chromium reads itself: 10 MB as a buffer crosses Playwright's pipe base64-encoded, and on a
        // loaded 2-core machine that once outlasted the call's timeout.
        var bigDirectory = Directory.CreateTempSubdirectory("wh-upload-");
        try
        {
            var big = Path.Combine(bigDirectory.FullName, "big.pdf");
            await File.WriteAllBytesAsync(big, OperatorCertificationData.Pdf(10 * 1024 * 1024), TestContext.Current.CancellationToken);
            await page.SetInputFilesAsync("#attachment-file", big);
            await page.ClickAsync("#upload-submit");
            await Expect(page.Locator("#upload-error")).ToHaveTextAsync("文件过大：每个材料不超过 10 MB。");
        }
        finally { bigDirectory.Delete(recursive: true); }
        await Expect(page.Locator("[data-testid=attachment]")).ToHaveCountAsync(1);

        // A second document, then removed again while the application is a draft.
        await page.SelectOptionAsync("#attachment-kind", "lease");
        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "lease.png", MimeType = "image/png", Buffer = Png });
        await page.ClickAsync("#upload-submit");
        await Expect(page.Locator("[data-testid=attachment]")).ToHaveCountAsync(2);
        await page.Locator("[data-testid=attachment]", new() { HasText = "lease.png" }).Locator("[data-testid=attachment-delete]").ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("材料已删除。");
        await Expect(page.Locator("[data-testid=attachment]")).ToHaveCountAsync(1);

        // Submitted: evaluated criterion by criterion, measured value against threshold.
        await page.ClickAsync("#submit-application");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已提交，平台已完成自动评估，等待商务局审核。");
        await Expect(page.Locator("#application-status [data-testid=application-status]")).ToHaveTextAsync("已提交，待审核");
        await Expect(page.Locator("#criteria-list tbody tr")).ToHaveCountAsync(8);
        var years = page.Locator("#criteria-list tr[data-criterion=yearsRegisteredInProvince]");
        await Expect(years.Locator("th")).ToHaveTextAsync("在江苏省注册年限");
        await Expect(years.Locator("[data-testid=criterion-outcome]")).ToHaveTextAsync("通过");
        await Expect(years.Locator("[data-testid=criterion-actual]")).ToHaveTextAsync("5 年");
        await Expect(years.Locator("[data-testid=criterion-threshold]")).ToHaveTextAsync("≥ 2 年");
        var wms = page.Locator("#criteria-list tr[data-criterion=wms]");
        await Expect(wms.Locator("[data-testid=criterion-outcome]")).ToHaveTextAsync("需人工复核");
        var served = page.Locator("#criteria-list tr[data-criterion=servedEnterprises]");
        await Expect(served.Locator("[data-testid=criterion-outcome]")).ToHaveTextAsync("需人工复核");
        await Expect(served.Locator("[data-testid=criterion-actual]")).ToHaveTextAsync("0 平台上; 120 申报");
        await Expect(page.Locator("#criteria-list tr[data-criterion=serviceCoverage] [data-testid=criterion-outcome]")).ToHaveTextAsync("不通过");
        await Expect(page.Locator("#criteria-list tr[data-criterion=serviceCoverage] [data-testid=criterion-note]")).ToHaveTextAsync(new Regex("^缺少："));
        await Expect(wms.Locator("[data-testid=criterion-note]")).ToHaveTextAsync("已申报但未接入平台，请核对系统证明材料。");
        await Expect(page.Locator("#evaluation-overall [data-outcome]")).ToHaveTextAsync("不通过");
        await Expect(page.Locator("#edit-application")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=attachment-delete]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#upload-form")).ToHaveCountAsync(0);

        // The bureau asks for more: its request is shown first, with the way to amend and resubmit.
        const string request = "请补充境外仓库租赁合同及近一年的服务企业清单。";
        await OperatorCertificationData.DecideAsync(bureau, applicationId, "requestMoreInfo", request);
        await page.ReloadAsync();
        await Expect(page.Locator("#application-status [data-testid=application-status]")).ToHaveTextAsync("需补充材料");
        await Expect(page.Locator("#bureau-request-reason")).ToHaveTextAsync(request);
        await Expect(page.Locator("#timeline [data-testid=decision][data-action=requestMoreInfo]")).ToContainTextAsync(request);
        await page.ClickAsync("#amend-application");
        await Expect(page.Locator("h1")).ToHaveTextAsync("修改认定申请");
        await Expect(page.Locator("#item-reference-0")).ToHaveValueAsync(invoice);
        await page.FillAsync("#servedEnterprisesDeclared", "150");
        await page.ClickAsync("#application-save");
        await Expect(page.Locator("#notice")).ToHaveTextAsync("已保存。");
        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "lease-contract.pdf", MimeType = "application/pdf", Buffer = OperatorCertificationData.Pdf(3000) });
        await page.SelectOptionAsync("#attachment-kind", "lease");
        await page.ClickAsync("#upload-submit");
        await Expect(page.Locator("[data-testid=attachment]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#submit-application")).ToHaveTextAsync("补充后重新提交");
        await page.ClickAsync("#submit-application");
        await Expect(page.Locator("#application-status [data-testid=application-status]")).ToHaveTextAsync("已提交，待审核");
        await Expect(page.Locator("#application-round")).ToHaveTextAsync("2");
        await Expect(page.Locator("#bureau-request")).ToHaveCountAsync(0);

        // Approved: the certificate on the detail page and in the list, with its number, level and dates.
        var submitted = await operatorApi.GetAsync($"/api/certification/applications/{applicationId}");
        await OperatorCertificationData.DecideAsync(bureau, applicationId, "approve", "材料齐全，符合认定条件。", submitted);
        await page.ReloadAsync();
        await Expect(page.Locator("#application-status [data-testid=application-status]")).ToHaveTextAsync("已通过");
        await Expect(page.Locator("#timeline [data-testid=decision]")).ToHaveCountAsync(2);
        var number = await page.Locator("#certificate-number").InnerTextAsync();
        Assert.Matches(@"^SZ-PW-\d{4}-M-\d{4}$", number);
        await page.ClickAsync("#back-to-certification");
        var row = page.Locator($"#application-list tr[data-application-id='{applicationId}']");
        await Expect(row.Locator("[data-testid=application-status]")).ToHaveTextAsync("已通过");
        await Expect(row).ToContainTextAsync(number);
        var certificate = page.Locator("#certificate-list tbody tr");
        await Expect(certificate).ToHaveCountAsync(1);
        await Expect(certificate).ToContainTextAsync(number);
        await Expect(certificate).ToContainTextAsync("市级");
        await Expect(certificate.Locator("[data-testid=certificate-state]")).ToHaveTextAsync("有效");
    }

    [Fact]
    public async Task The_certification_pages_read_in_both_languages_and_the_operator_pages_pass_axe_core()
    {
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var programme = await OperatorCertificationData.OpenProgrammeAsync(bureau);
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var operatorApi = await ApiSession.SignInAsync(platform.Api, organisation.AdminEmail, organisation.AdminPassword);
        var supply = await OpsData.PublishWarehouseWithOfferAsync(operatorApi);
        var service = await operatorApi.PostAsync($"/api/warehouses/{supply.WarehouseId}/services", new
        {
            serviceType = "dropShipping", price = new { amount = 3.5m, currency = "EUR", unit = "perOrder" }, descriptionZh = "一件代发",
        });
        // One application sent back for more information (evaluation, timeline and the request on its page), one draft.
        var sentBack = await OperatorCertificationData.DraftAsync(operatorApi, programme.Id, supply.WarehouseId);
        await operatorApi.PostAsync($"/api/certification/applications/{sentBack}/submit");
        await OperatorCertificationData.DecideAsync(bureau, sentBack, "requestMoreInfo", "请补充股权证明。");
        var second = await OpsData.PublishWarehouseWithOfferAsync(operatorApi);
        var draft = await OperatorCertificationData.DraftAsync(operatorApi, programme.Id, second.WarehouseId);

        string[] certificationPages =
        [
            "/operator/certification", $"/operator/certification/new?programme={programme.Id}", $"/operator/certification/{sentBack}",
            $"/operator/certification/{sentBack}/edit", $"/operator/certification/{draft}",
        ];
        string[] operatorPages =
        [
            "/operator/warehouses", $"/operator/warehouses/{supply.WarehouseId}", $"/operator/warehouses/{supply.WarehouseId}/edit",
            $"/operator/offers/{supply.OfferId}", $"/operator/services/{(string)service["id"]!}", "/operator/bookings", .. certificationPages,
        ];

        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        var failures = new List<string>();

        foreach (var url in operatorPages)
        {
            await OpenAsync(page, url);
            foreach (var violation in await PageChecks.SeriousAccessibilityViolationsAsync(page)) failures.Add($"{url}: {violation}");
        }

        foreach (var (culture, expectChinese) in new[] { ("zh-Hans", true), ("en", false) })
        {
            foreach (var url in certificationPages)
            {
                await page.GotoAsync($"/culture/{culture}?returnUrl={Uri.EscapeDataString(url)}");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
                await Expect(page.Locator("main h1")).ToBeVisibleAsync();
                await Expect(page.Locator("#service-unavailable")).ToHaveCountAsync(0);
                var heading = await page.Locator("main h1").InnerTextAsync();
                if (Regex.IsMatch(heading, @"\p{IsCJKUnifiedIdeographs}") != expectChinese) failures.Add($"{url} ({culture}): heading '{heading}'");
                foreach (var key in await PageChecks.UntranslatedKeysAsync(page)) failures.Add($"{url} ({culture}): untranslated '{key}'");
            }
        }
        // In English the evaluation's words and the bureau's request read in English too.
        await page.GotoAsync($"/operator/certification/{sentBack}");
        await Expect(page.Locator("#bureau-request-heading")).ToHaveTextAsync("The bureau asks for more information");
        await Expect(page.Locator("#criteria-list tr[data-criterion=yearsRegisteredInProvince] [data-testid=criterion-threshold]")).ToHaveTextAsync("≥ 2 years");
        await Expect(page.Locator("#criteria-list tr[data-criterion=odiCertificate] th")).ToHaveTextAsync("Outbound investment (ODI) certificate");
        await page.GotoAsync("/culture/zh-Hans?returnUrl=/");

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task While_the_api_is_down_the_certification_pages_and_downloads_say_so_and_recover_when_it_returns()
    {
        var bureau = await ApiSession.SignInAsync(platform.Api, platform.BureauAdminEmail, platform.BureauAdminPassword);
        var programme = await OperatorCertificationData.OpenProgrammeAsync(bureau);
        var organisation = TestOrganisation.NewOperator();
        await organisation.RegisterThroughApiAsync(platform.Api);
        var operatorApi = await ApiSession.SignInAsync(platform.Api, organisation.AdminEmail, organisation.AdminPassword);
        var supply = await OpsData.PublishWarehouseWithOfferAsync(operatorApi);
        var draft = await OperatorCertificationData.DraftAsync(operatorApi, programme.Id, supply.WarehouseId);

        await using var proxy = new SwitchableProxy(platform.ApiBaseUrl);
        proxy.Up();
        await using var web = await platform.StartWebAsync(proxy.BaseUrl);
        await using var context = await platform.NewContextAsync(web.BaseUrl);
        var page = await context.NewPageAsync();
        await Forms.SignInAsync(page, organisation.AdminEmail, organisation.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await page.GotoAsync($"/operator/certification/{draft}");
        await page.SetInputFilesAsync("#attachment-file", new FilePayload { Name = "licence.pdf", MimeType = "application/pdf", Buffer = OperatorCertificationData.Pdf() });
        await page.ClickAsync("#upload-submit");
        var link = page.Locator("[data-testid=attachment-download]");
        await Expect(link).ToHaveCountAsync(1);
        var downloadUrl = (await link.GetAttributeAsync("href"))!;

        proxy.Down();
        foreach (var url in new[] { "/operator/certification", $"/operator/certification/{draft}", $"/operator/certification/{draft}/edit" })
        {
            var down = await page.GotoAsync(url);
            Assert.Equal(200, down!.Status);
            await Expect(page.Locator("#service-unavailable")).ToHaveTextAsync("服务暂时不可用，请稍后再试。");
            await Expect(page.Locator("#application-list, #attachments, #application-form")).ToHaveCountAsync(0);
            await ExpectNoStackTraceAsync(page);
        }
        var download = await page.GotoAsync(downloadUrl);
        Assert.Equal(503, download!.Status);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("请求无法处理");
        await ExpectNoStackTraceAsync(page);

        proxy.Up();
        await page.GotoAsync($"/operator/certification/{draft}");
        await Expect(page.Locator("#service-unavailable")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=attachment]")).ToHaveCountAsync(1);
    }

    private static async Task ExpectNoStackTraceAsync(IPage page)
    {
        var html = await page.ContentAsync();
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain(".cs:line", html);
    }

    [Fact]
    public void The_certification_texts_exist_in_Chinese_and_English_for_every_value_the_api_sends()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "Warehouse.Web", "Resources");
        Dictionary<string, string> Strings(string file) => XDocument.Load(Path.Combine(web, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
        var chinese = Strings("CertificationText.resx");
        var english = Strings("CertificationText.en.resx");

        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Where(s => !Regex.IsMatch(s.Value, @"\p{IsCJKUnifiedIdeographs}")).Select(s => s.Key));
        Assert.Empty(english.Where(s => string.IsNullOrWhiteSpace(s.Value) || Regex.IsMatch(s.Value, @"\p{IsCJKUnifiedIdeographs}")).Select(s => s.Key));
        string[] expected =
        [
            .. new[] { "Draft", "Submitted", "MoreInfoRequested", "Approved", "Rejected", "Revoked" }.Select(v => $"Status.{v}"),
            .. new[] { "yearsRegisteredInProvince", "yearsOperatingOverseas", "equityPercent", "odiCertificate", "noSeriousViolations",
                "servedEnterprises", "wms", "serviceCoverage" }.Select(v => $"Criterion.{v}"),
            .. new[] { "Pass", "Fail", "NeedsReview" }.Select(v => $"Outcome.{v}"),
            .. new[] { "Declared", "Verified" }.Select(v => $"Source.{v}"),
            .. new[] { "Equipment", "Lease", "Renovation", "It", "Other" }.Select(v => $"Category.{v}"),
            .. new[] { "BusinessLicence", "Lease", "OdiCertificate", "CommitmentLetter", "Shareholding", "Other" }.Select(v => $"AttachmentKind.{v}"),
            .. new[] { "Approve", "Reject", "RequestMoreInfo", "Revoke" }.Select(v => $"Decision.{v}"),
            .. new[] { "Municipal", "Provincial" }.Select(v => $"Level.{v}"),
            .. new[] { "valid", "pending", "expired", "revoked" }.Select(v => $"CertificateState.{v}"),
        ];
        Assert.Empty(expected.Except(chinese.Keys));
    }

    [Fact]
    public void Every_note_the_automatic_evaluation_writes_has_a_Chinese_text()
    {
        // The notes are fixed sentences of the domain's evaluation; the English resource holds each one verbatim.
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Warehouse.Domain", "Certification", "CriteriaEvaluation.cs"));
        var sentences = Regex.Matches(source, "\"([A-Z][^\"{}]*\\.)\"").Select(m => m.Groups[1].Value).ToHashSet();
        var prefixes = Regex.Matches(source, "\"([A-Z][^\"]*: )\"").Select(m => m.Groups[1].Value).ToHashSet();
        var english = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Warehouse.Web", "Resources", "CertificationText.en.resx")).Root!
            .Elements("data").Where(d => ((string)d.Attribute("name")!).StartsWith("Note.", StringComparison.Ordinal))
            .Select(d => (string)d.Element("value")!).ToList();

        Assert.True(sentences.Count >= 10, $"only {sentences.Count} notes found: the pattern no longer matches the source");
        Assert.Empty(sentences.Except(english));
        Assert.Equal(2, prefixes.Count);
        Assert.All(prefixes, p => Assert.Contains(p + "{0}", english));
    }

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    private static async Task OpenAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response!.Status == 200, $"{url} answered {response.Status}");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(page.Locator("#service-unavailable")).ToHaveCountAsync(0);
        await Expect(page.Locator("#not-found")).ToHaveCountAsync(0);
    }
}
