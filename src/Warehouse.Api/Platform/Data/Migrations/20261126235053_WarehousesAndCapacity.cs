using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Warehouse.Api.Platform.Data;
using NetTopologySuite.Geometries;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class WarehousesAndCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "overseas_warehouses",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name_zh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    country_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    location = table.Column<Point>(type: "geography (point, 4326)", nullable: false),
                    footprint = table.Column<Polygon>(type: "geography (polygon, 4326)", nullable: true),
                    ownership = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lease_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    opened_on = table.Column<DateOnly>(type: "date", nullable: true),
                    storage_conditions = table.Column<string[]>(type: "text[]", nullable: false),
                    handling_capabilities = table.Column<string[]>(type: "text[]", nullable: false),
                    max_daily_orders = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status_changed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    status_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    existing_m2 = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    in_use_m2 = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    under_construction_m2 = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overseas_warehouses", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_overseas_warehouses_countries_country_code",
                        column: x => x.country_code,
                        principalTable: "countries",
                        principalColumn: "alpha2",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_overseas_warehouses_organisations_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "capacity_offers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    available_from = table.Column<DateOnly>(type: "date", nullable: false),
                    available_to = table.Column<DateOnly>(type: "date", nullable: false),
                    minimum_quantity = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    minimum_term_days = table.Column<int>(type: "integer", nullable: false),
                    handling_fees = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    booking_mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    free_cancellation_days = table.Column<int>(type: "integer", nullable: false),
                    is_published = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    normalised_assumptions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    normalised_cny_per_m2_month = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    normalised_rate_cny_per_unit = table.Column<decimal>(type: "numeric(18,8)", precision: 18, scale: 8, nullable: false),
                    normalised_rate_as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    price_amount = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: false),
                    price_basis = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    price_currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_capacity_offers", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_capacity_offers_overseas_warehouses_tenant_id_warehouse_id",
                        columns: x => new { x.tenant_id, x.warehouse_id },
                        principalTable: "overseas_warehouses",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "capacity_days",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    offer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    capacity = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    booked = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_capacity_days", x => new { x.tenant_id, x.offer_id, x.day });
                    table.CheckConstraint("ck_capacity_days_booked_within_capacity", "booked >= 0 AND booked <= capacity");
                    table.ForeignKey(
                        name: "fk_capacity_days_capacity_offers_tenant_id_offer_id",
                        columns: x => new { x.tenant_id, x.offer_id },
                        principalTable: "capacity_offers",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_tenant_id_entity_type_entity_id_at",
                table: "audit_entries",
                columns: new[] { "tenant_id", "entity_type", "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_capacity_offers_tenant_id_warehouse_id",
                table: "capacity_offers",
                columns: new[] { "tenant_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_overseas_warehouses_country_code",
                table: "overseas_warehouses",
                column: "country_code");

            migrationBuilder.CreateIndex(
                name: "ix_overseas_warehouses_location",
                table: "overseas_warehouses",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_overseas_warehouses_tenant_id_status",
                table: "overseas_warehouses",
                columns: new[] { "tenant_id", "status" });

            // Tenancy lock 3 on every new tenant-owned table (see Platform/Data/RowSecurity.cs).
            migrationBuilder.EnableTenantRowSecurity("overseas_warehouses");
            migrationBuilder.EnableTenantRowSecurity("capacity_offers");
            migrationBuilder.EnableTenantRowSecurity("capacity_days");
            migrationBuilder.EnableTenantRowSecurity("audit_entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantRowSecurity("audit_entries");
            migrationBuilder.DisableTenantRowSecurity("capacity_days");
            migrationBuilder.DisableTenantRowSecurity("capacity_offers");
            migrationBuilder.DisableTenantRowSecurity("overseas_warehouses");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "capacity_days");

            migrationBuilder.DropTable(
                name: "capacity_offers");

            migrationBuilder.DropTable(
                name: "overseas_warehouses");
        }
    }
}
