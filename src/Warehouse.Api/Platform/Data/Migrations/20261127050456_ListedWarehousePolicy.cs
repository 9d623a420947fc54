using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <summary>
    /// The public read policy of <c>overseas_warehouses</c> asks <c>published_locations</c> whether a warehouse is
    /// listed, instead of looking for a published offer or service itself. Hand-written: the EF model does not change.
    /// <para>
    /// Why: PostgreSQL plans the old policy's two <c>EXISTS</c> as hashed subplans that read every published offer and
    /// service of every operator on each search that touches many warehouses (a market search at 100k: about 400 ms of
    /// sequential scans before the first row, 10× that at 1M). <c>published_locations</c> holds exactly the listed
    /// warehouses: its triggers (migration PublishedListings) apply the same rule (active, with a published offer or
    /// service) in the writer's transaction, so the answer is the same and costs one primary-key probe per warehouse.
    /// The policy still states <c>status = 'Active'</c> itself, so a stale row there could never show a closed warehouse.
    /// </para>
    /// </summary>
    public partial class ListedWarehousePolicy : Migration
    {
        private static readonly string SignedIn = $"{RowSecurity.CurrentUser} IS NOT NULL";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                ALTER POLICY published_listing ON overseas_warehouses
                USING ({SignedIn} AND status = 'Active'
                       AND EXISTS (SELECT 1 FROM published_locations pl
                                   WHERE pl.tenant_id = overseas_warehouses.tenant_id AND pl.warehouse_id = overseas_warehouses.id));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                ALTER POLICY published_listing ON overseas_warehouses
                USING ({SignedIn} AND status = 'Active' AND (
                    EXISTS (SELECT 1 FROM capacity_offers o WHERE o.tenant_id = overseas_warehouses.tenant_id AND o.warehouse_id = overseas_warehouses.id AND o.is_published)
                    OR EXISTS (SELECT 1 FROM service_offerings s WHERE s.tenant_id = overseas_warehouses.tenant_id AND s.warehouse_id = overseas_warehouses.id AND s.is_published)));
                """);
        }
    }
}
