using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Warehouse.Api.Platform.Data;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Bookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trader_id = table.Column<Guid>(type: "uuid", nullable: false),
                    offer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    hold_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    quote_currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    quote_explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    quote_rate_as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    quote_rate_cny_per_unit = table.Column<decimal>(type: "numeric(18,8)", precision: 18, scale: 8, nullable: false),
                    quote_total_cny = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    quote_total_original = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookings", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_bookings_capacity_offers_tenant_id_offer_id",
                        columns: x => new { x.tenant_id, x.offer_id },
                        principalTable: "capacity_offers",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_organisations_trader_id",
                        column: x => x.trader_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bookings_overseas_warehouses_tenant_id_warehouse_id",
                        columns: x => new { x.tenant_id, x.warehouse_id },
                        principalTable: "overseas_warehouses",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    operation = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    completed = table.Column<bool>(type: "boolean", nullable: false),
                    response_status = table.Column<int>(type: "integer", nullable: true),
                    response_body = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.tenant_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "booking_reviews",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trader_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stars = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_reviews", x => new { x.tenant_id, x.booking_id });
                    table.CheckConstraint("ck_booking_reviews_stars", "stars BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_booking_reviews_bookings_tenant_id_booking_id",
                        columns: x => new { x.tenant_id, x.booking_id },
                        principalTable: "bookings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_booking_reviews_tenant_id_warehouse_id",
                table: "booking_reviews",
                columns: new[] { "tenant_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_hold_expires_at",
                table: "bookings",
                columns: new[] { "tenant_id", "hold_expires_at" },
                filter: "status = 'Held'");

            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_offer_id_status",
                table: "bookings",
                columns: new[] { "tenant_id", "offer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_tenant_id_warehouse_id",
                table: "bookings",
                columns: new[] { "tenant_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_bookings_trader_id",
                table: "bookings",
                column: "trader_id");

            // Tenancy lock 3 (see Platform/Data/RowSecurity.cs). A booking is the operator's row; its trader may read it.
            migrationBuilder.EnableTenantRowSecurity("bookings");
            migrationBuilder.Sql($"CREATE POLICY trader_own_bookings ON bookings FOR SELECT USING (trader_id = {RowSecurity.CurrentTenant});");
            migrationBuilder.EnableTenantRowSecurity("idempotency_records");
            // Reviews rate warehouses in public (no reviewer identity is stored beyond the booking id).
            migrationBuilder.EnableTenantRowSecurity("booking_reviews");
            migrationBuilder.Sql("CREATE POLICY public_reviews ON booking_reviews FOR SELECT USING (true);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP POLICY IF EXISTS public_reviews ON booking_reviews;");
            migrationBuilder.DisableTenantRowSecurity("booking_reviews");
            migrationBuilder.DisableTenantRowSecurity("idempotency_records");
            migrationBuilder.Sql("DROP POLICY IF EXISTS trader_own_bookings ON bookings;");
            migrationBuilder.DisableTenantRowSecurity("bookings");

            migrationBuilder.DropTable(
                name: "booking_reviews");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "bookings");
        }
    }
}
