using Warehouse.Api.Platform.Errors;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Certification;

public static class CertificationEndpoints
{
    public static void MapCertification(this IEndpointRouteBuilder api)
    {
        var certification = api.MapGroup("/certification").WithTags("Certification");
        var bureau = Access.Members(OrganisationKind.Bureau);
        var bureauAdmins = Access.Admins(OrganisationKind.Bureau);
        var operators = Access.Members(OrganisationKind.Operator);

        var programmes = certification.MapGroup("/programmes");
        programmes.MapGet("/", Programmes.List).WithAccess(bureau).WithSummary("Every programme, latest version");
        programmes.MapGet("/defaults", Programmes.GetDefaults).WithAccess(bureau)
            .WithSummary("Default criteria, eligible categories, allocation rule and certificate validity for a new programme");
        programmes.MapGet("/open", Programmes.ListOpen).WithAccess(operators)
            .WithSummary("Programmes open for applications today (Suzhou date), latest version: what an operator may apply to");
        programmes.MapPost("/", Programmes.Create).WithAccess(bureauAdmins).WithSummary("Create a programme (version 1)");
        programmes.MapGet("/{programmeId:guid}", Programmes.Get).WithAccess(bureau).WithSummary("A programme's latest version, with its version list");
        programmes.MapPut("/{programmeId:guid}", Programmes.Update).WithAccess(bureauAdmins)
            .WithSummary("Edit a programme; send the revision you edited (stale → 409). If an application was submitted under the latest version, a new version is added and the old one kept");
        programmes.MapGet("/{programmeId:guid}/versions/{version:int}", Programmes.GetVersion).WithAccess(bureau).WithSummary("One (possibly superseded) version of a programme");

        var applications = certification.MapGroup("/applications").WithAccess(operators);
        applications.MapGet("/", Applications.List).WithSummary("The operator's own applications (?status=draft|submitted|moreInfoRequested|approved|rejected)");
        applications.MapPost("/", Applications.Create).WithSummary("Start an application (draft) for one of the operator's warehouses to an open programme");
        applications.MapGet("/{applicationId:guid}", Applications.Get)
            .WithSummary("One application with platform-verified facts, evaluation, attachments, decisions and certificate");
        applications.MapPut("/{applicationId:guid}", Applications.Update).WithSummary("Amend a draft or an application sent back for more information; send the version you edited");
        applications.MapPost("/{applicationId:guid}/submit", Applications.Submit)
            .WithSummary("Submit (or resubmit): claims the investment items (an item already claimed elsewhere → 409 naming it) and evaluates every criterion");
        applications.MapPost("/{applicationId:guid}/attachments", Attachments.Upload)
            .WithMetadata(new BodyLimit(Attachments.BodyLimitBytes))
            .WithSummary("Attach a PDF, JPEG or PNG (multipart/form-data: file, kind), at most 10 MiB; the type is read from the bytes, a spoofed name or type → 415")
            // No Accepts() metadata on purpose: routing would answer 415 before the handler, so another operator would
            // learn the application exists; the handler checks ownership (404) first, then the content type.
            .WithDescription("multipart/form-data with a part 'file' (PDF, JPEG or PNG, ≤ 10 MiB) and a field 'kind' " +
                "(businessLicence, lease, odiCertificate, commitmentLetter, shareholding, other). Answers 201 with {id, kind, fileName, contentType, sizeBytes, sha256, uploadedAt}.");
        // GET before DELETE: the isolation matrix calls routes in this order and the owner's DELETE consumes the sample.
        applications.MapGet("/{applicationId:guid}/attachments/{attachmentId:guid}", Attachments.Download).WithSummary("Download an attachment");
        applications.MapDelete("/{applicationId:guid}/attachments/{attachmentId:guid}", Attachments.Delete)
            .WithSummary("Remove an attachment of a draft or an application sent back for more information");

        var review = certification.MapGroup("/review").WithAccess(bureau);
        review.MapGet("/", Review.Queue).WithSummary("The review queue across operators (default ?status=submitted; also moreInfoRequested, approved, rejected; ?programmeId=)");
        review.MapGet("/{applicationId:guid}", Review.Get).WithSummary("A submitted application as the bureau sees it, with its operator");
        review.MapGet("/{applicationId:guid}/attachments/{attachmentId:guid}", Attachments.DownloadForReview).WithSummary("Download an attachment of a submitted application");
        review.MapPost("/{applicationId:guid}/decision", Review.Decide)
            .WithSummary("Approve, reject or request more information, with a reason (required); once per submission round (again → 409). Approval issues the certificate");

        certification.MapGet("/certificates", Review.Certificates).WithAccess(bureau).WithSummary("Every certificate, revoked ones included (?programmeId=)");
        certification.MapPost("/certificates/{certificateId:guid}/revoke", Review.Revoke).WithAccess(bureau).WithSummary("Revoke a certificate, with a reason");
        certification.MapGet("/decisions", Review.Decisions).WithAccess(bureau)
            .WithSummary("The append-only record of decisions and revocations (who, when, what, why, programme version), newest first (?applicationId=)");
    }
}
