using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Certification;

namespace Warehouse.Api.Features.Certification;

/// <summary>What an application looks like to its operator and, once submitted, to the bureau.</summary>
public static class ApplicationViews
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public sealed record ProgrammeRef(Guid Id, int Year, CertificationLevel Level, string NameZh, string? NameEn, int LatestVersion);
    public sealed record WarehouseRef(Guid Id, string NameZh, string? NameEn, string CountryCode, string City);
    public sealed record OperatorRef(Guid Id, string LegalNameZh, string? LegalNameEn, string? CreditCode, string? DistrictCode);
    public sealed record ItemView(InvestmentCategory Category, decimal AmountCny, string Reference, string? Description, bool Claimed);
    public sealed record CategoryTotal(InvestmentCategory Category, decimal AmountCny);
    public sealed record CommitmentView(string? SignedName, bool Accepted);

    /// <summary>The platform's own facts; <c>Verified</c> is always true for these, <c>CountedAt</c> says when (live for an editable application).</summary>
    public sealed record PlatformFactsView(bool Verified, DateOnly CountedOn, bool Live, int ServedEnterprises, IReadOnlyList<string> Services,
        bool? WmsConnected, string WmsEvidence, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2);

    public sealed record EvaluationView(CriterionOutcome Overall, int ProgrammeVersion, IReadOnlyList<CriterionResult> Criteria);
    public sealed record AttachmentView(Guid Id, AttachmentKind Kind, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);
    public sealed record DecisionView(Guid Id, DecisionAction Action, int SubmissionRound, string Reason, string OfficerName, DateTimeOffset DecidedAt,
        Guid ProgrammeId, int ProgrammeVersion, Guid? CertificateId, JsonElement Overrides);
    public sealed record CertificateView(Guid Id, string Number, CertificationLevel Level, int ProgrammeYear, string ProgrammeNameZh, string? ProgrammeNameEn,
        int ProgrammeVersion, Guid WarehouseId, DateOnly ValidFrom, DateOnly ValidUntil, DateTimeOffset IssuedAt, bool Revoked, DateTimeOffset? RevokedAt,
        string? RevokedReason, string State);

    public sealed record ApplicationView(
        Guid Id, ProgrammeRef Programme, WarehouseRef Warehouse, OperatorRef? Operator, ApplicationStatus Status, int SubmissionRound,
        decimal YearsRegisteredInProvince, decimal YearsOperatingOverseas, decimal EquityPercent, string? OdiCertificateNumber,
        bool NoSeriousViolations, int Staff, int? ServedEnterprisesDeclared, IReadOnlyList<string> ServicesDeclared, bool HasWms, string? WmsName,
        IReadOnlyList<ItemView> InvestmentItems, IReadOnlyList<CategoryTotal> InvestmentByCategory, decimal InvestmentTotalCny,
        CommitmentView Commitment, PlatformFactsView PlatformFacts, EvaluationView? Evaluation,
        IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<DecisionView> Decisions, CertificateView? Certificate,
        DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, uint Version);

    public sealed record Summary(
        Guid Id, ProgrammeRef Programme, WarehouseRef Warehouse, OperatorRef? Operator, ApplicationStatus Status, int SubmissionRound,
        CriterionOutcome? EvaluationOutcome, decimal InvestmentTotalCny, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt,
        string? CertificateNumber);

    public static string CertificateState(Certificate c, DateOnly today)
        => c.RevokedAt is not null ? "revoked" : today < c.ValidFrom ? "pending" : today > c.ValidUntil ? "expired" : "valid";

    public static CertificateView ToView(Certificate c, DateOnly today) => new(c.Id, c.Number, c.Level, c.ProgrammeYear, c.ProgrammeNameZh, c.ProgrammeNameEn,
        c.ProgrammeVersion, c.WarehouseId, c.ValidFrom, c.ValidUntil, c.IssuedAt, c.RevokedAt is not null, c.RevokedAt, c.RevokedReason, CertificateState(c, today));

    /// <summary>
    /// Loads one application. As the operator (<paramref name="asBureau"/> false) EF's tenant filter applies; as the
    /// bureau the filter is set aside explicitly and the review path's conditions are stated (not a draft), with the
    /// bureau_review row policies enforcing the same in the database.
    /// </summary>
    public static async Task<ApplicationView?> LoadAsync(WarehouseDb db, Guid applicationId, bool asBureau, TimeProvider clock, CancellationToken ct)
    {
        var today = CitySnapshots.Today(clock);
        var applications = asBureau
            ? db.Set<CertificationApplication>().IgnoreQueryFilters().Where(a => a.Status != ApplicationStatus.Draft)
            : db.Set<CertificationApplication>();
        var a = await applications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == applicationId, ct);
        if (a is null) return null;

        var items = await Scoped<InvestmentItem>(db, asBureau).Where(i => i.TenantId == a.TenantId && i.ApplicationId == a.Id).OrderBy(i => i.Position).ToListAsync(ct);
        var attachments = await Scoped<ApplicationAttachment>(db, asBureau).Where(x => x.TenantId == a.TenantId && x.ApplicationId == a.Id)
            .OrderBy(x => x.UploadedAt).ThenBy(x => x.Id)
            .Select(x => new AttachmentView(x.Id, x.Kind, x.FileName, x.ContentType, x.SizeBytes, x.Sha256, x.UploadedAt)).ToListAsync(ct);
        var decisions = await Scoped<CertificationDecision>(db, asBureau).Where(d => d.TenantId == a.TenantId && d.ApplicationId == a.Id)
            .OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToListAsync(ct);
        var certificate = await Scoped<Certificate>(db, asBureau).Where(c => c.TenantId == a.TenantId && c.ApplicationId == a.Id).SingleOrDefaultAsync(ct);
        var programme = await ProgrammeRefAsync(db, a.ProgrammeId, ct);
        OperatorRef? op = null;
        if (asBureau)
            op = await db.Organisations.AsNoTracking().Where(o => o.Id == a.TenantId)
                .Select(o => new OperatorRef(o.Id, o.LegalNameZh, o.LegalNameEn, o.CreditCode, o.DistrictCode)).SingleAsync(ct);

        PlatformFactsView facts;
        if (a.IsEditable && !asBureau)
        {
            // Editable: counted now, in the operator's own unit of work.
            var live = await PlatformFacts.CountAsync(db, a.WarehouseId, today, ct);
            facts = FactsView(live!, today, live: true);
        }
        else
        {
            var stored = a.VerifiedFactsJson is null ? null : JsonSerializer.Deserialize<StoredFacts>(a.VerifiedFactsJson, Json);
            facts = stored is null
                ? FactsView(new VerifiedFacts(0, [], null, 0, 0, 0), today, live: false)
                : FactsView(stored.Facts, stored.CountedOn, live: false);
        }
        var evaluation = a.EvaluationJson is null ? null : JsonSerializer.Deserialize<Evaluation>(a.EvaluationJson, Json);

        var byCategory = items.GroupBy(i => i.Category).OrderBy(g => g.Key).Select(g => new CategoryTotal(g.Key, g.Sum(i => i.AmountCny))).ToList();
        return new ApplicationView(
            a.Id, programme, new WarehouseRef(a.WarehouseId, a.WarehouseNameZh, a.WarehouseNameEn, a.WarehouseCountryCode, a.WarehouseCity), op,
            a.Status, a.SubmissionRound, a.YearsRegisteredInProvince, a.YearsOperatingOverseas, a.EquityPercent, a.OdiCertificateNumber,
            a.NoSeriousViolations, a.Staff, a.ServedEnterprisesDeclared, a.ServicesDeclared, a.HasWms, a.WmsName,
            items.Select(i => new ItemView(i.Category, i.AmountCny, i.Reference, i.Description, i.Claimed)).ToList(), byCategory, items.Sum(i => i.AmountCny),
            new CommitmentView(a.CommitmentSignedName, a.CommitmentAccepted), facts,
            evaluation is null ? null : new EvaluationView(evaluation.Overall, a.EvaluatedProgrammeVersion ?? 0, evaluation.Criteria),
            attachments, decisions.Select(ToView).ToList(), certificate is null ? null : ToView(certificate, today),
            a.CreatedAt, a.SubmittedAt, a.DecidedAt, a.Version);
    }

    public static DecisionView ToView(CertificationDecision d) => new(d.Id, d.Action, d.SubmissionRound, d.Reason, d.OfficerName, d.DecidedAt,
        d.ProgrammeId, d.ProgrammeVersion, d.CertificateId, JsonDocument.Parse(d.Overrides).RootElement.Clone());

    /// <summary>The platform's facts as stored at submission, with the date they were counted.</summary>
    public sealed record StoredFacts(DateOnly CountedOn, VerifiedFacts Facts);

    private static PlatformFactsView FactsView(VerifiedFacts f, DateOnly countedOn, bool live) => new(true, countedOn, live, f.ServedEnterprises, f.Services,
        f.WmsConnected, f.WmsConnected switch { true => "connected feed", false => "feed disconnected", null => "no connected feed yet: a declared WMS needs review" },
        f.ExistingM2, f.InUseM2, f.UnderConstructionM2);

    /// <summary>
    /// The bureau reads other operators' rows on the review path (EF's tenant filter off; the bureau_review row policies
    /// decide, and callers state the non-draft condition too); an operator reads its own under the filter as usual.
    /// </summary>
    internal static IQueryable<T> Scoped<T>(WarehouseDb db, bool asBureau) where T : class
        => asBureau ? db.Set<T>().IgnoreQueryFilters().AsNoTracking() : db.Set<T>().AsNoTracking();

    public static async Task<ProgrammeRef> ProgrammeRefAsync(WarehouseDb db, Guid programmeId, CancellationToken ct)
        => await (from p in db.Set<CertificationProgramme>().AsNoTracking()
                  join v in db.Set<ProgrammeVersion>().AsNoTracking() on new { p.Id, Version = p.LatestVersion } equals new { Id = v.ProgrammeId, v.Version }
                  where p.Id == programmeId
                  select new ProgrammeRef(p.Id, v.Year, v.Level, v.NameZh, v.NameEn, p.LatestVersion)).SingleAsync(ct);

    /// <summary>Lists applications: the operator's own, or (bureau) every operator's non-draft ones, optionally by status.</summary>
    public static async Task<List<Summary>> ListAsync(WarehouseDb db, bool asBureau, ApplicationStatus? status, Guid? programmeId, CancellationToken ct)
    {
        var query = asBureau
            ? db.Set<CertificationApplication>().IgnoreQueryFilters().AsNoTracking().Where(a => a.Status != ApplicationStatus.Draft)
            : db.Set<CertificationApplication>().AsNoTracking();
        if (status is { } s) query = query.Where(a => a.Status == s);
        if (programmeId is { } p) query = query.Where(a => a.ProgrammeId == p);
        var rows = await query.OrderBy(a => a.SubmittedAt ?? a.CreatedAt).ThenBy(a => a.Id).Take(1000).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var totals = await Scoped<InvestmentItem>(db, asBureau).Where(i => ids.Contains(i.ApplicationId))
            .GroupBy(i => i.ApplicationId).Select(g => new { g.Key, Total = g.Sum(i => i.AmountCny) }).ToDictionaryAsync(g => g.Key, g => g.Total, ct);
        var certificates = await Scoped<Certificate>(db, asBureau).Where(c => ids.Contains(c.ApplicationId))
            .Select(c => new { c.ApplicationId, c.Number }).ToDictionaryAsync(c => c.ApplicationId, c => c.Number, ct);
        var programmeIds = rows.Select(r => r.ProgrammeId).Distinct().ToList();
        var programmes = await (from pr in db.Set<CertificationProgramme>().AsNoTracking()
                                join v in db.Set<ProgrammeVersion>().AsNoTracking() on new { pr.Id, Version = pr.LatestVersion } equals new { Id = v.ProgrammeId, v.Version }
                                where programmeIds.Contains(pr.Id)
                                select new ProgrammeRef(pr.Id, v.Year, v.Level, v.NameZh, v.NameEn, pr.LatestVersion)).ToDictionaryAsync(x => x.Id, ct);
        var operatorIds = rows.Select(r => r.TenantId).Distinct().ToList();
        var operators = asBureau
            ? await db.Organisations.AsNoTracking().Where(o => operatorIds.Contains(o.Id))
                .Select(o => new OperatorRef(o.Id, o.LegalNameZh, o.LegalNameEn, o.CreditCode, o.DistrictCode)).ToDictionaryAsync(o => o.Id, ct)
            : [];
        return rows.Select(a => new Summary(a.Id, programmes[a.ProgrammeId],
            new WarehouseRef(a.WarehouseId, a.WarehouseNameZh, a.WarehouseNameEn, a.WarehouseCountryCode, a.WarehouseCity),
            asBureau ? operators[a.TenantId] : null, a.Status, a.SubmissionRound, a.EvaluationOutcome, totals.GetValueOrDefault(a.Id),
            a.CreatedAt, a.SubmittedAt, a.DecidedAt, certificates.GetValueOrDefault(a.Id))).ToList();
    }
}
