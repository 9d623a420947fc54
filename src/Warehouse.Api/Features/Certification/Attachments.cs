using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Certification;

namespace Warehouse.Api.Features.Certification;

/// <summary>
/// Documents attached to an application (business licence, lease, ODI certificate, commitment letter, …): PDF, JPEG or
/// PNG, recognised by their first bytes, never by the file name or the declared content type. A name or declared type
/// that disagrees with the bytes is refused as a spoofed type (415). At most <see cref="MaxBytes"/> each; stored in
/// PostgreSQL with their SHA-256.
/// </summary>
public static class Attachments
{
    public const long MaxBytes = 10L * 1024 * 1024;
    public const int MaxPerApplication = 30;
    /// <summary>The request body limit of the upload endpoint: one file plus the multipart framing and form fields.</summary>
    public const long BodyLimitBytes = MaxBytes + 64 * 1024;

    public enum FileType { Pdf, Jpeg, Png }

    private static readonly Dictionary<FileType, (string ContentType, string[] Extensions)> Types = new()
    {
        [FileType.Pdf] = ("application/pdf", [".pdf"]),
        [FileType.Jpeg] = ("image/jpeg", [".jpg", ".jpeg"]),
        [FileType.Png] = ("image/png", [".png"]),
    };

    /// <summary>The type the bytes are, or null: PDF starts "%PDF-", JPEG FF D8 FF, PNG 89 "PNG" 0D 0A 1A 0A.</summary>
    public static FileType? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return FileType.Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return FileType.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return FileType.Png;
        return null;
    }

    public static async Task<IResult> Upload(Guid applicationId, HttpRequest request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var application = await db.Set<CertificationApplication>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return TypedResults.NotFound();
        if (!request.HasFormContentType)
            return Problem(415, "attachment.multipart", "Upload the file as multipart/form-data with a 'file' part and a 'kind' field.");
        if (!application.IsEditable)
            throw new ConflictException("application.notEditable", $"An application that is {application.Status} cannot take new attachments.");

        var form = await request.ReadFormAsync(ct);
        var errors = new FieldErrors();
        var file = form.Files.GetFile("file");
        if (file is null || form.Files.Count != 1) errors.Add("file", "Send exactly one file, in the part named 'file'.");
        AttachmentKind kind = default;
        var kindText = form["kind"].ToString();
        if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || kindText.Length == 0 || char.IsDigit(kindText[0]))
            errors.Add("kind", "One of: businessLicence, lease, odiCertificate, commitmentLetter, shareholding, other.");
        var name = Path.GetFileName(file?.FileName ?? "").Trim();
        if (file is not null && (name.Length is 0 or > 200 || Domain.DomainText.Optional(name, "file", 200) is null || name.Any(char.IsControl)))
            errors.Add("file", "The file needs a name of 1 to 200 printable characters.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (file!.Length > MaxBytes) return Problem(413, "attachment.tooLarge", $"An attachment is at most {MaxBytes / (1024 * 1024)} MiB.");
        if (file.Length == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The file is empty."] });

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        var type = Sniff(content);
        if (type is null)
            return Problem(415, "attachment.type", "Only PDF, JPEG and PNG files are accepted (recognised by their content).");
        var (contentType, extensions) = Types[type.Value];
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension.Length > 0 && !extensions.Contains(extension))
            return Problem(415, "attachment.typeMismatch", $"The file's content is {type} but its name ends in '{extension}': the type looks spoofed.");
        var declared = file.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(declared) && declared != "application/octet-stream" && declared != contentType && !(type == FileType.Jpeg && declared == "image/jpg"))
            return Problem(415, "attachment.typeMismatch", $"The file's content is {type} but it was sent as '{declared}': the type looks spoofed.");

        if (await db.Set<ApplicationAttachment>().CountAsync(a => a.ApplicationId == applicationId, ct) >= MaxPerApplication)
            throw new ConflictException("attachment.tooMany", $"An application has at most {MaxPerApplication} attachments; remove one first.");
        var now = clock.GetUtcNow();
        var attachment = new ApplicationAttachment
        {
            TenantId = application.TenantId, Id = Guid.CreateVersion7(now), ApplicationId = applicationId, Kind = kind,
            FileName = name, ContentType = contentType, SizeBytes = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content, UploadedAt = now, UploadedBy = db.Tenant.RequiredUserId,
        };
        db.Add(attachment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/certification/applications/{applicationId}/attachments/{attachment.Id}",
            new ApplicationViews.AttachmentView(attachment.Id, attachment.Kind, attachment.FileName, attachment.ContentType, attachment.SizeBytes, attachment.Sha256, attachment.UploadedAt));
    }

    /// <summary>The operator downloads its own attachment.</summary>
    public static Task<IResult> Download(Guid applicationId, Guid attachmentId, HttpResponse response, WarehouseDb db, CancellationToken ct)
        => SendAsync(ApplicationViews.Scoped<ApplicationAttachment>(db, asBureau: false), applicationId, attachmentId, response, ct);

    /// <summary>The bureau downloads an attachment of a submitted application (review path: bureau_review policy, not drafts).</summary>
    public static Task<IResult> DownloadForReview(Guid applicationId, Guid attachmentId, HttpResponse response, WarehouseDb db, CancellationToken ct)
        => SendAsync(ApplicationViews.Scoped<ApplicationAttachment>(db, asBureau: true)
            .Where(x => db.Set<CertificationApplication>().IgnoreQueryFilters().Any(a => a.TenantId == x.TenantId && a.Id == x.ApplicationId && a.Status != ApplicationStatus.Draft)),
            applicationId, attachmentId, response, ct);

    private static async Task<IResult> SendAsync(IQueryable<ApplicationAttachment> attachments, Guid applicationId, Guid attachmentId, HttpResponse response, CancellationToken ct)
    {
        var attachment = await attachments.SingleOrDefaultAsync(a => a.ApplicationId == applicationId && a.Id == attachmentId, ct);
        if (attachment is null) return TypedResults.NotFound();
        // Served as a download of the type its bytes are, never rendered inline or re-sniffed by the browser.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["X-Content-SHA256"] = attachment.Sha256;
        return TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid applicationId, Guid attachmentId, WarehouseDb db, CancellationToken ct)
    {
        var application = await db.Set<CertificationApplication>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return TypedResults.NotFound();
        var attachment = await db.Set<ApplicationAttachment>().SingleOrDefaultAsync(a => a.ApplicationId == applicationId && a.Id == attachmentId, ct);
        if (attachment is null) return TypedResults.NotFound();
        if (!application.IsEditable)
            throw new ConflictException("application.notEditable", $"Attachments of an application that is {application.Status} are kept as submitted.");
        db.Remove(attachment);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static IResult Problem(int status, string code, string detail) => TypedResults.Problem(Problems.Create(status, code, detail));
}
