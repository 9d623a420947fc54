using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProgressByCertification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_area_snapshot_rows",
                table: "area_snapshot_rows");

            migrationBuilder.AddColumn<string>(
                name: "certification_level",
                table: "area_snapshot_rows",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "none");

            migrationBuilder.AddPrimaryKey(
                name: "pk_area_snapshot_rows",
                table: "area_snapshot_rows",
                columns: new[] { "snapshot_date", "operator_id", "country_code", "year_opened", "certification_level" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_area_snapshot_rows",
                table: "area_snapshot_rows");

            migrationBuilder.DropColumn(
                name: "certification_level",
                table: "area_snapshot_rows");

            migrationBuilder.AddPrimaryKey(
                name: "pk_area_snapshot_rows",
                table: "area_snapshot_rows",
                columns: new[] { "snapshot_date", "operator_id", "country_code", "year_opened" });
        }
    }
}
