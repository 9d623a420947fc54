using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateSites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "duplicate_count",
                table: "area_snapshot_rows",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "duplicate_existing_m2",
                table: "area_snapshot_rows",
                type: "numeric(14,1)",
                precision: 14,
                scale: 1,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "site_observations",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    country_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    location = table.Column<Point>(type: "geography (point, 4326)", nullable: false),
                    cell_y = table.Column<int>(type: "integer", nullable: false),
                    cell_x = table.Column<int>(type: "integer", nullable: false),
                    existing_m2 = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    in_use_m2 = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    under_construction_m2 = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_site_observations", x => new { x.tenant_id, x.warehouse_id });
                    table.ForeignKey(
                        name: "fk_site_observations_overseas_warehouses_tenant_id_warehouse_id",
                        columns: x => new { x.tenant_id, x.warehouse_id },
                        principalTable: "overseas_warehouses",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "site_pairs",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    operator_a = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_a = table.Column<Guid>(type: "uuid", nullable: false),
                    operator_b = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_b = table.Column<Guid>(type: "uuid", nullable: false),
                    distance_m = table.Column<double>(type: "double precision", nullable: false),
                    address_similarity = table.Column<double>(type: "double precision", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_site_pairs", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_site_pairs_ordered", "warehouse_a < warehouse_b");
                });

            migrationBuilder.CreateTable(
                name: "site_pair_decisions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    pair_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_site_pair_decisions", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_site_pair_decisions_site_pairs_tenant_id_pair_id",
                        columns: x => new { x.tenant_id, x.pair_id },
                        principalTable: "site_pairs",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_site_observations_cell_y_cell_x",
                table: "site_observations",
                columns: new[] { "cell_y", "cell_x" });

            migrationBuilder.CreateIndex(
                name: "ix_site_pair_decisions_tenant_id_pair_id_decided_at",
                table: "site_pair_decisions",
                columns: new[] { "tenant_id", "pair_id", "decided_at" });

            migrationBuilder.CreateIndex(
                name: "ix_site_pairs_tenant_id_status",
                table: "site_pairs",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_site_pairs_tenant_id_warehouse_a_warehouse_b",
                table: "site_pairs",
                columns: new[] { "tenant_id", "warehouse_a", "warehouse_b" },
                unique: true);

            // Operators write and read their own observations; the bureau reads them all (SELECT only), which is the
            // deliberate cross-tenant path of the duplicate-site register. The bureau test is a subquery on the current
            // tenant alone (not on the row), so PostgreSQL runs it once per statement as an InitPlan.
            migrationBuilder.EnableTenantRowSecurity("site_observations");
            migrationBuilder.Sql($"""
                CREATE POLICY bureau_read ON site_observations FOR SELECT
                USING (EXISTS (SELECT 1 FROM organisations o WHERE o.id = {RowSecurity.CurrentTenant} AND o.kind = 'Bureau'));
                """);
            migrationBuilder.EnableTenantRowSecurity("site_pairs");
            migrationBuilder.EnableTenantRowSecurity("site_pair_decisions");

            // Decisions are an append-only record: no role may change or remove one, the app's included (revoked), nor
            // the owner (the trigger fires for every role; dropping it would itself be a reviewed migration).
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change_of_record() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON site_pair_decisions
                    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
                CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON site_pair_decisions
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
                REVOKE UPDATE, DELETE, TRUNCATE ON site_pair_decisions FROM PUBLIC;
                DO $$ BEGIN
                    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'warehouse_app') THEN
                        REVOKE UPDATE, DELETE, TRUNCATE ON site_pair_decisions FROM warehouse_app;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS append_only ON site_pair_decisions; DROP TRIGGER IF EXISTS append_only_truncate ON site_pair_decisions;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS refuse_change_of_record();");

            migrationBuilder.DropTable(
                name: "site_observations");

            migrationBuilder.DropTable(
                name: "site_pair_decisions");

            migrationBuilder.DropTable(
                name: "site_pairs");

            migrationBuilder.DropColumn(
                name: "duplicate_count",
                table: "area_snapshot_rows");

            migrationBuilder.DropColumn(
                name: "duplicate_existing_m2",
                table: "area_snapshot_rows");
        }
    }
}
