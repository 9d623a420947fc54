using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class LookupById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_overseas_warehouses_id",
                table: "overseas_warehouses",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_capacity_offers_id",
                table: "capacity_offers",
                column: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_overseas_warehouses_id",
                table: "overseas_warehouses");

            migrationBuilder.DropIndex(
                name: "ix_capacity_offers_id",
                table: "capacity_offers");
        }
    }
}
