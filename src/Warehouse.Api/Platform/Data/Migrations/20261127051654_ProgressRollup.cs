using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <summary>
    /// The bureau's dashboard from a rollup kept fresh within a minute (Features/CityProgress/ProgressRollup.cs):
    /// <list type="number">
    /// <item>Each snapshot header carries its date's totals and dashboard figures (the columns below, totals filled in
    /// for the snapshots already taken).</item>
    /// <item><c>area_changes</c>, the register of operators whose counted facts changed since their last snapshot pass.
    /// Row triggers add the operator in the writer's own transaction, so a change cannot be missed: the refresh pass
    /// claims (deletes) the entry before it reads, and waits for a writer that still holds it. A global table of
    /// operator ids only (no tenant data, no row security), like <c>area_snapshot_rows</c>.</item>
    /// </list>
    /// </summary>
    public partial class ProgressRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "existing_m2",
                table: "area_snapshots",
                type: "numeric(16,1)",
                precision: 16,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "figures",
                table: "area_snapshots",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "in_use_m2",
                table: "area_snapshots",
                type: "numeric(16,1)",
                precision: 16,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "under_construction_m2",
                table: "area_snapshots",
                type: "numeric(16,1)",
                precision: 16,
                scale: 1,
                nullable: true);

            // The totals of the snapshots already taken (the same statement as ProgressRollup.FillMissingTotalsSql, frozen here).
            migrationBuilder.Sql("""
                UPDATE area_snapshots s
                SET existing_m2 = coalesce(t.existing, 0), in_use_m2 = coalesce(t.in_use, 0), under_construction_m2 = coalesce(t.building, 0)
                FROM area_snapshots h
                LEFT JOIN (SELECT snapshot_date, sum(existing_m2) AS existing, sum(in_use_m2) AS in_use, sum(under_construction_m2) AS building
                           FROM area_snapshot_rows GROUP BY snapshot_date) t ON t.snapshot_date = h.snapshot_date
                WHERE s.snapshot_date = h.snapshot_date AND s.existing_m2 IS NULL;
                """);

            migrationBuilder.Sql("""
                -- changed_by: the writer's transaction, so a pass claims only changes its own reads already saw
                -- (pg_visible_in_snapshot against the snapshot it read the same-site decisions in).
                CREATE TABLE area_changes (
                    operator_id uuid NOT NULL CONSTRAINT pk_area_changes PRIMARY KEY,
                    changed_at timestamptz NOT NULL,
                    changed_by xid8 NOT NULL);

                CREATE FUNCTION mark_area_changed(p_operator uuid) RETURNS void
                LANGUAGE sql AS $$
                    INSERT INTO area_changes (operator_id, changed_at, changed_by) VALUES (p_operator, now(), pg_current_xact_id())
                    ON CONFLICT (operator_id) DO UPDATE SET changed_at = excluded.changed_at, changed_by = excluded.changed_by;
                $$;

                CREATE FUNCTION area_changed() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'site_pairs' THEN
                        PERFORM mark_area_changed(NEW.operator_a);
                        PERFORM mark_area_changed(NEW.operator_b);
                    ELSIF TG_TABLE_NAME = 'organisations' THEN
                        PERFORM mark_area_changed(NEW.id);
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM mark_area_changed(OLD.tenant_id);
                    ELSE
                        PERFORM mark_area_changed(NEW.tenant_id);
                    END IF;
                    RETURN NULL;
                END $$;

                -- What a snapshot row is made of: status, country, opening year, the three areas; the certificates
                -- that set a warehouse's level; same-site decisions; the operator's district.
                CREATE TRIGGER area_changed AFTER INSERT OR DELETE OR UPDATE OF status, country_code, opened_on, existing_m2, in_use_m2, under_construction_m2
                    ON overseas_warehouses FOR EACH ROW EXECUTE FUNCTION area_changed();
                CREATE TRIGGER area_changed AFTER INSERT OR DELETE OR UPDATE
                    ON certificates FOR EACH ROW EXECUTE FUNCTION area_changed();
                CREATE TRIGGER area_changed AFTER UPDATE OF status ON site_pairs FOR EACH ROW EXECUTE FUNCTION area_changed();
                CREATE TRIGGER area_changed AFTER UPDATE OF district_code ON organisations
                    FOR EACH ROW WHEN (NEW.kind = 'Operator') EXECUTE FUNCTION area_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS area_changed ON organisations;
                DROP TRIGGER IF EXISTS area_changed ON site_pairs;
                DROP TRIGGER IF EXISTS area_changed ON certificates;
                DROP TRIGGER IF EXISTS area_changed ON overseas_warehouses;
                DROP FUNCTION IF EXISTS area_changed();
                DROP FUNCTION IF EXISTS mark_area_changed(uuid);
                DROP TABLE IF EXISTS area_changes;
                """);
            migrationBuilder.DropColumn(
                name: "existing_m2",
                table: "area_snapshots");

            migrationBuilder.DropColumn(
                name: "figures",
                table: "area_snapshots");

            migrationBuilder.DropColumn(
                name: "in_use_m2",
                table: "area_snapshots");

            migrationBuilder.DropColumn(
                name: "under_construction_m2",
                table: "area_snapshots");
        }
    }
}
