using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <summary>
    /// A listing row carries what a search result shows of its warehouse and offer (names, city, price as quoted, the
    /// normalisation's rate and date, booking mode), so a search's page is read from the index alone instead of joining
    /// <c>overseas_warehouses</c> and <c>capacity_offers</c> under their row policies for every row (pg_stat_statements,
    /// 100k, the 50 km nearest-first search: the details statement was 1.6–2.1 ms of the ~4.5 ms a search spent in
    /// PostgreSQL, the largest part). The same triggers keep the new columns, now also fired by the columns they copy;
    /// <see cref="Features.Search.SearchIndexCheck"/> compares them with the sources like the others. Operator names
    /// stay in <c>organisations</c> (no row policy, one key lookup), so renaming an operator rewrites no listing.
    /// </summary>
    public partial class ListingDetails : Migration
    {
        private const string Fresh = """
            SELECT o.tenant_id, o.id AS offer_id, w.id AS warehouse_id, w.location, w.country_code,
                   w.storage_conditions, w.handling_capabilities, coalesce(s.codes, '{}') AS services,
                   o.unit, o.quantity, o.minimum_quantity, o.minimum_term_days, o.available_from, o.available_to,
                   o.normalised_cny_per_m2_month AS cny_per_m2_month, o.booking_mode = 'Instant' AS instant,
                   r.average AS rating_average, r.count AS rating_count, coalesce(c.ranges, '{}') AS certified,
                   listing_quality(o.booking_mode = 'Instant', o.normalised_cny_per_m2_month, r.average) AS quality,
                   w.name_zh, w.name_en, w.city, o.price_amount, o.price_currency, o.price_basis,
                   o.normalised_rate_as_of AS rate_as_of, o.normalised_rate_cny_per_unit AS rate_cny_per_unit, o.booking_mode
            FROM capacity_offers o
            JOIN overseas_warehouses w ON w.tenant_id = o.tenant_id AND w.id = o.warehouse_id
            LEFT JOIN LATERAL (SELECT array_agg(DISTINCT s.service_type_code::text ORDER BY s.service_type_code::text) AS codes
                               FROM service_offerings s
                               WHERE s.tenant_id = w.tenant_id AND s.warehouse_id = w.id AND s.is_published) s ON true
            LEFT JOIN LATERAL (SELECT round(avg(v.stars), 2) AS average, count(*)::int AS count
                               FROM booking_reviews v WHERE v.tenant_id = w.tenant_id AND v.warehouse_id = w.id) r ON true
            LEFT JOIN LATERAL (SELECT range_agg(daterange(c.valid_from, c.valid_until, '[]')) AS ranges
                               FROM certificates c
                               WHERE c.tenant_id = w.tenant_id AND c.warehouse_id = w.id AND c.revoked_at IS NULL) c ON true
            WHERE o.is_published AND w.status = 'Active'
            """;

        private const string Columns = """
            tenant_id, offer_id, warehouse_id, location, country_code, storage_conditions, handling_capabilities, services,
            unit, quantity, minimum_quantity, minimum_term_days, available_from, available_to, cny_per_m2_month, instant,
            rating_average, rating_count, certified, quality,
            name_zh, name_en, city, price_amount, price_currency, price_basis, rate_as_of, rate_cny_per_unit, booking_mode
            """;

        /// <summary>The columns a listing copies from its offer and its warehouse: an update of any of them refreshes it.</summary>
        private const string OfferColumns = "is_published, warehouse_id, unit, quantity, minimum_quantity, minimum_term_days, available_from, available_to, booking_mode, normalised_cny_per_m2_month";
        private const string NewOfferColumns = ", price_amount, price_currency, price_basis, normalised_rate_as_of, normalised_rate_cny_per_unit";
        private const string WarehouseColumns = "status, location, country_code, storage_conditions, handling_capabilities";
        private const string NewWarehouseColumns = ", name_zh, name_en, city";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nullable while the rows are filled, then NOT NULL where the source is.
            migrationBuilder.Sql("""
                ALTER TABLE listed_offers
                    ADD COLUMN name_zh character varying(200),
                    ADD COLUMN name_en character varying(200),
                    ADD COLUMN city character varying(100),
                    ADD COLUMN price_amount numeric(14,4),
                    ADD COLUMN price_currency character(3),
                    ADD COLUMN price_basis character varying(30),
                    ADD COLUMN rate_as_of date,
                    ADD COLUMN rate_cny_per_unit numeric(18,8),
                    ADD COLUMN booking_mode character varying(20);
                """);
            migrationBuilder.Sql(ListingFunctions(Fresh, Columns));
            migrationBuilder.Sql(Triggers(OfferColumns + NewOfferColumns, WarehouseColumns + NewWarehouseColumns));
            // Every operator's listings rebuilt in that operator's scope (the owner is bound by row security too).
            migrationBuilder.Sql("""
                DO $$
                DECLARE tenant uuid;
                BEGIN
                    FOR tenant IN SELECT id FROM organisations WHERE kind = 'Operator' LOOP
                        PERFORM set_config('app.tenant_id', tenant::text, true);
                        PERFORM rebuild_listings(tenant);
                    END LOOP;
                    PERFORM set_config('app.tenant_id', '', true);
                END $$;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE listed_offers
                    ALTER COLUMN name_zh SET NOT NULL,
                    ALTER COLUMN city SET NOT NULL,
                    ALTER COLUMN price_amount SET NOT NULL,
                    ALTER COLUMN price_currency SET NOT NULL,
                    ALTER COLUMN price_basis SET NOT NULL,
                    ALTER COLUMN rate_as_of SET NOT NULL,
                    ALTER COLUMN rate_cny_per_unit SET NOT NULL,
                    ALTER COLUMN booking_mode SET NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE listed_offers
                    DROP COLUMN name_zh, DROP COLUMN name_en, DROP COLUMN city, DROP COLUMN price_amount, DROP COLUMN price_currency,
                    DROP COLUMN price_basis, DROP COLUMN rate_as_of, DROP COLUMN rate_cny_per_unit, DROP COLUMN booking_mode;
                """);
            migrationBuilder.Sql(ListingFunctions(SearchListings.Fresh, SearchListings.Columns));
            migrationBuilder.Sql(Triggers(OfferColumns, WarehouseColumns));
        }

        /// <summary>
        /// The two functions whose text names the listing's columns, as SearchListings defined them: the upkeep of one
        /// warehouse's (or offer's) rows, and the set-based rows for the rebuild and the drift check.
        /// </summary>
        private static string ListingFunctions(string fresh, string columns)
        {
            var updates = string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(c => c is not ("tenant_id" or "offer_id"))
                .Select(c => $"{c} = EXCLUDED.{c}"));
            return $"""
                CREATE OR REPLACE FUNCTION refresh_listed_offers(p_tenant uuid, p_warehouse uuid, p_offer uuid) RETURNS void
                LANGUAGE plpgsql AS $$
                DECLARE
                    kept uuid[] := ARRAY[]::uuid[];
                    listed record;
                BEGIN
                    -- One refresh of a warehouse's listing at a time; the reads below start after the lock (new snapshot).
                    PERFORM 1 FROM overseas_warehouses WHERE tenant_id = p_tenant AND id = p_warehouse FOR NO KEY UPDATE;
                    FOR listed IN
                        WITH fresh AS ({fresh}
                                       AND o.tenant_id = p_tenant AND o.warehouse_id = p_warehouse AND (p_offer IS NULL OR o.id = p_offer))
                        INSERT INTO listed_offers ({columns})
                        SELECT {columns} FROM fresh
                        ON CONFLICT (tenant_id, offer_id) DO UPDATE SET {updates}
                        RETURNING listed_offers.offer_id, (xmax = 0) AS inserted
                    LOOP
                        kept := kept || listed.offer_id;
                        -- A newly listed offer gets its free array here; one that stays listed keeps the array its day
                        -- rows' own upkeep maintains under the offer lock (rewriting it here could race a booking).
                        IF listed.inserted THEN PERFORM refresh_listed_capacity(p_tenant, listed.offer_id); END IF;
                    END LOOP;
                    -- No longer listed (unpublished, warehouse not active, offer moved away); capacity goes with it.
                    DELETE FROM listed_offers l
                    WHERE l.tenant_id = p_tenant
                      AND (CASE WHEN p_offer IS NULL THEN l.warehouse_id = p_warehouse ELSE l.offer_id = p_offer END)
                      AND NOT l.offer_id = ANY (kept);
                END $$;

                CREATE OR REPLACE FUNCTION fresh_listed_offers(p_tenant uuid) RETURNS SETOF listed_offers
                LANGUAGE sql STABLE AS $$
                    SELECT {columns} FROM ({fresh} AND (p_tenant IS NULL OR o.tenant_id = p_tenant)) fresh
                $$;
                """;
        }

        private static string Triggers(string offerColumns, string warehouseColumns) => $"""
            DROP TRIGGER listed_offer ON capacity_offers;
            CREATE TRIGGER listed_offer AFTER INSERT OR UPDATE OF {offerColumns} ON capacity_offers
                FOR EACH ROW EXECUTE FUNCTION listed_offer_changed();
            DROP TRIGGER listed_offer ON overseas_warehouses;
            CREATE TRIGGER listed_offer AFTER UPDATE OF {warehouseColumns} ON overseas_warehouses
                FOR EACH ROW EXECUTE FUNCTION listed_offer_changed();
            """;
    }
}
