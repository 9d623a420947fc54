using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warehouse.Domain;
using Warehouse.Domain.Certification;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Certification;

/// <summary>
/// A certification programme (认定批次): the bureau's, a global table. Its terms live in numbered versions; a version
/// that an application was submitted (evaluated) under is frozen, so an edit then adds a version instead.
/// </summary>
public sealed class CertificationProgramme
{
    public Guid Id { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token (xmin): every edit touches this row, so a stale edit is a 409.</summary>
    public uint Revision { get; set; }
}

/// <summary>One version of a programme's terms. Global, read by bureau members and (while open) by operators.</summary>
public sealed class ProgrammeVersion
{
    public Guid ProgrammeId { get; set; }
    public int Version { get; set; }
    public int Year { get; set; }
    public CertificationLevel Level { get; set; }
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    public CertificationCriteria Criteria { get; set; } = CertificationCriteria.Defaults;
    public List<InvestmentCategory> EligibleCategories { get; set; } = [];
    public decimal SubsidyRate { get; set; }
    public decimal CapPerWarehouseCny { get; set; }
    public decimal BudgetCny { get; set; }
    public AllocationRule AllocationRule { get; set; }
    public int CertificateValidityYears { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid CreatedBy { get; set; }

    public ProgrammeTerms Terms => new(Year, Level, NameZh, NameEn, OpensOn, ClosesOn, Criteria, EligibleCategories, SubsidyRate,
        CapPerWarehouseCny, BudgetCny, AllocationRule, CertificateValidityYears);

    public void Apply(ProgrammeTerms terms)
    {
        (Year, Level, NameZh, NameEn, OpensOn, ClosesOn) = (terms.Year, terms.Level, terms.NameZh, terms.NameEn, terms.OpensOn, terms.ClosesOn);
        (Criteria, EligibleCategories, SubsidyRate) = (terms.Criteria, terms.EligibleCategories.ToList(), terms.SubsidyRate);
        (CapPerWarehouseCny, BudgetCny, AllocationRule, CertificateValidityYears) = (terms.CapPerWarehouseCny, terms.BudgetCny, terms.AllocationRule, terms.CertificateValidityYears);
    }
}

/// <summary>The last certificate sequence number given out per year and level (global), so numbers are unique across operators.</summary>
public sealed class CertificateSequence
{
    public int Year { get; set; }
    public CertificationLevel Level { get; set; }
    public int LastNumber { get; set; }
}

/// <summary>
/// One investment line of an application (operator's tenant row). <see cref="Claimed"/> is set when the application is
/// submitted and cleared if it is rejected; a partial unique index on (tenant_id, reference_key) where claimed keeps
/// an invoice or contract from being claimed in two applications, whatever programme.
/// </summary>
public sealed class InvestmentItem : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public int Position { get; set; }
    public InvestmentCategory Category { get; set; }
    public decimal AmountCny { get; set; }
    public string Reference { get; set; } = "";
    public string ReferenceKey { get; set; } = "";
    public string? Description { get; set; }
    public bool Claimed { get; set; }
}

public enum AttachmentKind { BusinessLicence, Lease, OdiCertificate, CommitmentLetter, Shareholding, Other }

/// <summary>An uploaded document (PDF, JPEG or PNG by its bytes), stored in PostgreSQL with its SHA-256.</summary>
public sealed class ApplicationAttachment : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public AttachmentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public Guid UploadedBy { get; set; }
}

public enum DecisionAction { Approve, Reject, RequestMoreInfo, Revoke }

/// <summary>
/// One decision of the bureau on an application's submission round, or the revocation of its certificate: who, when,
/// what, why, under which programme version. Append-only: the app role has no UPDATE or DELETE on the table, and a
/// trigger refuses UPDATE, DELETE and TRUNCATE for every role (migration Certification). The operator's tenant row,
/// so the operator reads the reasons given to it.
/// </summary>
public sealed class CertificationDecision : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public int SubmissionRound { get; set; }
    public DecisionAction Action { get; set; }
    public string Reason { get; set; } = "";
    public Guid OfficerUserId { get; set; }
    public string OfficerName { get; set; } = "";
    public Guid BureauId { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public Guid ProgrammeId { get; set; }
    public int ProgrammeVersion { get; set; }
    public Guid? CertificateId { get; set; }
    /// <summary>JSON array of criteria the officer overrode: {criterion, outcome, note}.</summary>
    public string Overrides { get; set; } = "[]";
}

/// <summary>
/// A public overseas warehouse certificate. The operator's tenant row; readable by any signed-in caller while valid and
/// its warehouse listed (policy public_certificate), so search can show the badge; written only in the operator's
/// scope when the bureau approves or revokes.
/// </summary>
public sealed class Certificate : ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid WarehouseId { get; set; }
    public Guid ProgrammeId { get; set; }
    public int ProgrammeVersion { get; set; }
    public int ProgrammeYear { get; set; }
    public string ProgrammeNameZh { get; set; } = "";
    public string? ProgrammeNameEn { get; set; }
    public CertificationLevel Level { get; set; }
    public string Number { get; set; } = "";
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidUntil { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public Guid IssuedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedBy { get; set; }
    public string? RevokedReason { get; set; }
}

public sealed class CertificationProgrammeConfiguration : IEntityTypeConfiguration<CertificationProgramme>
{
    public void Configure(EntityTypeBuilder<CertificationProgramme> programme)
    {
        programme.ToTable("certification_programmes");
        programme.HasKey(p => p.Id);
        programme.Property(p => p.Revision).IsRowVersion();
    }
}

public sealed class ProgrammeVersionConfiguration : IEntityTypeConfiguration<ProgrammeVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ProgrammeVersion> version)
    {
        version.ToTable("certification_programme_versions");
        version.HasKey(v => new { v.ProgrammeId, v.Version });
        version.HasOne<CertificationProgramme>().WithMany().HasForeignKey(v => v.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        version.Property(v => v.Level).HasConversion<string>().HasMaxLength(20);
        version.Property(v => v.AllocationRule).HasConversion<string>().HasMaxLength(20);
        version.Property(v => v.NameZh).HasMaxLength(200);
        version.Property(v => v.NameEn).HasMaxLength(200);
        version.Property(v => v.SubsidyRate).HasPrecision(6, 4);
        version.Property(v => v.CapPerWarehouseCny).HasPrecision(16, 2);
        version.Property(v => v.BudgetCny).HasPrecision(16, 2);
        version.PrimitiveCollection(v => v.EligibleCategories).ElementType().HasConversion<string>();
        version.Property(v => v.Criteria).HasColumnType("jsonb").HasConversion(
            c => JsonSerializer.Serialize(c, Json),
            s => JsonSerializer.Deserialize<CertificationCriteria>(s, Json)!,
            new ValueComparer<CertificationCriteria>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                c => JsonSerializer.Serialize(c, Json).GetHashCode(StringComparison.Ordinal),
                c => c));
        version.HasIndex(v => new { v.Year, v.Level });
    }
}

public sealed class CertificateSequenceConfiguration : IEntityTypeConfiguration<CertificateSequence>
{
    public void Configure(EntityTypeBuilder<CertificateSequence> sequence)
    {
        sequence.ToTable("certificate_sequences");
        sequence.HasKey(s => new { s.Year, s.Level });
        sequence.Property(s => s.Level).HasConversion<string>().HasMaxLength(20);
    }
}

public sealed class CertificationApplicationConfiguration : IEntityTypeConfiguration<CertificationApplication>
{
    public void Configure(EntityTypeBuilder<CertificationApplication> application)
    {
        application.ToTable("certification_applications");
        application.HasKey(a => new { a.TenantId, a.Id });
        application.Property(a => a.Status).HasConversion<string>().HasMaxLength(30);
        application.Property(a => a.EvaluationOutcome).HasConversion<string>().HasMaxLength(20);
        application.Property(a => a.YearsRegisteredInProvince).HasPrecision(5, 1);
        application.Property(a => a.YearsOperatingOverseas).HasPrecision(5, 1);
        application.Property(a => a.EquityPercent).HasPrecision(5, 2);
        application.Property(a => a.OdiCertificateNumber).HasMaxLength(100);
        application.Property(a => a.WmsName).HasMaxLength(200);
        application.Property(a => a.CommitmentSignedName).HasMaxLength(100);
        application.Property(a => a.VerifiedFactsJson).HasColumnName("verified_facts").HasColumnType("jsonb");
        application.Property(a => a.EvaluationJson).HasColumnName("evaluation").HasColumnType("jsonb");
        application.Property(a => a.Version).IsRowVersion();
        application.Ignore(a => a.Declared);
        application.Ignore(a => a.IsEditable);
        application.HasOne<OverseasWarehouse>().WithMany().HasForeignKey(a => new { a.TenantId, a.WarehouseId }).OnDelete(DeleteBehavior.Restrict);
        application.HasOne<CertificationProgramme>().WithMany().HasForeignKey(a => a.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        application.HasOne<Domain.Organisations.Organisation>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        // The bureau's queue: by status across operators, oldest submission first.
        application.HasIndex(a => new { a.Status, a.SubmittedAt });
        // One live application per warehouse and programme; after a rejection the operator may apply again.
        application.HasIndex(a => new { a.TenantId, a.ProgrammeId, a.WarehouseId }).IsUnique().HasFilter("status <> 'Rejected'")
            .HasDatabaseName("ux_certification_applications_one_per_warehouse");
    }
}

public sealed class InvestmentItemConfiguration : IEntityTypeConfiguration<InvestmentItem>
{
    public void Configure(EntityTypeBuilder<InvestmentItem> item)
    {
        item.ToTable("certification_investment_items");
        item.HasKey(i => new { i.TenantId, i.Id });
        item.Property(i => i.Category).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.AmountCny).HasPrecision(16, 2);
        item.Property(i => i.Reference).HasMaxLength(100);
        item.Property(i => i.ReferenceKey).HasMaxLength(100);
        item.Property(i => i.Description).HasMaxLength(500);
        item.HasOne<CertificationApplication>().WithMany().HasForeignKey(i => new { i.TenantId, i.ApplicationId }).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => new { i.TenantId, i.ApplicationId });
        // The double-claim backstop: one claimed line per invoice/contract per operator, across all programmes.
        item.HasIndex(i => new { i.TenantId, i.ReferenceKey }).IsUnique().HasFilter("claimed").HasDatabaseName("ux_certification_investment_items_claimed_reference");
    }
}

public sealed class ApplicationAttachmentConfiguration : IEntityTypeConfiguration<ApplicationAttachment>
{
    public void Configure(EntityTypeBuilder<ApplicationAttachment> attachment)
    {
        attachment.ToTable("certification_attachments");
        attachment.HasKey(a => new { a.TenantId, a.Id });
        attachment.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        attachment.Property(a => a.FileName).HasMaxLength(200);
        attachment.Property(a => a.ContentType).HasMaxLength(50);
        attachment.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        attachment.HasOne<CertificationApplication>().WithMany().HasForeignKey(a => new { a.TenantId, a.ApplicationId }).OnDelete(DeleteBehavior.Cascade);
        attachment.HasIndex(a => new { a.TenantId, a.ApplicationId });
    }
}

public sealed class CertificationDecisionConfiguration : IEntityTypeConfiguration<CertificationDecision>
{
    public void Configure(EntityTypeBuilder<CertificationDecision> decision)
    {
        decision.ToTable("certification_decisions");
        decision.HasKey(d => new { d.TenantId, d.Id });
        decision.Property(d => d.Action).HasConversion<string>().HasMaxLength(20);
        decision.Property(d => d.Reason).HasMaxLength(2000);
        decision.Property(d => d.OfficerName).HasMaxLength(200);
        decision.Property(d => d.Overrides).HasColumnType("jsonb");
        // Restrict: an application is never deleted, and deleting decisions is refused by the table's trigger anyway.
        decision.HasOne<CertificationApplication>().WithMany().HasForeignKey(d => new { d.TenantId, d.ApplicationId }).OnDelete(DeleteBehavior.Restrict);
        // One decision per submission round (a revocation is not a decision of a round).
        decision.HasIndex(d => new { d.TenantId, d.ApplicationId, d.SubmissionRound }).IsUnique()
            .HasFilter("action <> 'Revoke'").HasDatabaseName("ux_certification_decisions_one_per_round");
        decision.HasIndex(d => d.DecidedAt);
    }
}

public sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> certificate)
    {
        certificate.ToTable("certificates");
        certificate.HasKey(c => new { c.TenantId, c.Id });
        certificate.Property(c => c.Level).HasConversion<string>().HasMaxLength(20);
        certificate.Property(c => c.Number).HasMaxLength(30);
        certificate.Property(c => c.ProgrammeNameZh).HasMaxLength(200);
        certificate.Property(c => c.ProgrammeNameEn).HasMaxLength(200);
        certificate.Property(c => c.RevokedReason).HasMaxLength(2000);
        certificate.HasOne<CertificationApplication>().WithMany().HasForeignKey(c => new { c.TenantId, c.ApplicationId }).OnDelete(DeleteBehavior.Restrict);
        certificate.HasOne<OverseasWarehouse>().WithMany().HasForeignKey(c => new { c.TenantId, c.WarehouseId }).OnDelete(DeleteBehavior.Restrict);
        certificate.HasIndex(c => new { c.TenantId, c.ApplicationId }).IsUnique();
        certificate.HasIndex(c => new { c.TenantId, c.Number }).IsUnique();
        certificate.HasIndex(c => new { c.TenantId, c.WarehouseId });
    }
}
