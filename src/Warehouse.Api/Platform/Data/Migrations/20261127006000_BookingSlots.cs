using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Warehouse.Api.Platform.Data;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class BookingSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "booking_slots",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_slots", x => new { x.tenant_id, x.booking_id, x.slot_id });
                    table.CheckConstraint("ck_booking_slots_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_booking_slots_bookings_tenant_id_booking_id",
                        columns: x => new { x.tenant_id, x.booking_id },
                        principalTable: "bookings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_booking_slots_service_slots_tenant_id_slot_id",
                        columns: x => new { x.tenant_id, x.slot_id },
                        principalTable: "service_slots",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_booking_slots_tenant_id_slot_id",
                table: "booking_slots",
                columns: new[] { "tenant_id", "slot_id" });

            // Tenancy lock 3: the operator's rows; the booking's trader may read the slot places of its own bookings.
            migrationBuilder.EnableTenantRowSecurity("booking_slots");
            migrationBuilder.Sql($"""
                CREATE POLICY trader_own_booking_slots ON booking_slots FOR SELECT USING (EXISTS (
                    SELECT 1 FROM bookings b WHERE b.tenant_id = booking_slots.tenant_id AND b.id = booking_slots.booking_id
                      AND b.trader_id = {RowSecurity.CurrentTenant}));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP POLICY IF EXISTS trader_own_booking_slots ON booking_slots;");
            migrationBuilder.DisableTenantRowSecurity("booking_slots");

            migrationBuilder.DropTable(
                name: "booking_slots");
        }
    }
}
