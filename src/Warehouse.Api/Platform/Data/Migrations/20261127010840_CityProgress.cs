using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class CityProgress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "area_snapshot_rows",
                columns: table => new
                {
                    snapshot_date = table.Column<DateOnly>(type: "date", nullable: false),
                    operator_id = table.Column<Guid>(type: "uuid", nullable: false),
                    country_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    year_opened = table.Column<int>(type: "integer", nullable: false),
                    district_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    active_count = table.Column<int>(type: "integer", nullable: false),
                    draft_count = table.Column<int>(type: "integer", nullable: false),
                    suspended_count = table.Column<int>(type: "integer", nullable: false),
                    closed_count = table.Column<int>(type: "integer", nullable: false),
                    existing_m2 = table.Column<decimal>(type: "numeric(14,1)", precision: 14, scale: 1, nullable: false),
                    in_use_m2 = table.Column<decimal>(type: "numeric(14,1)", precision: 14, scale: 1, nullable: false),
                    under_construction_m2 = table.Column<decimal>(type: "numeric(14,1)", precision: 14, scale: 1, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_snapshot_rows", x => new { x.snapshot_date, x.operator_id, x.country_code, x.year_opened });
                });

            migrationBuilder.CreateTable(
                name: "area_snapshots",
                columns: table => new
                {
                    snapshot_date = table.Column<DateOnly>(type: "date", nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_snapshots", x => x.snapshot_date);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "area_snapshot_rows");

            migrationBuilder.DropTable(
                name: "area_snapshots");
        }
    }
}
