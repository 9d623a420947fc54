using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Warehouse.Api.Platform.Data;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CapacityFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_service_slots_capacity_positive",
                table: "service_slots");

            migrationBuilder.CreateTable(
                name: "capacity_feeds",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    base_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    auth = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    auth_header_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    protected_secret = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    polling_interval_seconds = table.Column<int>(type: "integer", nullable: false),
                    next_poll_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    push_key_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    push_key_hint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    push_key_issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    push_key_revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_sequence = table.Column<long>(type: "bigint", nullable: true),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_success_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    breaker_state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_capacity_feeds", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_capacity_feeds_polling_interval", "polling_interval_seconds BETWEEN 0 AND 86400");
                    table.ForeignKey(
                        name: "fk_capacity_feeds_overseas_warehouses_tenant_id_warehouse_id",
                        columns: x => new { x.tenant_id, x.warehouse_id },
                        principalTable: "overseas_warehouses",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feed_health",
                columns: table => new
                {
                    feed_id = table.Column<Guid>(type: "uuid", nullable: false),
                    operator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    country_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_success_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    breaker_state = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_health", x => x.feed_id);
                });

            migrationBuilder.CreateTable(
                name: "feed_conflicts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    feed_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    offer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    day = table.Column<DateOnly>(type: "date", nullable: true),
                    slot_id = table.Column<Guid>(type: "uuid", nullable: true),
                    booked = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    reported_free = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_conflicts", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_feed_conflicts_capacity_feeds_tenant_id_feed_id",
                        columns: x => new { x.tenant_id, x.feed_id },
                        principalTable: "capacity_feeds",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_service_slots_capacity_non_negative",
                table: "service_slots",
                sql: "capacity >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_capacity_feeds_tenant_id_next_poll_at",
                table: "capacity_feeds",
                columns: new[] { "tenant_id", "next_poll_at" });

            migrationBuilder.CreateIndex(
                name: "ix_capacity_feeds_tenant_id_warehouse_id",
                table: "capacity_feeds",
                columns: new[] { "tenant_id", "warehouse_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_feed_conflicts_tenant_id_feed_id_detected_at",
                table: "feed_conflicts",
                columns: new[] { "tenant_id", "feed_id", "detected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_feed_health_warehouse_id",
                table: "feed_health",
                column: "warehouse_id");

            migrationBuilder.EnableTenantRowSecurity("capacity_feeds");
            migrationBuilder.EnableTenantRowSecurity("feed_conflicts");

            // The Data Protection key ring decrypts every feed credential. It is global (not tenant data, so no row
            // security), but nobody needs more than to read it and add keys: PUBLIC gets nothing, and every role the
            // default privileges gave UPDATE/DELETE/TRUNCATE (the app role) loses them, so a compromised Api can read the
            // ring but neither destroy it (losing every credential) nor swap a key in place. Only the owner keeps them.
            migrationBuilder.Sql("""
                REVOKE ALL ON data_protection_keys FROM PUBLIC;
                DO $$
                DECLARE grantee_name text;
                BEGIN
                    FOR grantee_name IN
                        SELECT DISTINCT grantee FROM information_schema.role_table_grants
                        WHERE table_schema = 'public' AND table_name = 'data_protection_keys'
                          AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') AND grantee <> current_user AND grantee <> 'PUBLIC'
                    LOOP
                        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON data_protection_keys FROM %I', grantee_name);
                    END LOOP;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantRowSecurity("feed_conflicts");
            migrationBuilder.DisableTenantRowSecurity("capacity_feeds");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "feed_conflicts");

            migrationBuilder.DropTable(
                name: "feed_health");

            migrationBuilder.DropTable(
                name: "capacity_feeds");

            migrationBuilder.DropCheckConstraint(
                name: "ck_service_slots_capacity_non_negative",
                table: "service_slots");

            migrationBuilder.AddCheckConstraint(
                name: "ck_service_slots_capacity_positive",
                table: "service_slots",
                sql: "capacity > 0");
        }
    }
}
