using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Certification : Migration
    {
        private static readonly string[] TenantTables =
            ["certification_applications", "certification_investment_items", "certification_attachments", "certification_decisions", "certificates"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certificate_sequences",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    last_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_sequences", x => new { x.year, x.level });
                });

            migrationBuilder.CreateTable(
                name: "certification_programmes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    latest_version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certification_programmes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "certification_applications",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    warehouse_name_zh = table.Column<string>(type: "text", nullable: false),
                    warehouse_name_en = table.Column<string>(type: "text", nullable: true),
                    warehouse_country_code = table.Column<string>(type: "text", nullable: false),
                    warehouse_city = table.Column<string>(type: "text", nullable: false),
                    submission_round = table.Column<int>(type: "integer", nullable: false),
                    years_registered_in_province = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    years_operating_overseas = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    equity_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    odi_certificate_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    no_serious_violations = table.Column<bool>(type: "boolean", nullable: false),
                    staff = table.Column<int>(type: "integer", nullable: false),
                    served_enterprises_declared = table.Column<int>(type: "integer", nullable: true),
                    services_declared = table.Column<List<string>>(type: "text[]", nullable: false),
                    has_wms = table.Column<bool>(type: "boolean", nullable: false),
                    wms_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    commitment_signed_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    commitment_accepted = table.Column<bool>(type: "boolean", nullable: false),
                    verified_facts = table.Column<string>(type: "jsonb", nullable: true),
                    evaluation = table.Column<string>(type: "jsonb", nullable: true),
                    evaluation_outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    evaluated_programme_version = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certification_applications", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_certification_applications_certification_programme_programm",
                        column: x => x.programme_id,
                        principalTable: "certification_programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_certification_applications_organisations_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_certification_applications_overseas_warehouses_tenant_id_wa",
                        columns: x => new { x.tenant_id, x.warehouse_id },
                        principalTable: "overseas_warehouses",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certification_programme_versions",
                columns: table => new
                {
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    opens_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closes_on = table.Column<DateOnly>(type: "date", nullable: false),
                    criteria = table.Column<string>(type: "jsonb", nullable: false),
                    eligible_categories = table.Column<string[]>(type: "text[]", nullable: false),
                    subsidy_rate = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false),
                    cap_per_warehouse_cny = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    budget_cny = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    allocation_rule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    certificate_validity_years = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certification_programme_versions", x => new { x.programme_id, x.version });
                    table.ForeignKey(
                        name: "fk_certification_programme_versions_certification_programmes_p",
                        column: x => x.programme_id,
                        principalTable: "certification_programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_version = table.Column<int>(type: "integer", nullable: false),
                    programme_year = table.Column<int>(type: "integer", nullable: false),
                    programme_name_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    programme_name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_by = table.Column<Guid>(type: "uuid", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<Guid>(type: "uuid", nullable: true),
                    revoked_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificates", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_certificates_certification_applications_tenant_id_applicati",
                        columns: x => new { x.tenant_id, x.application_id },
                        principalTable: "certification_applications",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_certificates_overseas_warehouses_tenant_id_warehouse_id",
                        columns: x => new { x.tenant_id, x.warehouse_id },
                        principalTable: "overseas_warehouses",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certification_attachments",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certification_attachments", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_certification_attachments_certification_applications_tenant",
                        columns: x => new { x.tenant_id, x.application_id },
                        principalTable: "certification_applications",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "certification_decisions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_round = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    officer_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    officer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bureau_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_version = table.Column<int>(type: "integer", nullable: false),
                    certificate_id = table.Column<Guid>(type: "uuid", nullable: true),
                    overrides = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certification_decisions", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_certification_decisions_certification_applications_tenant_i",
                        columns: x => new { x.tenant_id, x.application_id },
                        principalTable: "certification_applications",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certification_investment_items",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount_cny = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reference_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    claimed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certification_investment_items", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_certification_investment_items_certification_applications_t",
                        columns: x => new { x.tenant_id, x.application_id },
                        principalTable: "certification_applications",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_certificates_tenant_id_application_id",
                table: "certificates",
                columns: new[] { "tenant_id", "application_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_certificates_tenant_id_number",
                table: "certificates",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_certificates_tenant_id_warehouse_id",
                table: "certificates",
                columns: new[] { "tenant_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_certification_applications_programme_id",
                table: "certification_applications",
                column: "programme_id");

            migrationBuilder.CreateIndex(
                name: "ix_certification_applications_status_submitted_at",
                table: "certification_applications",
                columns: new[] { "status", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_certification_applications_tenant_id_warehouse_id",
                table: "certification_applications",
                columns: new[] { "tenant_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ux_certification_applications_one_per_warehouse",
                table: "certification_applications",
                columns: new[] { "tenant_id", "programme_id", "warehouse_id" },
                unique: true,
                filter: "status <> 'Rejected'");

            migrationBuilder.CreateIndex(
                name: "ix_certification_attachments_tenant_id_application_id",
                table: "certification_attachments",
                columns: new[] { "tenant_id", "application_id" });

            migrationBuilder.CreateIndex(
                name: "ix_certification_decisions_decided_at",
                table: "certification_decisions",
                column: "decided_at");

            migrationBuilder.CreateIndex(
                name: "ux_certification_decisions_one_per_round",
                table: "certification_decisions",
                columns: new[] { "tenant_id", "application_id", "submission_round" },
                unique: true,
                filter: "action <> 'Revoke'");

            migrationBuilder.CreateIndex(
                name: "ix_certification_investment_items_tenant_id_application_id",
                table: "certification_investment_items",
                columns: new[] { "tenant_id", "application_id" });

            migrationBuilder.CreateIndex(
                name: "ux_certification_investment_items_claimed_reference",
                table: "certification_investment_items",
                columns: new[] { "tenant_id", "reference_key" },
                unique: true,
                filter: "claimed");

            migrationBuilder.CreateIndex(
                name: "ix_certification_programme_versions_year_level",
                table: "certification_programme_versions",
                columns: new[] { "year", "level" });
            // Row security on every operator-owned table of certification.
            foreach (var table in TenantTables) migrationBuilder.EnableTenantRowSecurity(table);

            // The bureau's read path (see Features/Certification/CertificationDesk.cs): SELECT-only policies for a unit of
            // work whose tenant is the bureau organisation. The tenant comes from the signed-in officer's membership, so it
            // cannot be claimed by anyone else. Drafts stay private to their operator. No write is granted.
            migrationBuilder.Sql($"""
                CREATE FUNCTION app_tenant_is_bureau() RETURNS boolean LANGUAGE sql STABLE AS $$
                    SELECT EXISTS (SELECT 1 FROM organisations WHERE id = {RowSecurity.CurrentTenant} AND kind = 'Bureau')
                $$;
                CREATE POLICY bureau_review ON certification_applications FOR SELECT
                    USING (status <> 'Draft' AND app_tenant_is_bureau());
                CREATE POLICY bureau_review ON certification_investment_items FOR SELECT
                    USING (app_tenant_is_bureau() AND EXISTS (SELECT 1 FROM certification_applications a
                           WHERE a.tenant_id = certification_investment_items.tenant_id AND a.id = certification_investment_items.application_id AND a.status <> 'Draft'));
                CREATE POLICY bureau_review ON certification_attachments FOR SELECT
                    USING (app_tenant_is_bureau() AND EXISTS (SELECT 1 FROM certification_applications a
                           WHERE a.tenant_id = certification_attachments.tenant_id AND a.id = certification_attachments.application_id AND a.status <> 'Draft'));
                CREATE POLICY bureau_review ON certification_decisions FOR SELECT USING (app_tenant_is_bureau());
                CREATE POLICY bureau_review ON certificates FOR SELECT USING (app_tenant_is_bureau());
                """);

            // The public read path of badges, as for published listings (migration PublishedListings): any signed-in unit
            // of work reads a certificate that is not revoked and whose warehouse is listed (published_locations holds
            // exactly the listed warehouses); an unlisted warehouse's id never becomes public through its certificate.
            migrationBuilder.Sql($"""
                CREATE POLICY public_certificate ON certificates FOR SELECT
                    USING ({RowSecurity.CurrentUser} IS NOT NULL AND revoked_at IS NULL
                           AND EXISTS (SELECT 1 FROM published_locations pl WHERE pl.tenant_id = certificates.tenant_id AND pl.warehouse_id = certificates.warehouse_id));
                """);

            // Decisions are append-only for everyone: the app role loses UPDATE and DELETE (granted by default privileges),
            // and a trigger refuses UPDATE, DELETE and TRUNCATE whoever asks, the owner included.
            migrationBuilder.Sql("""
                REVOKE UPDATE, DELETE, TRUNCATE ON certification_decisions FROM warehouse_app;
                CREATE FUNCTION certification_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'certification_decisions is append-only: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON certification_decisions
                    FOR EACH ROW EXECUTE FUNCTION certification_decisions_append_only();
                CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON certification_decisions
                    FOR EACH STATEMENT EXECUTE FUNCTION certification_decisions_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS append_only_truncate ON certification_decisions;
                DROP TRIGGER IF EXISTS append_only ON certification_decisions;
                DROP FUNCTION IF EXISTS certification_decisions_append_only();
                DROP POLICY IF EXISTS public_certificate ON certificates;
                """);
            foreach (var table in TenantTables) migrationBuilder.Sql($"DROP POLICY IF EXISTS bureau_review ON {table};");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS app_tenant_is_bureau();");
            migrationBuilder.DropTable(
                name: "certificate_sequences");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "certification_attachments");

            migrationBuilder.DropTable(
                name: "certification_decisions");

            migrationBuilder.DropTable(
                name: "certification_investment_items");

            migrationBuilder.DropTable(
                name: "certification_programme_versions");

            migrationBuilder.DropTable(
                name: "certification_applications");

            migrationBuilder.DropTable(
                name: "certification_programmes");
        }
    }
}
