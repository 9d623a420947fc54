using Warehouse.Api.Platform.Jobs;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Certification;
using static Warehouse.Api.Features.Certification.ApplicationViews;

namespace Warehouse.Api.Features.Certification;

/// <summary>
/// The bureau reviews submitted applications of every operator (read path and write path: see
/// Features/Certification/CertificationDesk.cs): approve, reject or request more information, always with a reason, once per
/// submission round; approval issues the certificate, which can later be revoked with a reason. Every decision and
/// revocation is an append-only record.
/// </summary>
public static class Review
{
    public sealed record OverrideInput(string? Criterion, CriterionOutcome? Outcome, string? Note);
    public sealed record DecisionRequest(DecisionKind? Decision, string? Reason, IReadOnlyList<OverrideInput?>? Overrides = null);
    public sealed record RevokeRequest(string? Reason);
    public sealed record Override(string Criterion, CriterionOutcome Outcome, string Note);

    public sealed record DecisionLogEntry(DecisionView Decision, Guid ApplicationId, OperatorRef Operator, WarehouseRef Warehouse, string? CertificateNumber);

    public sealed record CertificateListEntry(CertificateView Certificate, Guid ApplicationId, OperatorRef Operator, WarehouseRef Warehouse);

    public static async Task<Results<Ok<List<Summary>>, ValidationProblem>> Queue(WarehouseDb db, string? status, Guid? programmeId, CancellationToken ct)
    {
        if (!StatusFilter.TryParse(status, out var filter, out var problem)) return problem;
        return TypedResults.Ok(await QueueAsync(db, filter, programmeId, ct));
    }

    private static async Task<List<Summary>> QueueAsync(WarehouseDb db, ApplicationStatus? status, Guid? programmeId, CancellationToken ct)
    {
        if (status == ApplicationStatus.Draft) return []; // drafts are the operator's own
        return await ListAsync(db, asBureau: true, status ?? ApplicationStatus.Submitted, programmeId, ct);
    }

    public static async Task<Results<Ok<ApplicationView>, NotFound>> Get(Guid applicationId, WarehouseDb db, TimeProvider clock, CancellationToken ct)
        => await LoadAsync(db, applicationId, asBureau: true, clock, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound>> Decide(
        Guid applicationId, DecisionRequest request, WarehouseDb db, IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        // Found on the review path (the bureau's read policy); the write happens in the operator's own unit of work.
        var found = await db.Set<CertificationApplication>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Id == applicationId && a.Status != ApplicationStatus.Draft)
            .Select(a => new { a.TenantId }).SingleOrDefaultAsync(ct);
        if (found is null) return TypedResults.NotFound();

        var errors = new FieldErrors();
        if (request.Decision is null) errors.Add("decision", "One of: approve, reject, requestMoreInfo.");
        var reason = errors.Capture(() => Domain.DomainText.Required(request.Reason, "reason", 2000), "reason");
        var overrides = new List<Override>();
        var given = (request.Overrides ?? []).ToList();
        for (var i = 0; i < given.Count; i++)
        {
            var o = given[i];
            if (o?.Criterion is not { } criterion || !CriteriaEvaluation.All.Contains(criterion))
                errors.Add($"overrides[{i}].criterion", "One of: " + string.Join(", ", CriteriaEvaluation.All) + ".");
            if (o?.Outcome is null) errors.Add($"overrides[{i}].outcome", "pass, fail or needsReview.");
            var note = errors.Capture(() => Domain.DomainText.Required(o?.Note, $"overrides[{i}].note", 1000), $"overrides[{i}].note");
            if (o?.Criterion is { } c && o.Outcome is { } outcome && note is not null) overrides.Add(new Override(c, outcome, note));
        }
        if (overrides.GroupBy(o => o.Criterion).Any(g => g.Count() > 1)) errors.Add("overrides", "Override each criterion at most once.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var officer = db.Tenant.RequiredUserId;
        var bureau = db.Tenant.RequiredTenantId;
        var officerName = await db.Users.AsNoTracking().Where(u => u.Id == officer).Select(u => u.DisplayName).SingleAsync(ct);
        var today = CitySnapshots.Today(clock);

        await TenantScopes.AsOperatorAsync(scopes, found.TenantId, officer, async operatorDb =>
        {
            // The row lock serialises concurrent decisions: the second waits, then finds the round decided (409).
            await operatorDb.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM certification_applications WHERE tenant_id = {found.TenantId} AND id = {applicationId} FOR UPDATE", ct);
            var application = await operatorDb.Set<CertificationApplication>().SingleAsync(a => a.Id == applicationId, ct);
            if (application.Status != ApplicationStatus.Submitted)
                throw new ConflictException("application.alreadyDecided",
                    $"Round {application.SubmissionRound} of this application has already been decided ({application.Status}); a decision is made once per submission.");
            var version = await operatorDb.Set<ProgrammeVersion>().AsNoTracking()
                .SingleAsync(v => v.ProgrammeId == application.ProgrammeId && v.Version == application.EvaluatedProgrammeVersion, ct);

            if (request.Decision == DecisionKind.Approve)
            {
                var evaluation = JsonSerializer.Deserialize<Evaluation>(application.EvaluationJson!, Json)!;
                var failing = evaluation.Criteria
                    .Select(c => (c.Criterion, Outcome: overrides.FirstOrDefault(o => o.Criterion == c.Criterion)?.Outcome ?? c.Outcome))
                    .Where(c => c.Outcome == CriterionOutcome.Fail).Select(c => c.Criterion).ToList();
                if (failing.Count > 0)
                    throw new ConflictException("approval.criteriaFailing",
                        $"Criteria failing: {string.Join(", ", failing)}. Reject, request more information, or override them with a note.");
            }

            var now = clock.GetUtcNow();
            application.Decide(request.Decision!.Value, now);
            var decision = new CertificationDecision
            {
                TenantId = application.TenantId, Id = Guid.CreateVersion7(now), ApplicationId = application.Id, SubmissionRound = application.SubmissionRound,
                Action = request.Decision switch { DecisionKind.Approve => DecisionAction.Approve, DecisionKind.Reject => DecisionAction.Reject, _ => DecisionAction.RequestMoreInfo },
                Reason = reason!, OfficerUserId = officer, OfficerName = officerName, BureauId = bureau, DecidedAt = now,
                ProgrammeId = application.ProgrammeId, ProgrammeVersion = version.Version, Overrides = JsonSerializer.Serialize(overrides, Json),
            };
            if (request.Decision == DecisionKind.Approve)
            {
                var sequence = (await operatorDb.Database.SqlQuery<int>($"""
                    INSERT INTO certificate_sequences (year, level, last_number) VALUES ({version.Year}, {version.Level.ToString()}, 1)
                    ON CONFLICT (year, level) DO UPDATE SET last_number = certificate_sequences.last_number + 1
                    RETURNING last_number AS value
                    """).ToListAsync(ct)).Single();
                var certificate = new Certificate
                {
                    TenantId = application.TenantId, Id = Guid.CreateVersion7(now), ApplicationId = application.Id, WarehouseId = application.WarehouseId,
                    ProgrammeId = application.ProgrammeId, ProgrammeVersion = version.Version, ProgrammeYear = version.Year,
                    ProgrammeNameZh = version.NameZh, ProgrammeNameEn = version.NameEn, Level = version.Level,
                    Number = CertificateNumber.Format(version.Year, version.Level, sequence),
                    ValidFrom = today, ValidUntil = CertificateNumber.ValidUntil(today, version.CertificateValidityYears), IssuedAt = now, IssuedBy = officer,
                };
                operatorDb.Add(certificate);
                decision.CertificateId = certificate.Id;
            }
            else if (request.Decision == DecisionKind.Reject)
            {
                // A rejected application claims nothing: its investment items may be claimed again elsewhere.
                await operatorDb.Set<InvestmentItem>().Where(i => i.ApplicationId == application.Id)
                    .ExecuteUpdateAsync(i => i.SetProperty(x => x.Claimed, false), ct);
            }
            operatorDb.Add(decision);
            await operatorDb.SaveChangesAsync(ct);
            return true;
        }, ct);

        return TypedResults.Ok((await LoadAsync(db, applicationId, asBureau: true, clock, ct))!);
    }

    public static async Task<Results<Ok<CertificateListEntry>, ValidationProblem, NotFound>> Revoke(
        Guid certificateId, RevokeRequest request, WarehouseDb db, IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.Set<Certificate>().IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == certificateId)
            .Select(c => new { c.TenantId }).SingleOrDefaultAsync(ct);
        if (found is null) return TypedResults.NotFound();
        var errors = new FieldErrors();
        var reason = errors.Capture(() => Domain.DomainText.Required(request.Reason, "reason", 2000), "reason");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var officer = db.Tenant.RequiredUserId;
        var bureau = db.Tenant.RequiredTenantId;
        var officerName = await db.Users.AsNoTracking().Where(u => u.Id == officer).Select(u => u.DisplayName).SingleAsync(ct);
        await TenantScopes.AsOperatorAsync(scopes, found.TenantId, officer, async operatorDb =>
        {
            await operatorDb.Database.ExecuteSqlAsync($"SELECT 1 FROM certificates WHERE tenant_id = {found.TenantId} AND id = {certificateId} FOR UPDATE", ct);
            var certificate = await operatorDb.Set<Certificate>().SingleAsync(c => c.Id == certificateId, ct);
            if (certificate.RevokedAt is not null)
                throw new ConflictException("certificate.alreadyRevoked", $"Certificate {certificate.Number} was already revoked on {certificate.RevokedAt:yyyy-MM-dd}.");
            var round = await operatorDb.Set<CertificationApplication>().Where(a => a.Id == certificate.ApplicationId).Select(a => a.SubmissionRound).SingleAsync(ct);
            var now = clock.GetUtcNow();
            (certificate.RevokedAt, certificate.RevokedBy, certificate.RevokedReason) = (now, officer, reason);
            operatorDb.Add(new CertificationDecision
            {
                TenantId = certificate.TenantId, Id = Guid.CreateVersion7(now), ApplicationId = certificate.ApplicationId, SubmissionRound = round,
                Action = DecisionAction.Revoke, Reason = reason!, OfficerUserId = officer, OfficerName = officerName, BureauId = bureau, DecidedAt = now,
                ProgrammeId = certificate.ProgrammeId, ProgrammeVersion = certificate.ProgrammeVersion, CertificateId = certificate.Id,
            });
            await operatorDb.SaveChangesAsync(ct);
            return true;
        }, ct);
        return TypedResults.Ok((await CertificatesAsync(db, clock, null, certificateId, ct)).Single());
    }

    public static async Task<Ok<List<CertificateListEntry>>> Certificates(WarehouseDb db, TimeProvider clock, Guid? programmeId, CancellationToken ct)
        => TypedResults.Ok(await CertificatesAsync(db, clock, programmeId, null, ct));

    /// <summary>Every certificate (revoked ones included) on the bureau's review path.</summary>
    public static async Task<List<CertificateListEntry>> CertificatesAsync(WarehouseDb db, TimeProvider clock, Guid? programmeId, Guid? certificateId, CancellationToken ct)
    {
        var today = CitySnapshots.Today(clock);
        var query = db.Set<Certificate>().IgnoreQueryFilters().AsNoTracking();
        if (programmeId is { } p) query = query.Where(c => c.ProgrammeId == p);
        if (certificateId is { } id) query = query.Where(c => c.Id == id);
        var rows = await (from c in query
                          join a in db.Set<CertificationApplication>().IgnoreQueryFilters() on new { c.TenantId, Id = c.ApplicationId } equals new { a.TenantId, a.Id }
                          join o in db.Organisations on c.TenantId equals o.Id
                          orderby c.Number
                          select new { c, a.WarehouseNameZh, a.WarehouseNameEn, a.WarehouseCountryCode, a.WarehouseCity, o.LegalNameZh, o.LegalNameEn, o.CreditCode, o.DistrictCode })
            .ToListAsync(ct);
        return rows.Select(r => new CertificateListEntry(ToView(r.c, today), r.c.ApplicationId,
            new OperatorRef(r.c.TenantId, r.LegalNameZh, r.LegalNameEn, r.CreditCode, r.DistrictCode),
            new WarehouseRef(r.c.WarehouseId, r.WarehouseNameZh, r.WarehouseNameEn, r.WarehouseCountryCode, r.WarehouseCity))).ToList();
    }

    /// <summary>The append-only record of every decision and revocation, newest first.</summary>
    public static async Task<Ok<List<DecisionLogEntry>>> Decisions(WarehouseDb db, Guid? applicationId, CancellationToken ct)
    {
        var query = db.Set<CertificationDecision>().IgnoreQueryFilters().AsNoTracking();
        if (applicationId is { } id) query = query.Where(d => d.ApplicationId == id);
        var rows = await (from d in query
                          join a in db.Set<CertificationApplication>().IgnoreQueryFilters() on new { d.TenantId, Id = d.ApplicationId } equals new { a.TenantId, a.Id }
                          join o in db.Organisations on d.TenantId equals o.Id
                          orderby d.DecidedAt descending, d.Id descending
                          select new { d, a.WarehouseId, a.WarehouseNameZh, a.WarehouseNameEn, a.WarehouseCountryCode, a.WarehouseCity, o.LegalNameZh, o.LegalNameEn, o.CreditCode, o.DistrictCode })
            .Take(1000).ToListAsync(ct);
        var certificateIds = rows.Where(r => r.d.CertificateId != null).Select(r => r.d.CertificateId!.Value).Distinct().ToList();
        var numbers = await db.Set<Certificate>().IgnoreQueryFilters().AsNoTracking().Where(c => certificateIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        return TypedResults.Ok(rows.Select(r => new DecisionLogEntry(ToView(r.d), r.d.ApplicationId,
            new OperatorRef(r.d.TenantId, r.LegalNameZh, r.LegalNameEn, r.CreditCode, r.DistrictCode),
            new WarehouseRef(r.WarehouseId, r.WarehouseNameZh, r.WarehouseNameEn, r.WarehouseCountryCode, r.WarehouseCity),
            r.d.CertificateId is { } c ? numbers.GetValueOrDefault(c) : null)).ToList());
    }
}
