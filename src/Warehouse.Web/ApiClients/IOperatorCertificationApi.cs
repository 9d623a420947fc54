using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>
/// The operator's certification applications: open programmes, drafts, attachments and submission. Another operator's
/// application does not exist here (404).
/// </summary>
public interface IOperatorCertificationApi
{
    [Get("/api/certification/programmes/open")]
    Task<IReadOnlyList<OpenProgramme>> ListOpenProgrammesAsync(CancellationToken ct);

    [Get("/api/certification/applications")]
    Task<IReadOnlyList<ApplicationSummary>> ListApplicationsAsync(CancellationToken ct);

    [Get("/api/certification/applications/{applicationId}")]
    Task<ApplicationView> GetApplicationAsync(Guid applicationId, CancellationToken ct);

    [Post("/api/certification/applications")]
    Task<ApplicationView> CreateApplicationAsync([Body] ApplicationInput input, CancellationToken ct);

    [Put("/api/certification/applications/{applicationId}")]
    Task<ApplicationView> UpdateApplicationAsync(Guid applicationId, [Body] ApplicationInput input, CancellationToken ct);

    [Post("/api/certification/applications/{applicationId}/submit")]
    Task<ApplicationView> SubmitApplicationAsync(Guid applicationId, CancellationToken ct);

    /// <summary>multipart/form-data: a part <c>file</c> and a field <c>kind</c>; the API judges the type by the bytes.</summary>
    [Multipart]
    [Post("/api/certification/applications/{applicationId}/attachments")]
    Task<AttachmentView> UploadAttachmentAsync(Guid applicationId, [AliasAs("kind")] string kind, [AliasAs("file")] StreamPart file, CancellationToken ct);

    /// <summary>The raw answer, streamed on to the browser by the download endpoint.</summary>
    [Get("/api/certification/applications/{applicationId}/attachments/{attachmentId}")]
    Task<HttpResponseMessage> DownloadAttachmentAsync(Guid applicationId, Guid attachmentId, CancellationToken ct);

    [Delete("/api/certification/applications/{applicationId}/attachments/{attachmentId}")]
    Task DeleteAttachmentAsync(Guid applicationId, Guid attachmentId, CancellationToken ct);

    [Get("/api/reference/service-types")]
    Task<IReadOnlyList<ServiceTypeInfo>> ListServiceTypesAsync(CancellationToken ct);

    [Get("/api/warehouses")]
    Task<IReadOnlyList<WarehouseSummary>> ListWarehousesAsync(CancellationToken ct);
}
