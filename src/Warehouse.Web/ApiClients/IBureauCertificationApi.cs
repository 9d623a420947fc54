using Refit;
using Warehouse.Web.Contracts;

namespace Warehouse.Web.ApiClients;

/// <summary>The bureau's certification desk, programmes, subsidies, exports and the city's sites for its map.</summary>
public interface IBureauCertificationApi
{
    /// <summary>The review queue; <paramref name="status"/> is submitted (the API's default), moreInfoRequested, approved or rejected.</summary>
    [Get("/api/certification/review")]
    Task<IReadOnlyList<CertApplicationSummary>> GetQueueAsync(string? status, Guid? programmeId, CancellationToken ct);

    [Get("/api/certification/review/{applicationId}")]
    Task<CertApplication> GetApplicationAsync(Guid applicationId, CancellationToken ct);

    [Post("/api/certification/review/{applicationId}/decision")]
    Task<CertApplication> DecideAsync(Guid applicationId, [Body] CertDecisionRequest decision, CancellationToken ct);

    [Get("/api/certification/certificates")]
    Task<IReadOnlyList<CertCertificateEntry>> GetCertificatesAsync(Guid? programmeId, CancellationToken ct);

    [Post("/api/certification/certificates/{certificateId}/revoke")]
    Task<CertCertificateEntry> RevokeAsync(Guid certificateId, [Body] CertRevokeRequest request, CancellationToken ct);

    [Get("/api/certification/programmes")]
    Task<IReadOnlyList<CertProgramme>> GetProgrammesAsync(CancellationToken ct);

    [Get("/api/certification/programmes/{programmeId}")]
    Task<CertProgramme> GetProgrammeAsync(Guid programmeId, CancellationToken ct);

    [Get("/api/certification/programmes/{programmeId}/versions/{version}")]
    Task<CertProgramme> GetProgrammeVersionAsync(Guid programmeId, int version, CancellationToken ct);

    [Post("/api/certification/programmes")]
    Task<CertProgramme> CreateProgrammeAsync([Body] CertProgrammeInput input, CancellationToken ct);

    [Put("/api/certification/programmes/{programmeId}")]
    Task<CertProgramme> UpdateProgrammeAsync(Guid programmeId, [Body] CertProgrammeInput input, CancellationToken ct);

    [Get("/api/reference/service-types")]
    Task<IReadOnlyList<ServiceType>> GetServiceTypesAsync(CancellationToken ct);

    [Get("/api/subsidies/programmes/{programmeId}")]
    Task<SubsidyTable> GetSubsidiesAsync(Guid programmeId, CancellationToken ct);

    /// <summary>Every active warehouse of the city (listed or not) as of the latest snapshot.</summary>
    [Get("/api/city-progress/sites")]
    Task<CitySites> GetSitesAsync(CancellationToken ct);

    // Files: answered as they come, so the web can pass them on (status, type and name) to the signed-in user.

    [Get("/api/certification/review/{applicationId}/attachments/{attachmentId}")]
    Task<HttpResponseMessage> DownloadAttachmentAsync(Guid applicationId, Guid attachmentId, CancellationToken ct);

    [Get("/api/exports/progress")]
    Task<HttpResponseMessage> ExportProgressAsync(string format, string lang, CancellationToken ct);

    [Get("/api/exports/certifications")]
    Task<HttpResponseMessage> ExportCertificationsAsync(string format, string lang, Guid? programmeId, CancellationToken ct);

    [Get("/api/exports/subsidies/{programmeId}")]
    Task<HttpResponseMessage> ExportSubsidiesAsync(Guid programmeId, string format, string lang, CancellationToken ct);
}
