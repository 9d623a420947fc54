using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Warehouse.Api.Tests.Infrastructure;
using static Warehouse.Api.Tests.Certification.CertificationSupply;

namespace Warehouse.Api.Tests.Certification;

public sealed class AttachmentTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<(Scenario.Member Operator, string ApplicationId)> DraftAsync()
    {
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var programmeId = (string)(await CreateProgrammeAsync(client, bureau))["id"]!;
        var op = await Scenario.RegisterAsync(client, "operator");
        var application = await CreateApplicationAsync(client, op.Token, ApplicationBody(programmeId, await ReadyWarehouseAsync(client, op.Token)));
        return (op, (string)application["id"]!);
    }

    [Fact]
    public async Task A_pdf_is_stored_with_its_sha256_and_downloads_byte_for_byte()
    {
        var (op, id) = await DraftAsync();
        var pdf = Pdf(padding: 5000);
        var response = await UploadAsync(client, op.Token, id, pdf, "lease-contract.pdf", "application/pdf", "lease");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var attachment = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("application/pdf", (string)attachment["contentType"]!);
        Assert.Equal(pdf.Length, (long)attachment["sizeBytes"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), (string)attachment["sha256"]!);
        // JPEG and PNG are accepted too (a type-less name is judged by its bytes alone).
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, op.Token, id, [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], "licence.jpg", "image/jpeg")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(client, op.Token, id, Png, "scan", "application/octet-stream")).StatusCode);

        var download = await client.SendAsync(HttpMethod.Get, $"/api/certification/applications/{id}/attachments/{(string)attachment["id"]!}", op.Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        // Another operator cannot see, download or delete it.
        var other = await Scenario.RegisterAsync(client, "operator");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/certification/applications/{id}/attachments/{(string)attachment["id"]!}", other.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(client, other.Token, id, pdf, "x.pdf")).StatusCode);
        var view = await (await client.SendAsync(HttpMethod.Get, $"/api/certification/applications/{id}", op.Token)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(3, view!["attachments"]!.AsArray().Count);

        // After submission the bureau reads it on the review path.
        var bureau = await Scenario.LoginAsync(client, ApiFactory.BureauAdminEmail, ApiFactory.BureauAdminPassword);
        var reviewUrl = $"/api/certification/review/{id}/attachments/{(string)attachment["id"]!}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, reviewUrl, bureau)).StatusCode); // still a draft
        await SubmitAsync(client, op.Token, id);
        var reviewed = await client.SendAsync(HttpMethod.Get, reviewUrl, bureau);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal(pdf, await reviewed.Content.ReadAsByteArrayAsync());
        // Submitted: attachments are kept as they were.
        await Scenario.AssertProblemAsync(await UploadAsync(client, op.Token, id, pdf, "late.pdf"), HttpStatusCode.Conflict);
        await Scenario.AssertProblemAsync(await client.SendAsync(HttpMethod.Delete, $"/api/certification/applications/{id}/attachments/{(string)attachment["id"]!}", op.Token), HttpStatusCode.Conflict);
    }

    public static TheoryData<string, byte[], string?, string> Spoofed => new()
    {
        // name, bytes, declared content type → problem code
        { "invoice.pdf", Png, "application/pdf", "attachment.typeMismatch" },          // PNG bytes named and declared as PDF
        { "invoice.pdf", Png, null, "attachment.typeMismatch" },                        // PNG bytes behind a .pdf name
        { "photo.png", Pdf(), "image/png", "attachment.typeMismatch" },
        { "scan.jpg", Png, "image/png", "attachment.typeMismatch" },                    // a .jpg name over PNG bytes
        { "licence.pdf", Exe, "application/pdf", "attachment.type" },                   // an executable dressed as a PDF
        { "setup.exe", Exe, "application/octet-stream", "attachment.type" },
        { "notes.pdf", "hello, this is text"u8.ToArray(), "application/pdf", "attachment.type" },
        { "page.png", "<html><script>alert(1)</script>"u8.ToArray(), "image/png", "attachment.type" },
        { "licence.pdf", Pdf(), "text/html", "attachment.typeMismatch" },               // right bytes and name, wrong declared type
    };

    [Theory]
    [MemberData(nameof(Spoofed))]
    public async Task Spoofed_or_unsupported_types_are_refused_with_415_and_nothing_is_stored(string name, byte[] bytes, string? contentType, string code)
    {
        var (op, id) = await DraftAsync();
        var problem = await Scenario.AssertProblemAsync(await UploadAsync(client, op.Token, id, bytes, name, contentType), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(code, (string)problem["code"]!);
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM certification_attachments WHERE application_id = $1", Guid.Parse(id)));
    }

    [Fact]
    public async Task Oversize_files_empty_files_missing_parts_and_json_bodies_are_refused()
    {
        var (op, id) = await DraftAsync();
        // Just over 10 MiB of file, inside the request limit: the file's own limit answers.
        var big = Pdf(padding: 10 * 1024 * 1024 - 20);
        Assert.True(big.Length > 10 * 1024 * 1024);
        Assert.Equal("attachment.tooLarge", (string)(await Scenario.AssertProblemAsync(await UploadAsync(client, op.Token, id, big, "big.pdf"), HttpStatusCode.RequestEntityTooLarge))["code"]!);
        // Far over: the request limit answers before anything is read.
        await Scenario.AssertProblemAsync(await UploadAsync(client, op.Token, id, Pdf(padding: 12 * 1024 * 1024), "huge.pdf"), HttpStatusCode.RequestEntityTooLarge);
        Assert.NotNull((await Scenario.AssertProblemAsync(await UploadAsync(client, op.Token, id, [], "empty.pdf"), HttpStatusCode.BadRequest))["errors"]!["file"]);
        Assert.NotNull((await Scenario.AssertProblemAsync(await UploadAsync(client, op.Token, id, Pdf(), "a.pdf", kind: "selfie"), HttpStatusCode.BadRequest))["errors"]!["kind"]);
        var json = await client.SendAsync(HttpMethod.Post, $"/api/certification/applications/{id}/attachments", op.Token, new { file = "JVBERi0=" });
        Assert.Equal("attachment.multipart", (string)(await Scenario.AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType))["code"]!);
        Assert.Equal(0, await TestDatabase.CountAsync("SELECT count(*) FROM certification_attachments WHERE application_id = $1", Guid.Parse(id)));
    }
}
