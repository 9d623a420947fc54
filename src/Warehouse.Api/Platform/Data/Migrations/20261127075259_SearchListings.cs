using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <summary>
    /// The search index: <c>listed_offers</c>, one narrow row per published capacity offer of an active warehouse, with
    /// what a search filters and ranks on; and <c>listed_capacity</c>, each listed offer's free quantity per day as one
    /// array. Hand-written SQL: the EF model does not change. See <c>Features/Search/SearchSql.cs</c> for how they are read.
    /// <para>
    /// Why: a search used to join warehouses, offers, services, reviews, certificates and per-day capacity rows under
    /// their row policies and rank every match before taking a page, so its cost grew with the number of matches
    /// (a market search at 100k: ~300 ms for ~10,000 matches). These two tables hold only what a listing already makes
    /// public, so their read policy is a constant <c>true</c> (folded away by the planner: indexes apply), and the
    /// part of the bestMatch score that belongs to the offer alone (<c>quality</c>) is stored and indexed, so a search
    /// without a place reads its page in score or price order instead of ranking everything.
    /// </para>
    /// <para>
    /// Kept in step by triggers in the writer's own transaction, under the writer's row security, as
    /// <c>published_locations</c> is. Races: every refresh of listing rows first locks the warehouse row
    /// (<c>FOR NO KEY UPDATE</c>, as the published_location upkeep does) and then reads in a new statement, so it sees
    /// whatever a concurrent refresh committed; <c>listed_capacity</c> is only written under the offer's row lock,
    /// which every change to day rows already holds (bookings, feeds, reshaping), and a warehouse-level refresh never
    /// rewrites the capacity of an offer that stays listed. A search re-checks the public conditions on the source
    /// tables for the rows of its page.
    /// </para>
    /// </summary>
    public partial class SearchListings : Migration
    {
        /// <summary>The listing rows of one warehouse, or of one offer when <c>p_offer</c> is given, computed from the source tables.</summary>
        internal const string Fresh = """
            SELECT o.tenant_id, o.id AS offer_id, w.id AS warehouse_id, w.location, w.country_code,
                   w.storage_conditions, w.handling_capabilities, coalesce(s.codes, '{}') AS services,
                   o.unit, o.quantity, o.minimum_quantity, o.minimum_term_days, o.available_from, o.available_to,
                   o.normalised_cny_per_m2_month AS cny_per_m2_month, o.booking_mode = 'Instant' AS instant,
                   r.average AS rating_average, r.count AS rating_count, coalesce(c.ranges, '{}') AS certified,
                   listing_quality(o.booking_mode = 'Instant', o.normalised_cny_per_m2_month, r.average) AS quality
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

        internal const string Columns = """
            tenant_id, offer_id, warehouse_id, location, country_code, storage_conditions, handling_capabilities, services,
            unit, quantity, minimum_quantity, minimum_term_days, available_from, available_to, cny_per_m2_month, instant,
            rating_average, rating_count, certified, quality
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The score's parts that belong to an offer alone; SearchCapacity.ScoreFormula documents the whole score.
            migrationBuilder.Sql("""
                -- 1 at 10 CNY/m²·month or less, 0 at 300 or more, on a log scale between: a fixed yardstick, so an
                -- offer's score does not depend on what else a search happened to match.
                CREATE FUNCTION listing_price_score(price numeric) RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT greatest(0, least(1, ln(300 / greatest(price::double precision, 0.01)) / ln(30))) $$;

                -- 0.40 × 0.3 × instant (1, or 0.5 on request) + 0.25 × price + 0.10 × rating ((stars − 1) ÷ 4, 0.5 unrated).
                CREATE FUNCTION listing_quality(instant boolean, price numeric, rating numeric) RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT 0.12 * CASE WHEN instant THEN 1 ELSE 0.5 END + 0.25 * listing_price_score(price)
                             + 0.10 * coalesce((rating::double precision - 1) / 4, 0.5) $$;
                """);

            migrationBuilder.Sql("""
                CREATE TABLE listed_offers (
                    tenant_id uuid NOT NULL,
                    offer_id uuid NOT NULL,
                    warehouse_id uuid NOT NULL,
                    location geography (point, 4326) NOT NULL,
                    country_code character(2) NOT NULL,
                    storage_conditions text[] NOT NULL,
                    handling_capabilities text[] NOT NULL,
                    services text[] NOT NULL,
                    unit character varying(20) NOT NULL,
                    quantity numeric(12,1) NOT NULL,
                    minimum_quantity numeric(12,1) NOT NULL,
                    minimum_term_days integer NOT NULL,
                    available_from date NOT NULL,
                    available_to date NOT NULL,
                    cny_per_m2_month numeric(14,2) NOT NULL,
                    instant boolean NOT NULL,
                    rating_average numeric(3,2),
                    rating_count integer NOT NULL,
                    certified datemultirange NOT NULL,
                    quality double precision NOT NULL,
                    CONSTRAINT pk_listed_offers PRIMARY KEY (tenant_id, offer_id),
                    CONSTRAINT fk_listed_offers_capacity_offers FOREIGN KEY (tenant_id, offer_id)
                        REFERENCES capacity_offers (tenant_id, id) ON DELETE CASCADE);
                CREATE INDEX ix_listed_offers_location ON listed_offers USING gist (location);
                CREATE INDEX ix_listed_offers_warehouse ON listed_offers (tenant_id, warehouse_id);
                CREATE INDEX ix_listed_offers_country_code ON listed_offers (country_code);
                -- A search without a place reads its page in one of these orders (best match, price).
                CREATE INDEX ix_listed_offers_quality ON listed_offers (quality DESC, offer_id);
                CREATE INDEX ix_listed_offers_price ON listed_offers (cny_per_m2_month, offer_id);
                -- Offers certified on a given day (a best match reads them as a stream of their own).
                CREATE INDEX ix_listed_offers_certified ON listed_offers USING gist (certified);

                -- Free quantity of a listed offer per day: free[1] is first_day; a day without a row counts as 0 free.
                CREATE TABLE listed_capacity (
                    tenant_id uuid NOT NULL,
                    offer_id uuid NOT NULL,
                    first_day date NOT NULL,
                    free numeric[] NOT NULL,
                    CONSTRAINT pk_listed_capacity PRIMARY KEY (tenant_id, offer_id),
                    CONSTRAINT fk_listed_capacity_listed_offers FOREIGN KEY (tenant_id, offer_id)
                        REFERENCES listed_offers (tenant_id, offer_id) ON DELETE CASCADE);
                """);
            migrationBuilder.EnableTenantRowSecurity("listed_offers");
            migrationBuilder.EnableTenantRowSecurity("listed_capacity");
            // Constant true, as on published_locations: what these rows hold is public by the listing itself (free
            // capacity of published offers is readable through capacity_days' published_listing policy too), and a
            // policy that calls a function would keep the spatial and ordering quals off the indexes.
            migrationBuilder.Sql("CREATE POLICY published_listing ON listed_offers FOR SELECT USING (true);");
            migrationBuilder.Sql("CREATE POLICY published_listing ON listed_capacity FOR SELECT USING (true);");

            migrationBuilder.Sql($"""
                -- The free array of one offer, if the offer is listed; else nothing (the row goes with its listing).
                CREATE FUNCTION refresh_listed_capacity(p_tenant uuid, p_offer uuid) RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO listed_capacity (tenant_id, offer_id, first_day, free)
                    SELECT p_tenant, p_offer, b.first_day,
                           (SELECT array_agg(coalesce(d.capacity - d.booked, 0) ORDER BY g.day)
                            FROM generate_series(b.first_day, b.last_day, interval '1 day') AS g(day)
                            LEFT JOIN capacity_days d ON d.tenant_id = p_tenant AND d.offer_id = p_offer AND d.day = g.day::date)
                    FROM (SELECT min(day) AS first_day, max(day) AS last_day FROM capacity_days
                          WHERE tenant_id = p_tenant AND offer_id = p_offer) b
                    WHERE b.first_day IS NOT NULL
                      AND EXISTS (SELECT 1 FROM listed_offers l WHERE l.tenant_id = p_tenant AND l.offer_id = p_offer)
                    ON CONFLICT (tenant_id, offer_id) DO UPDATE SET first_day = EXCLUDED.first_day, free = EXCLUDED.free;
                    IF NOT FOUND THEN
                        DELETE FROM listed_capacity WHERE tenant_id = p_tenant AND offer_id = p_offer;
                    END IF;
                END $$;

                -- The listing rows of a warehouse's offers (or of one offer): upserted while listed, removed when not.
                CREATE FUNCTION refresh_listed_offers(p_tenant uuid, p_warehouse uuid, p_offer uuid) RETURNS void
                LANGUAGE plpgsql AS $$
                DECLARE
                    kept uuid[] := ARRAY[]::uuid[];
                    listed record;
                BEGIN
                    -- One refresh of a warehouse's listing at a time; the reads below start after the lock (new snapshot).
                    PERFORM 1 FROM overseas_warehouses WHERE tenant_id = p_tenant AND id = p_warehouse FOR NO KEY UPDATE;
                    FOR listed IN
                        WITH fresh AS ({Fresh}
                                       AND o.tenant_id = p_tenant AND o.warehouse_id = p_warehouse AND (p_offer IS NULL OR o.id = p_offer))
                        INSERT INTO listed_offers ({Columns})
                        SELECT {Columns} FROM fresh
                        ON CONFLICT (tenant_id, offer_id) DO UPDATE SET
                            warehouse_id = EXCLUDED.warehouse_id, location = EXCLUDED.location, country_code = EXCLUDED.country_code,
                            storage_conditions = EXCLUDED.storage_conditions, handling_capabilities = EXCLUDED.handling_capabilities,
                            services = EXCLUDED.services, unit = EXCLUDED.unit, quantity = EXCLUDED.quantity,
                            minimum_quantity = EXCLUDED.minimum_quantity, minimum_term_days = EXCLUDED.minimum_term_days,
                            available_from = EXCLUDED.available_from, available_to = EXCLUDED.available_to,
                            cny_per_m2_month = EXCLUDED.cny_per_m2_month, instant = EXCLUDED.instant,
                            rating_average = EXCLUDED.rating_average, rating_count = EXCLUDED.rating_count,
                            certified = EXCLUDED.certified, quality = EXCLUDED.quality
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

                CREATE FUNCTION listed_offer_changed() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'capacity_offers' THEN
                        PERFORM refresh_listed_offers(NEW.tenant_id, NEW.warehouse_id, NEW.id);
                    ELSIF TG_TABLE_NAME = 'overseas_warehouses' THEN
                        PERFORM refresh_listed_offers(NEW.tenant_id, NEW.id, NULL);
                    ELSE
                        -- Services, reviews and certificates: every listed offer of the warehouse (old and new one).
                        IF TG_OP <> 'DELETE' THEN PERFORM refresh_listed_offers(NEW.tenant_id, NEW.warehouse_id, NULL); END IF;
                        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.warehouse_id <> NEW.warehouse_id) THEN
                            PERFORM refresh_listed_offers(OLD.tenant_id, OLD.warehouse_id, NULL);
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;

                -- Deleting an offer needs no trigger: its listing row (and capacity) cascade with it.
                CREATE TRIGGER listed_offer AFTER INSERT OR UPDATE OF is_published, warehouse_id, unit, quantity, minimum_quantity,
                        minimum_term_days, available_from, available_to, booking_mode, normalised_cny_per_m2_month ON capacity_offers
                    FOR EACH ROW EXECUTE FUNCTION listed_offer_changed();
                -- A new warehouse has no offers yet.
                CREATE TRIGGER listed_offer AFTER UPDATE OF status, location, country_code, storage_conditions, handling_capabilities
                    ON overseas_warehouses FOR EACH ROW EXECUTE FUNCTION listed_offer_changed();
                CREATE TRIGGER listed_offer AFTER INSERT OR UPDATE OF is_published, service_type_code, warehouse_id OR DELETE
                    ON service_offerings FOR EACH ROW EXECUTE FUNCTION listed_offer_changed();
                CREATE TRIGGER listed_offer AFTER INSERT OR UPDATE OF stars, warehouse_id OR DELETE
                    ON booking_reviews FOR EACH ROW EXECUTE FUNCTION listed_offer_changed();
                CREATE TRIGGER listed_offer AFTER INSERT OR UPDATE OF revoked_at, valid_from, valid_until, warehouse_id OR DELETE
                    ON certificates FOR EACH ROW EXECUTE FUNCTION listed_offer_changed();

                -- Day rows change under the offer's lock; one refresh per offer per statement (a booking updates a
                -- range of days in one statement).
                CREATE FUNCTION listed_capacity_changed() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM refresh_listed_capacity(c.tenant_id, c.offer_id) FROM (SELECT DISTINCT tenant_id, offer_id FROM changed) c;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER listed_capacity_inserted AFTER INSERT ON capacity_days
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION listed_capacity_changed();
                CREATE TRIGGER listed_capacity_updated AFTER UPDATE ON capacity_days
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION listed_capacity_changed();
                CREATE TRIGGER listed_capacity_deleted AFTER DELETE ON capacity_days
                    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION listed_capacity_changed();

                -- What the listings of one operator (or of all, when p_tenant is null) should hold, set-based by the
                -- same rules as the triggers: for the rebuild below, and for checking the triggers' work against it
                -- without taking a lock (Features/Search/SearchIndexCheck.cs).
                CREATE FUNCTION fresh_listed_offers(p_tenant uuid) RETURNS SETOF listed_offers
                LANGUAGE sql STABLE AS $$
                    SELECT {Columns} FROM ({Fresh} AND (p_tenant IS NULL OR o.tenant_id = p_tenant)) fresh
                $$;
                CREATE FUNCTION fresh_listed_capacity(p_tenant uuid) RETURNS SETOF listed_capacity
                LANGUAGE sql STABLE AS $$
                    WITH days AS (
                        SELECT d.tenant_id, d.offer_id, min(d.day) AS first_day, max(d.day) AS last_day,
                               array_agg(d.capacity - d.booked ORDER BY d.day) AS free, count(*) AS rows
                        FROM fresh_listed_offers(p_tenant) l
                        JOIN capacity_days d ON d.tenant_id = l.tenant_id AND d.offer_id = l.offer_id
                        GROUP BY d.tenant_id, d.offer_id)
                    -- Contiguous days in one pass; an offer with a gap in its days gets 0 free on the missing ones.
                    SELECT tenant_id, offer_id, first_day, free FROM days WHERE last_day - first_day + 1 = rows
                    UNION ALL
                    SELECT t.tenant_id, t.offer_id, t.first_day,
                           (SELECT array_agg(coalesce(d.capacity - d.booked, 0) ORDER BY g.day)
                            FROM generate_series(t.first_day, t.last_day, interval '1 day') AS g(day)
                            LEFT JOIN capacity_days d ON d.tenant_id = t.tenant_id AND d.offer_id = t.offer_id AND d.day = g.day::date)
                    FROM days t WHERE t.last_day - t.first_day + 1 <> t.rows
                $$;

                -- Rebuilds the listings of one operator, or of all (the benchmark's bulk loader, which loads with triggers off).
                CREATE FUNCTION rebuild_listings(p_tenant uuid) RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM listed_offers WHERE p_tenant IS NULL OR tenant_id = p_tenant;
                    INSERT INTO listed_offers SELECT * FROM fresh_listed_offers(p_tenant);
                    INSERT INTO listed_capacity SELECT * FROM fresh_listed_capacity(p_tenant);
                END $$;
                """);

            // Existing listings, one operator at a time in that operator's scope (the owner is bound by row security too).
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS listed_capacity_deleted ON capacity_days;
                DROP TRIGGER IF EXISTS listed_capacity_updated ON capacity_days;
                DROP TRIGGER IF EXISTS listed_capacity_inserted ON capacity_days;
                DROP TRIGGER IF EXISTS listed_offer ON certificates;
                DROP TRIGGER IF EXISTS listed_offer ON booking_reviews;
                DROP TRIGGER IF EXISTS listed_offer ON service_offerings;
                DROP TRIGGER IF EXISTS listed_offer ON overseas_warehouses;
                DROP TRIGGER IF EXISTS listed_offer ON capacity_offers;
                DROP FUNCTION IF EXISTS rebuild_listings(uuid);
                DROP FUNCTION IF EXISTS fresh_listed_capacity(uuid);
                DROP FUNCTION IF EXISTS fresh_listed_offers(uuid);
                DROP FUNCTION IF EXISTS listed_capacity_changed();
                DROP FUNCTION IF EXISTS listed_offer_changed();
                DROP FUNCTION IF EXISTS refresh_listed_offers(uuid, uuid, uuid);
                DROP FUNCTION IF EXISTS refresh_listed_capacity(uuid, uuid);
                DROP TABLE IF EXISTS listed_capacity;
                DROP TABLE IF EXISTS listed_offers;
                DROP FUNCTION IF EXISTS listing_quality(boolean, numeric, numeric);
                DROP FUNCTION IF EXISTS listing_price_score(numeric);
                """);
        }
    }
}
