using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <summary>
    /// The published read path (see Features/Search). Hand-written and SQL only: the EF model does not change.
    /// <list type="number">
    /// <item>Permissive <c>FOR SELECT</c> policies beside each table's <c>tenant_isolation</c>: a signed-in unit of work
    /// of any tenant reads published supply and nothing else. Writes stay tenant-only, since <c>FOR SELECT</c> policies
    /// never apply to INSERT, UPDATE, DELETE or SELECT … FOR UPDATE. No recursion: <c>capacity_offers</c> and
    /// <c>service_offerings</c> look at their own row only; the policies that look across read only those two.</item>
    /// <item><c>published_locations</c>, the spatial index of published listings. Row security runs its policy quals
    /// before any qual that is not LEAKPROOF, and no PostGIS function is, so on <c>overseas_warehouses</c> a radius
    /// search cannot use the GiST index: it filters every active warehouse through the policy (1.5 s at 100k rows).
    /// This table holds only what the listing already makes public (ids and point) for active warehouses with
    /// something published; its read policy is a constant <c>true</c>, which the planner folds away, so
    /// <c>ST_DWithin</c> becomes an index condition. Triggers keep it in step in the writer's own transaction
    /// (so under that tenant's row security); searches re-check everything on the source tables.</item>
    /// </list>
    /// </summary>
    [DbContext(typeof(WarehouseDb))]
    [Migration("20261127003000_PublishedListings")]
    public partial class PublishedListings : Migration
    {
        /// <summary>A user is set: work outside a signed-in unit of work sees no published rows either.</summary>
        private static readonly string SignedIn = $"{RowSecurity.CurrentUser} IS NOT NULL";

        /// <summary>The warehouse row <paramref name="w"/> is active and has a published capacity offer or service.</summary>
        private static string IsListed(string w) => $"""
            {w}.status = 'Active' AND (
                EXISTS (SELECT 1 FROM capacity_offers o WHERE o.tenant_id = {w}.tenant_id AND o.warehouse_id = {w}.id AND o.is_published)
                OR EXISTS (SELECT 1 FROM service_offerings s WHERE s.tenant_id = {w}.tenant_id AND s.warehouse_id = {w}.id AND s.is_published))
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // 1. Read policies for published supply.
            migrationBuilder.Sql($"""
                CREATE POLICY published_listing ON capacity_offers FOR SELECT
                USING (is_published AND {SignedIn});
                """);
            migrationBuilder.Sql($"""
                CREATE POLICY published_listing ON service_offerings FOR SELECT
                USING (is_published AND {SignedIn});
                """);
            // A draft, suspended or closed warehouse is never public, whatever it has published.
            migrationBuilder.Sql($"""
                CREATE POLICY published_listing ON overseas_warehouses FOR SELECT
                USING ({SignedIn} AND {IsListed("overseas_warehouses")});
                """);
            migrationBuilder.Sql($"""
                CREATE POLICY published_listing ON capacity_days FOR SELECT
                USING ({SignedIn} AND EXISTS (SELECT 1 FROM capacity_offers o
                                              WHERE o.tenant_id = capacity_days.tenant_id AND o.id = capacity_days.offer_id AND o.is_published));
                """);
            migrationBuilder.Sql($"""
                CREATE POLICY published_listing ON service_slots FOR SELECT
                USING ({SignedIn} AND EXISTS (SELECT 1 FROM service_offerings s
                                              WHERE s.tenant_id = service_slots.tenant_id AND s.id = service_slots.service_id AND s.is_published));
                """);

            // 2. The spatial index of published listings.
            migrationBuilder.Sql("""
                CREATE TABLE published_locations (
                    tenant_id uuid NOT NULL,
                    warehouse_id uuid NOT NULL,
                    location geography (point, 4326) NOT NULL,
                    CONSTRAINT pk_published_locations PRIMARY KEY (tenant_id, warehouse_id),
                    CONSTRAINT fk_published_locations_overseas_warehouses FOREIGN KEY (tenant_id, warehouse_id)
                        REFERENCES overseas_warehouses (tenant_id, id) ON DELETE CASCADE);
                CREATE INDEX ix_published_locations_location ON published_locations USING gist (location);
                """);
            migrationBuilder.EnableTenantRowSecurity("published_locations");
            // Constant true (not "signed in"): a policy qual that calls a function keeps PostGIS quals off the index.
            migrationBuilder.Sql("CREATE POLICY published_listing ON published_locations FOR SELECT USING (true);");

            migrationBuilder.Sql($"""
                CREATE FUNCTION refresh_published_location(p_tenant uuid, p_warehouse uuid) RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    -- Serialises refreshes of one warehouse, so concurrent publish and unpublish cannot leave a stale row.
                    -- NO KEY UPDATE does not block the foreign-key checks of new offers, and leaves xmin (the version) alone.
                    PERFORM 1 FROM overseas_warehouses WHERE tenant_id = p_tenant AND id = p_warehouse FOR NO KEY UPDATE;
                    INSERT INTO published_locations (tenant_id, warehouse_id, location)
                    SELECT w.tenant_id, w.id, w.location FROM overseas_warehouses w
                    WHERE w.tenant_id = p_tenant AND w.id = p_warehouse AND {IsListed("w")}
                    ON CONFLICT (tenant_id, warehouse_id) DO UPDATE SET location = EXCLUDED.location;
                    IF NOT FOUND THEN
                        DELETE FROM published_locations WHERE tenant_id = p_tenant AND warehouse_id = p_warehouse;
                    END IF;
                END $$;

                CREATE FUNCTION published_location_changed() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'overseas_warehouses' THEN
                        PERFORM refresh_published_location(NEW.tenant_id, NEW.id);
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM refresh_published_location(OLD.tenant_id, OLD.warehouse_id);
                    ELSE
                        PERFORM refresh_published_location(NEW.tenant_id, NEW.warehouse_id);
                        IF TG_OP = 'UPDATE' AND OLD.warehouse_id <> NEW.warehouse_id THEN
                            PERFORM refresh_published_location(OLD.tenant_id, OLD.warehouse_id);
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER published_location AFTER INSERT OR UPDATE OF status, location ON overseas_warehouses
                    FOR EACH ROW EXECUTE FUNCTION published_location_changed();
                CREATE TRIGGER published_location AFTER INSERT OR UPDATE OF is_published, warehouse_id OR DELETE ON capacity_offers
                    FOR EACH ROW EXECUTE FUNCTION published_location_changed();
                CREATE TRIGGER published_location AFTER INSERT OR UPDATE OF is_published, warehouse_id OR DELETE ON service_offerings
                    FOR EACH ROW EXECUTE FUNCTION published_location_changed();
                """);

            // Existing listings, one tenant at a time: the owner is bound by row security too, so each iteration
            // takes that tenant's scope explicitly (transaction-local, like every unit of work).
            migrationBuilder.Sql($"""
                DO $$
                DECLARE tenant uuid;
                BEGIN
                    FOR tenant IN SELECT id FROM organisations WHERE kind = 'Operator' LOOP
                        PERFORM set_config('app.tenant_id', tenant::text, true);
                        INSERT INTO published_locations (tenant_id, warehouse_id, location)
                        SELECT w.tenant_id, w.id, w.location FROM overseas_warehouses w WHERE w.tenant_id = tenant AND {IsListed("w")};
                    END LOOP;
                    PERFORM set_config('app.tenant_id', '', true);
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS published_location ON service_offerings;
                DROP TRIGGER IF EXISTS published_location ON capacity_offers;
                DROP TRIGGER IF EXISTS published_location ON overseas_warehouses;
                DROP FUNCTION IF EXISTS published_location_changed();
                DROP FUNCTION IF EXISTS refresh_published_location(uuid, uuid);
                DROP TABLE IF EXISTS published_locations;
                """);
            foreach (var table in new[] { "service_slots", "capacity_days", "overseas_warehouses", "service_offerings", "capacity_offers" })
                migrationBuilder.Sql($"DROP POLICY IF EXISTS published_listing ON {table};");
        }
    }
}
