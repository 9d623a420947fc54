using System.Collections.Concurrent;
using System.Reflection;
using Npgsql;
using Warehouse.Domain.Capacity;

namespace Warehouse.Api.Features.Search;

/// <summary>
/// The capacity search in SQL, on the search index <c>listed_offers</c> / <c>listed_capacity</c> (migration
/// SearchListings: one narrow row per published offer of an active warehouse, kept in step by triggers). Two steps:
/// <list type="number">
/// <item><b>Rank</b>: which warehouses are on the page, with their score, distance and the total. Sorted by distance
/// or price, or by best match without a place or quantity, a search reads offers in the order of an index (nearest
/// first, price, stored quality) and stops as soon as the page is provably settled (<see cref="ScanAsync"/>); a best
/// match with a place or quantity scores every match in one statement (<see cref="RankAllAsync"/>), which the place
/// keeps to a GiST range.</item>
/// <item><b>Details</b>: the page's warehouses, badges and every matched offer, from the index rows too (they carry
/// names, city and the offer's terms as quoted: migration ListingDetails), with the operator from <c>organisations</c>
/// and the badge from <c>certificates</c> (valid on the day, which the index cannot store).</item>
/// </list>
/// Raw SQL skips EF's tenant filter: other tenants' rows reach these statements only through the published read
/// path (the index tables hold nothing but published listings of active warehouses, kept so by triggers in the
/// writer's transaction and compared with their sources by <see cref="SearchIndexCheck"/> in the tests and after every
/// benchmark run; <c>certificates</c> under its <c>published_listing</c> policy).
/// The text is assembled from fixed fragments chosen by which filters are present; every value is a parameter. The
/// Api and the benchmark's raw floor run the very same statements through <see cref="RunAsync"/>.
/// </summary>
public static class SearchSql
{
    /// <summary>
    /// Above this many matched offers, the total of an index-ordered search is given as "at least" (counting them all
    /// would cost what paging saves). 250 offers are over ten pages of warehouses, more than a trader pages through;
    /// counting up to them costs a quarter of counting up to 1,000 (0.23 against 1.1 ms around a dense hub, EXPLAIN
    /// warm at 100k), and the count was the largest statement of a nearest-first search (1.7 of its 3.9 ms).
    /// </summary>
    public const int ExactTotalLimit = 250;

    /// <summary>An index-ordered read that would need more rows than this scores every match instead.</summary>
    private const int MaxScan = 20_000;

    /// <summary>One matched offer of one warehouse of the page.</summary>
    public sealed record Row(
        long Position, Guid WarehouseId, string NameZh, string? NameEn, string CountryCode, string City,
        double Latitude, double Longitude, string[] StorageConditions, string[] HandlingCapabilities,
        string OperatorNameZh, string? OperatorNameEn, string? OperatorDistrictCode, double? DistanceM, decimal Score,
        decimal? RatingAverage, int RatingCount, string? CertificateNumber, string? CertificateLevel, int? CertificateProgrammeYear, string? CertificateProgrammeNameZh,
        string? CertificateProgrammeNameEn, DateOnly? CertificateValidFrom, DateOnly? CertificateValidUntil,
        Guid OfferId, string Unit, decimal QuantityOffered, DateOnly AvailableFrom, DateOnly AvailableTo,
        decimal MinimumQuantity, int MinimumTermDays, decimal? FreeOverRange,
        decimal PriceAmount, string PriceCurrency, string PriceBasis, decimal CnyPerSquareMetreMonth, DateOnly RateAsOf, decimal RateCnyPerUnit, string BookingMode);

    /// <summary>The page. <paramref name="Total"/> is the number of matching warehouses, or a lower bound when <paramref name="TotalIsExact"/> is false.</summary>
    public sealed record Page(long Total, bool TotalIsExact, List<Row> Rows);

    /// <summary>A warehouse placed on the page by the ranking step.</summary>
    public sealed record Ranked(Guid TenantId, Guid WarehouseId, decimal Score, decimal BestPrice, double? DistanceM);

    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The unit of work whose first statement set the tenant and user (row security reads
    /// them); or null, with <paramref name="scope"/>.</param>
    /// <param name="c">The validated filters.</param>
    /// <param name="certificatesValidOn">The day a certificate must be valid on to count (Suzhou's date: certificates are dated there).</param>
    /// <param name="ct">Cancels the statements.</param>
    /// <param name="scoreEveryMatch">Rank by scoring every match even where an index order would do: the reference the
    /// index-ordered read is tested against.</param>
    /// <param name="scope">Without a transaction: makes the statement that sets the tenant and user, sent at the head of
    /// every batch, so that each batch is one implicit transaction in the searcher's scope
    /// (<see cref="Platform.Data.TenantTransactionInterceptor.ScopeBatchCommand"/>). A search reads in two round trips
    /// this way (rank, then details) instead of four (BEGIN with the scope, rank, details, COMMIT); under READ
    /// COMMITTED each statement took a snapshot of its own either way (a warehouse delisted in between drops from the
    /// page's details, as it would have before).</param>
    public static async Task<Page> RunAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SearchCriteria c,
        DateOnly certificatesValidOn, CancellationToken ct, bool scoreEveryMatch = false, Func<NpgsqlBatchCommand>? scope = null)
    {
        var session = new Session(connection, transaction, scope);
        var query = new Query(c, certificatesValidOn);
        var (total, exact, ranked) = await RankAsync(session, query, scoreEveryMatch, ct);
        if (ranked.Count == 0) return new Page(total, exact, []);
        var (sql, parameters) = query.Details(ranked);
        var rows = await ReadAsync<Row>(session, sql, parameters, ct, genericPlan: true);
        return new Page(total, exact, rows);
    }

    /// <summary>Where a search's batches go: a transaction that set the scope, or none and a scope statement per batch.</summary>
    private sealed record Session(NpgsqlConnection Connection, NpgsqlTransaction? Transaction, Func<NpgsqlBatchCommand>? Scope)
    {
        public Session Checked() => (Transaction, Scope) switch
        {
            (null, null) => throw new InvalidOperationException("A search runs in a transaction that set its scope, or with a scope statement for each batch."),
            ({ }, { }) => throw new InvalidOperationException("A search in a transaction has its scope set already."),
            _ => this,
        };
    }

    /// <summary>The ranking step alone: the page's warehouses and the total (for EXPLAIN of the details step in the benchmark).</summary>
    public static async Task<(long Total, bool TotalIsExact, List<Ranked> Page)> RankAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        SearchCriteria c, DateOnly certificatesValidOn, CancellationToken ct)
        => await RankAsync(new Session(connection, transaction, null), new Query(c, certificatesValidOn), false, ct);

    private static async Task<(long, bool, List<Ranked>)> RankAsync(Session session, Query query, bool scoreEveryMatch, CancellationToken ct)
        => UsesIndexOrder(query.Criteria) && !scoreEveryMatch
            ? await ScanAsync(session, query, ct)
            : await RankAllAsync(session, query, ct);

    /// <summary>
    /// Whether the page can be read in an index's order: by distance (nearest-first through the GiST index), by price,
    /// and by best match when neither a place nor a quantity makes part of the score depend on the search (distance,
    /// headroom); otherwise every match is scored.
    /// </summary>
    public static bool UsesIndexOrder(SearchCriteria c)
        => c.Sort is SearchSort.Distance or SearchSort.Price || (c.Place is null && c.Quantity is null);

    /// <summary>Whether the ranking statement runs with its generic plan (<see cref="GenericPlanSql"/>): a read nearest first.</summary>
    private static bool RanksWithGenericPlan(SearchCriteria c) => UsesIndexOrder(c) && c.Sort == SearchSort.Distance;

    /// <summary>The ranking statement a search runs first (for EXPLAIN in tests and the benchmark).</summary>
    public static (string Sql, List<NpgsqlParameter> Parameters) RankingStatement(SearchCriteria c, DateOnly? certificatesValidOn = null)
    {
        var query = new Query(c, certificatesValidOn ?? c.Today);
        return UsesIndexOrder(c) ? query.Scan(FirstScan(c)) : query.RankAll();
    }

    /// <summary>The details statement for a ranked page (for EXPLAIN in tests and the benchmark).</summary>
    public static (string Sql, List<NpgsqlParameter> Parameters) DetailsStatement(SearchCriteria c, IReadOnlyList<Ranked> page, DateOnly? certificatesValidOn = null)
        => new Query(c, certificatesValidOn ?? c.Today).Details(page);

    private static int FirstScan(SearchCriteria c) => ((c.Page - 1) * c.PageSize + c.PageSize) * 2 + 20;

    /// <summary>Scores every match in one statement and returns the page's warehouses with the exact total.</summary>
    private static async Task<(long, bool, List<Ranked>)> RankAllAsync(Session session, Query query, CancellationToken ct)
    {
        var (sql, parameters) = query.RankAll();
        var rows = await ReadAsync<RankAllRow>(session, sql, parameters, ct);
        var ranked = rows.Where(r => r.WarehouseId is not null)
            .Select(r => new Ranked(r.TenantId!.Value, r.WarehouseId!.Value, r.Score!.Value, r.BestPrice!.Value, r.DistanceM)).ToList();
        return (rows.Count == 0 ? 0 : rows[0].Total, true, ranked);
    }

    private sealed record RankAllRow(long Total, Guid? TenantId, Guid? WarehouseId, decimal? Score, decimal? BestPrice, double? DistanceM);

    /// <summary>An offer read in index order; <c>Stream</c> is 1 for offers certified today and 2 for the others when a best match reads them apart (see ScanAsync), else 0.</summary>
    private sealed record ScanRow(int Stream, Guid TenantId, Guid WarehouseId, decimal Price, double Quality, double? DistanceM, decimal Score);

    /// <summary>
    /// Reads matched offers in index order (stored quality descending, price ascending, or nearest first), a few more
    /// than the page needs, and groups them into warehouses (a warehouse scores as its best offer, costs its cheapest,
    /// lies where its offers lie). The page is settled when no offer further down the index could still come before
    /// its last warehouse:
    /// <list type="bullet">
    /// <item>best match: an offer's score is its stored quality plus terms that are the same for every offer here
    /// (headroom 1, distance 1: 0.48), plus 0.05 if its warehouse is certified today. Certification depends on the day,
    /// so it cannot be in the stored order: the read takes two streams in quality order, offers certified today and
    /// the others, each with its own limit; an unread offer scores at most its stream's last read quality + 0.53 or
    /// + 0.48, and the page's last warehouse must score more than both;</item>
    /// <item>price: an unread offer costs at least the last read price, and the page's last warehouse must cost less;</item>
    /// <item>distance: an unread offer lies at least as far as the last read one, and the page's last warehouse must lie nearer.</item>
    /// </list>
    /// Otherwise it reads four times as many, and past <see cref="MaxScan"/> scores every match instead. When the read
    /// came back short, every match was read and the total is exact; else it is counted up to <see cref="ExactTotalLimit"/> offers.
    /// </summary>
    private static async Task<(long, bool, List<Ranked>)> ScanAsync(Session session, Query query, CancellationToken ct)
    {
        var c = query.Criteria;
        var needed = (c.Page - 1) * c.PageSize + c.PageSize;
        var (countSql, countParameters) = query.CountUpTo(ExactTotalLimit + 1);
        var countWithGenericPlan = c.Place is not null;
        CountRow? count = null;
        for (var scan = FirstScan(c); scan <= MaxScan; scan *= 4)
        {
            var (sql, parameters) = query.Scan(scan);
            List<ScanRow> offers;
            if (scan == FirstScan(c))
            {
                // The first read usually settles the page, which then needs the count: both in one round trip.
                (offers, var counted) = await ReadAsync<ScanRow, CountRow>(session,
                    (sql, parameters, RanksWithGenericPlan(c)), (countSql, countParameters, countWithGenericPlan), ct);
                count = counted[0];
            }
            else offers = await ReadAsync<ScanRow>(session, sql, parameters, ct, genericPlan: RanksWithGenericPlan(c));
            var warehouses = offers
                .GroupBy(o => (o.TenantId, o.WarehouseId))
                .Select(g => new Ranked(g.Key.TenantId, g.Key.WarehouseId, g.Max(o => o.Score), g.Min(o => o.Price), g.Min(o => o.DistanceM)))
                .ToList();
            // The same orders as RankAll's (without a place every distance is null, and null sorts last there too).
            warehouses = (c.Sort switch
            {
                SearchSort.Distance => warehouses.OrderBy(w => w.DistanceM),
                SearchSort.Price => warehouses.OrderBy(w => w.BestPrice).ThenBy(w => w.DistanceM ?? double.MaxValue),
                _ => warehouses.OrderByDescending(w => w.Score).ThenBy(w => w.BestPrice),
            }).ThenBy(w => w.WarehouseId).ThenBy(w => w.TenantId).ToList();
            var page = warehouses.Skip((c.Page - 1) * c.PageSize).Take(c.PageSize).ToList();

            // A stream that came back short has been read to its end: nothing unread can come from it.
            var streams = offers.GroupBy(o => o.Stream).Where(g => g.Count() >= scan).Select(g => g.Last()).ToList();
            if (streams.Count == 0) return (warehouses.Count, true, page);
            var last = streams[0];
            var settled = warehouses.Count >= needed && c.Sort switch
            {
                SearchSort.Distance => warehouses[needed - 1].DistanceM < last.DistanceM,
                SearchSort.Price => warehouses[needed - 1].BestPrice < last.Price,
                _ => streams.All(unread => warehouses[needed - 1].Score > Math.Round((decimal)unread.Quality + (unread.Stream == 1 ? 0.53m : 0.48m), 4)),
            };
            if (settled) return (count!.Warehouses, count.Offers <= ExactTotalLimit, page);
        }
        return await RankAllAsync(session, query, ct);
    }

    private sealed record CountRow(long Offers, long Warehouses);

    /// <summary>The statements of one search: its filters as conditions on a listing row <c>lo</c>, and its parameters.</summary>
    private sealed class Query
    {
        public SearchCriteria Criteria { get; }
        private readonly List<NpgsqlParameter> _parameters = [];
        /// <summary>Conditions on the offer itself (its window, terms, price, free days).</summary>
        private readonly List<string> _conditions;
        /// <summary>Conditions that hold for all of a warehouse's offers or none (place, market, conditions, services, operator, certificate).</summary>
        private readonly List<string> _warehouseConditions = [];
        private readonly string _needJoin = "";
        private readonly string _rangeJoin = "";
        private readonly string? _leastFree;
        private readonly string _distance = "NULL::double precision";
        private readonly string _origin = "NULL::geography";
        private readonly string _score;

        public Query(SearchCriteria c, DateOnly certificatesValidOn)
        {
            Criteria = c;
            _conditions = [$"lo.available_to >= {Param("today", c.Today)}"];
            Param("certified_on", certificatesValidOn);

            var distanceScore = "1";
            if (c.Place is { } place)
            {
                var origin = _origin = $"ST_SetSRID(ST_MakePoint({Param("origin_lon", place.Origin.Longitude)}, {Param("origin_lat", place.Origin.Latitude)}), 4326)::geography";
                // Great-circle distance on the mean sphere, the measure the GiST index orders by (nearest first); it
                // differs from the ellipsoid's by well under 1 %, and is several times cheaper to compute.
                _distance = $"(lo.location <-> {origin})";
                if (place.Area is { } area)
                {
                    _warehouseConditions.Add($"ST_Covers(ST_GeomFromText({Param("area", area.AsText())}, 4326)::geography, lo.location)");
                    // Inside an area: 1 at its centroid, 0 at its farthest corner.
                    distanceScore = $"greatest(0, 1 - {_distance} / {Param("reach_m", Math.Max(1, SearchArea.ReachMetres(area, place.Origin)))})";
                }
                else
                {
                    var radius = Param("radius_m", place.RadiusKm!.Value * 1000);
                    // On the sphere too (use_spheroid false): a result is inside the radius exactly when its shown
                    // distance is; the ellipsoid's test made a 50 km count over a dense hub cost 7 ms against 1.7.
                    _warehouseConditions.Add($"ST_DWithin(lo.location, {origin}, {radius}, false)");
                    // Inside a circle: 1 at its centre, 0 at its edge.
                    distanceScore = $"greatest(0, 1 - {_distance} / {radius})";
                }
            }
            if (c.MarketCountries is { } countries) _warehouseConditions.Add($"lo.country_code = ANY({Param("countries", countries.ToArray())}::bpchar[])");
            if (c.StorageConditions.Count > 0)
                _warehouseConditions.Add($"lo.storage_conditions @> {Param("storage", c.StorageConditions.Select(s => s.ToString()).ToArray())}::text[]");
            if (c.HandlingCapabilities.Count > 0)
                _warehouseConditions.Add($"lo.handling_capabilities @> {Param("handling", c.HandlingCapabilities.Select(h => h.ToString()).ToArray())}::text[]");
            // Every requested service, published at the warehouse.
            if (c.Services.Count > 0) _warehouseConditions.Add($"lo.services @> {Param("services", c.Services.ToArray())}::text[]");
            if (c.OperatorDistricts.Count > 0)
                _warehouseConditions.Add($"lo.tenant_id IN (SELECT op.id FROM organisations op WHERE op.district_code = ANY({Param("districts", c.OperatorDistricts.ToArray())}))");
            // A certificate valid on the day (not revoked, within its validity period).
            if (c.CertifiedOnly) _warehouseConditions.Add("lo.certified @> @certified_on");
            if (c.MaxPriceCnyPerM2Month is { } maxPrice) _conditions.Add($"lo.cny_per_m2_month <= {Param("max_price", maxPrice)}");

            // The quantity needed on an offer, in that offer's unit.
            string? required = null;
            if (c.Quantity is { } q)
            {
                _needJoin = $"""
                    CROSS JOIN LATERAL (SELECT CASE lo.unit WHEN '{CapacityUnit.SquareMetre}' THEN {Param("need_m2", q.SquareMetres)}
                                                            WHEN '{CapacityUnit.PalletPosition}' THEN {Param("need_pallets", q.PalletPositions)}
                                                            WHEN '{CapacityUnit.CubicMetre}' THEN {Param("need_m3", q.CubicMetres)} END AS quantity) need
                    """;
                required = "need.quantity";
                _conditions.Add($"lo.quantity >= {required}");
                _conditions.Add($"lo.minimum_quantity <= {required}");
            }

            var headroom = "1";
            if (c is { From: { } from, To: { } to, Days: { } days })
            {
                _conditions.Add($"lo.available_from <= {Param("from", from)} AND lo.available_to >= {Param("to", to)}");
                _conditions.Add($"lo.minimum_term_days <= {Param("days", days)}");
                // Free on every day of the range: the range's slice of the offer's free array, which the join makes
                // sure the array covers. Compared with `<= ALL`, which PostgreSQL evaluates in one pass over the
                // array; the least free (unnest + min, a set-returning subquery per row: a third of a best-match
                // search's time with a place, dates and a quantity at 100k) is computed only where it is needed: for
                // the headroom of an offer with less than twice the quantity free, and for the page's rows.
                const string slice = "lc.free[(@from - lc.first_day) + 1 : (@to - lc.first_day) + 1]";
                _rangeJoin = """
                    JOIN listed_capacity lc ON lc.tenant_id = lo.tenant_id AND lc.offer_id = lo.offer_id
                     AND lc.first_day <= @from AND lc.first_day + cardinality(lc.free) - 1 >= @to
                    """;
                _leastFree = $"(SELECT min(x) FROM unnest({slice}) x)";
                _conditions.Add(required is null ? $"0 < ALL({slice})" : $"{required} <= ALL({slice})");
                if (required is not null)
                    headroom = $"(CASE WHEN 2 * {required} <= ALL({slice}) THEN 1 ELSE least(1, {_leastFree} / (2 * {required})) END)::double precision";
            }

            // bestMatch, documented on SearchCapacity.ScoreFormula: 0.40 × fit + 0.25 × price + 0.20 × distance +
            // 0.10 × rating + 0.05 × certification, where lo.quality holds the instant, price and rating parts.
            _score = $"round((0.28 * {headroom} + lo.quality + 0.05 * (lo.certified @> @certified_on)::int + 0.20 * {distanceScore})::numeric, 4)";
        }

        private string Param(string name, object value)
        {
            if (!_parameters.Any(p => p.ParameterName == name)) _parameters.Add(new NpgsqlParameter(name, value));
            return "@" + name;
        }

        private string Where => string.Join("\n  AND ", _warehouseConditions.Concat(_conditions));

        private string OfferWhere => string.Join("\n  AND ", _conditions);

        private (string, List<NpgsqlParameter>) With(string sql, params NpgsqlParameter[] extra)
            => (sql, _parameters.Select(p => p.Clone()).Concat(extra).ToList());

        public (string, List<NpgsqlParameter>) RankAll()
        {
            var order = Criteria.Sort switch
            {
                SearchSort.Distance => "distance_m, warehouse_id, tenant_id",
                SearchSort.Price => "best_price, distance_m, warehouse_id, tenant_id",
                _ => "score DESC, best_price, distance_m, warehouse_id, tenant_id",
            };
            return With($"""
                WITH matched AS (
                    SELECT lo.tenant_id, lo.warehouse_id, lo.cny_per_m2_month AS price, {_distance} AS distance_m, {_score} AS score
                    FROM listed_offers lo
                    {_needJoin}
                    {_rangeJoin}
                    WHERE {Where}
                ), listed AS (
                    SELECT tenant_id, warehouse_id, max(score) AS score, min(price) AS best_price, min(distance_m) AS distance_m
                    FROM matched GROUP BY tenant_id, warehouse_id
                )
                SELECT t.total, p.tenant_id, p.warehouse_id, p.score, p.best_price, p.distance_m
                FROM (SELECT count(*) AS total FROM listed) t
                LEFT JOIN LATERAL (SELECT * FROM listed ORDER BY {order} OFFSET @offset LIMIT @page_size) p ON true
                """,
                new NpgsqlParameter("offset", (Criteria.Page - 1) * Criteria.PageSize), new NpgsqlParameter("page_size", Criteria.PageSize));
        }

        public (string, List<NpgsqlParameter>) Scan(int limit)
        {
            string Read(int stream, string order, string condition = "true") => $"""
                (SELECT {stream} AS stream, lo.tenant_id, lo.warehouse_id, lo.cny_per_m2_month AS price, lo.quality, {_distance} AS distance_m, {_score} AS score
                 FROM listed_offers lo
                 {_needJoin}
                 {_rangeJoin}
                 WHERE {Where}
                   AND {condition}
                 ORDER BY {order}
                 LIMIT @scan)
                """;
            var sql = Criteria.Sort switch
            {
                SearchSort.Distance => Read(0, $"lo.location <-> {_origin}"),
                SearchSort.Price => Read(0, "lo.cny_per_m2_month, lo.offer_id"),
                // Certified today, then the others, each in quality order (see ScanAsync).
                _ => Read(1, "lo.quality DESC, lo.offer_id", "lo.certified @> @certified_on")
                     + "\nUNION ALL\n"
                     + Read(2, "lo.quality DESC, lo.offer_id", "NOT lo.certified @> @certified_on"),
            };
            return With(sql, new NpgsqlParameter("scan", limit));
        }

        // Grouped rather than count(DISTINCT (tenant_id, warehouse_id)), which sorts row values: 1.2 ms against 1.8 for
        // a thousand offers.
        public (string, List<NpgsqlParameter>) CountUpTo(int limit) => With($"""
            SELECT coalesce(sum(g.offers), 0)::bigint AS offers, count(*) AS warehouses
            FROM (SELECT count(*) AS offers
                  FROM (SELECT lo.tenant_id, lo.warehouse_id FROM listed_offers lo
                        {_needJoin}
                        {_rangeJoin}
                        WHERE {Where}
                        LIMIT @count_limit) t
                  GROUP BY t.tenant_id, t.warehouse_id) g
            """, new NpgsqlParameter("count_limit", limit));

        public (string, List<NpgsqlParameter>) Details(IReadOnlyList<Ranked> page)
        {
            var free = _leastFree ?? "window_free.free";
            var windowFreeJoin = _leastFree is not null ? "" : """
                LEFT JOIN LATERAL (SELECT min(x) AS free FROM listed_capacity wc,
                                          unnest(wc.free[greatest(@today - wc.first_day, 0) + 1 :]) x
                                   WHERE wc.tenant_id = lo.tenant_id AND wc.offer_id = lo.offer_id) window_free ON true
                """;
            return With($"""
                WITH page AS (
                    SELECT * FROM unnest(@page_tenants, @page_warehouses, @page_distances) WITH ORDINALITY
                        AS p(tenant_id, warehouse_id, distance_m, n)
                )
                SELECT @offset + p.n AS position, lo.warehouse_id, lo.name_zh, lo.name_en, lo.country_code, lo.city,
                       ST_Y(lo.location::geometry) AS latitude, ST_X(lo.location::geometry) AS longitude,
                       lo.storage_conditions, lo.handling_capabilities,
                       op.legal_name_zh AS operator_name_zh, op.legal_name_en AS operator_name_en, op.district_code AS operator_district_code,
                       -- The warehouse's score is its best matched offer's, over all of them (a price-ordered read may
                       -- have stopped before a dearer but better-scoring one).
                       p.distance_m, max({_score}) OVER (PARTITION BY p.n) AS score, lo.rating_average, lo.rating_count,
                       cert.number AS certificate_number, cert.level AS certificate_level, cert.programme_year AS certificate_programme_year,
                       cert.programme_name_zh AS certificate_programme_name_zh, cert.programme_name_en AS certificate_programme_name_en,
                       cert.valid_from AS certificate_valid_from, cert.valid_until AS certificate_valid_until,
                       lo.offer_id, lo.unit, lo.quantity AS quantity_offered, lo.available_from, lo.available_to,
                       lo.minimum_quantity, lo.minimum_term_days, {free} AS free_over_range,
                       lo.price_amount, lo.price_currency, lo.price_basis, lo.cny_per_m2_month AS cny_per_square_metre_month,
                       lo.rate_as_of, lo.rate_cny_per_unit, lo.booking_mode
                FROM page p
                -- The index row holds what a result shows of its warehouse and offer (migration ListingDetails): no
                -- source-table joins under their row policies. Operator names come from organisations (no row policy).
                JOIN listed_offers lo ON lo.tenant_id = p.tenant_id AND lo.warehouse_id = p.warehouse_id
                JOIN organisations op ON op.id = lo.tenant_id
                {_needJoin}
                {_rangeJoin}
                {windowFreeJoin}
                -- The badge: the warehouse's valid certificate, provincial before municipal, then the longest valid.
                LEFT JOIN LATERAL (SELECT c.number, c.level, c.programme_year, c.programme_name_zh, c.programme_name_en, c.valid_from, c.valid_until
                                   FROM certificates c
                                   WHERE c.tenant_id = lo.tenant_id AND c.warehouse_id = lo.warehouse_id AND c.revoked_at IS NULL
                                     AND c.valid_from <= @certified_on AND c.valid_until >= @certified_on
                                   ORDER BY CASE c.level WHEN 'Provincial' THEN 0 ELSE 1 END, c.valid_until DESC, c.number LIMIT 1) cert ON true
                -- Which of the page's warehouses' offers matched: the offer's own conditions. The warehouse's (place,
                -- market, services…) held when the ranking placed it, for all its offers alike; stated again here, they
                -- would offer the generic plan the index of the place or the market instead of the page's keys (a 50
                -- km circle read whole for every search, 11–14 ms instead of well under one).
                WHERE {OfferWhere}
                ORDER BY p.n, lo.cny_per_m2_month, lo.offer_id
                """,
                new NpgsqlParameter("page_tenants", page.Select(r => r.TenantId).ToArray()),
                new NpgsqlParameter("page_warehouses", page.Select(r => r.WarehouseId).ToArray()),
                new NpgsqlParameter("page_distances", page.Select(r => r.DistanceM).ToArray()),
                new NpgsqlParameter("offset", (long)((Criteria.Page - 1) * Criteria.PageSize)));
        }
    }

    /// <summary>
    /// The plan made without the values, for the statements whose right plan does not depend on them; a connection
    /// then plans each once (Npgsql prepares a statement on its second use). Transaction-local, as every setting here.
    /// <list type="bullet">
    /// <item>The details statement fetches a page by key, yet PostgreSQL's default (<c>plan_cache_mode = auto</c>)
    /// kept planning it afresh for each search, which with its joins and the source tables' row policies took longer
    /// than running it (pg_stat_statements, 100k benchmark set, 16 searching clients: 15–80 ms mean planning against
    /// 5–11 ms execution).</item>
    /// <item>A read nearest first, and the count of a search with a place: planned for its values, PostgreSQL takes a
    /// dense hub's circle for a sparse one (PostGIS's estimate at 1M warehouses: 1,772 rows in Antwerp's 50 km box,
    /// 34,496 there; a finer statistics target did not help) and reads the whole circle into a bitmap and sorts it,
    /// 466 ms, where the nearest-first index scan that stops after a page's worth takes 2 ms (the count: 128–178 ms
    /// against 16–36 ms). Without values it takes the index scan, which is never much worse.</item>
    /// </list>
    /// The other ranking statements keep the default: a rare market or a tight price ceiling can rightly change their plan.
    /// </summary>
    private const string GenericPlanSql = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)";

    /// <summary>
    /// Reads rows into a positional record: column i goes to the constructor's parameter i (types as declared, NULL as
    /// null). With <c>genericPlan</c>, the statement runs with its generic plan (<see cref="GenericPlanSql"/>, sent in
    /// the same round trip).
    /// </summary>
    private static async Task<List<T>> ReadAsync<T>(Session session, string sql, List<NpgsqlParameter> parameters, CancellationToken ct,
        bool genericPlan = false)
        => (await ReadAsync<T, CountRow>(session, (sql, parameters, genericPlan), null, ct)).First;

    /// <summary>
    /// Two statements in one round trip (the second may be left out): each with its generic plan when asked, the
    /// setting sent once before the first that asks (it lasts to the end of the transaction, the unit of work's or the
    /// batch's own); without a transaction, after the session's scope statement.
    /// </summary>
    private static async Task<(List<T> First, List<TThen> Then)> ReadAsync<T, TThen>(Session session,
        (string Sql, List<NpgsqlParameter> Parameters, bool GenericPlan) first, (string Sql, List<NpgsqlParameter> Parameters, bool GenericPlan)? then,
        CancellationToken ct)
    {
        session = session.Checked();
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction);
        // Positions of the statements whose results are stepped over: the scope, the plan setting.
        var settings = new HashSet<int>();
        if (session.Scope is { } scope)
        {
            settings.Add(0);
            batch.BatchCommands.Add(scope());
        }
        var planSet = false;
        foreach (var (sql, parameters, genericPlan) in then is { } next ? [first, next] : new[] { first })
        {
            if (genericPlan && !planSet)
            {
                planSet = true;
                settings.Add(batch.BatchCommands.Count);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(GenericPlanSql));
            }
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddRange(parameters.ToArray());
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var position = 0;
        async Task<List<TRow>> Rows<TRow>()
        {
            // Past the scope's and the setting's rows, where they came before this statement.
            while (settings.Contains(position)) { await reader.NextResultAsync(ct); position++; }
            var (constructor, readers) = RecordReaders.For(typeof(TRow));
            var rows = new List<TRow>();
            while (await reader.ReadAsync(ct))
            {
                var values = new object?[readers.Length];
                for (var i = 0; i < readers.Length; i++) values[i] = reader.IsDBNull(i) ? null : readers[i](reader, i);
                rows.Add((TRow)constructor.Invoke(values));
            }
            await reader.NextResultAsync(ct);
            position++;
            return rows;
        }
        var firstRows = await Rows<T>();
        return (firstRows, then is null ? [] : await Rows<TThen>());
    }

    private static class RecordReaders
    {
        private static readonly ConcurrentDictionary<Type, (ConstructorInfo, Func<NpgsqlDataReader, int, object?>[])> Cache = new();
        private static readonly MethodInfo Get = typeof(RecordReaders).GetMethod(nameof(GetValue), BindingFlags.NonPublic | BindingFlags.Static)!;

        public static (ConstructorInfo, Func<NpgsqlDataReader, int, object?>[]) For(Type type) => Cache.GetOrAdd(type, t =>
        {
            var constructor = t.GetConstructors().Single();
            var readers = constructor.GetParameters()
                .Select(p => Get.MakeGenericMethod(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)
                    .CreateDelegate<Func<NpgsqlDataReader, int, object?>>())
                .ToArray();
            return (constructor, readers);
        });

        private static object? GetValue<TValue>(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<TValue>(ordinal);
    }
}
