using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Capacity;

namespace Warehouse.Api.Features.Search;

/// <summary>
/// The capacity search as one SQL statement on the published read path. Filtering, distances, the every-day
/// availability rule, scoring, ordering and paging all run in PostgreSQL/PostGIS; only the page comes back.
/// <para>
/// Raw SQL skips EF's tenant filter, so other tenants' rows reach this statement only through the
/// <c>published_listing</c> row policies (migration PublishedListings). It does not lean on them: it states every
/// public condition itself as well (warehouse active, offer and services published), so dropping or widening a
/// policy would not widen what search shows. A place is found through <c>published_locations</c>, whose GiST index
/// PostgreSQL can use under row security (see the migration), and is then re-checked on the warehouse's own location.
/// </para>
/// The text is assembled from fixed fragments chosen by which filters are present; every value is a parameter.
/// </summary>
public static class SearchSql
{
    /// <summary>One matched offer of one warehouse of the page (or, on an empty page, one row carrying only the total).</summary>
    public sealed record Row(
        long Total, long? Position, Guid? WarehouseId, string? NameZh, string? NameEn, string? CountryCode, string? City,
        double? Latitude, double? Longitude, string[]? StorageConditions, string[]? HandlingCapabilities,
        string? OperatorNameZh, string? OperatorNameEn, string? OperatorDistrictCode, double? DistanceM, decimal? Score,
        decimal? RatingAverage, long? RatingCount, string? HubCode, string? HubNameZh, string? HubNameEn, double? HubDistanceM,
        string? CertificateNumber, string? CertificateLevel, int? CertificateProgrammeYear, string? CertificateProgrammeNameZh,
        string? CertificateProgrammeNameEn, DateOnly? CertificateValidFrom, DateOnly? CertificateValidUntil,
        Guid? OfferId, string? Unit, decimal? QuantityOffered, DateOnly? AvailableFrom, DateOnly? AvailableTo,
        decimal? MinimumQuantity, int? MinimumTermDays, decimal? FreeOverRange,
        decimal? PriceAmount, string? PriceCurrency, string? PriceBasis, decimal? CnyPerSquareMetreMonth, DateOnly? RateAsOf, decimal? RateCnyPerUnit, string? BookingMode);

    public static async Task<List<Row>> RunAsync(WarehouseDb db, SearchCriteria c, DateOnly certificatesValidOn, CancellationToken ct)
    {
        var (sql, parameters) = Build(c, certificatesValidOn);
        return await db.Database.SqlQueryRaw<Row>(sql, parameters.ToArray<object>()).ToListAsync(ct);
    }

    /// <param name="c">The validated filters.</param>
    /// <param name="certificatesValidOn">The day a certificate must be valid on to count (Suzhou's date: certificates are dated there); default <c>c.Today</c>.</param>
    public static (string Sql, List<NpgsqlParameter> Parameters) Build(SearchCriteria c, DateOnly? certificatesValidOn = null)
    {
        var parameters = new List<NpgsqlParameter>();
        string Param(string name, object value)
        {
            if (!parameters.Any(p => p.ParameterName == name)) parameters.Add(new NpgsqlParameter(name, value));
            return "@" + name;
        }

        var conditions = new List<string>
        {
            // The public conditions, stated here whatever the row policies already enforce.
            "w.status = 'Active'",
            "o.is_published",
            $"o.available_to >= {Param("today", c.Today)}",
        };

        // A certificate c of warehouse {alias} that is valid today (not revoked, within its validity period).
        string Certified(string alias, string idColumn = "id")
            => $"c.tenant_id = {alias}.tenant_id AND c.warehouse_id = {alias}.{idColumn} AND c.revoked_at IS NULL AND c.valid_from <= {Param("certified_on", certificatesValidOn ?? c.Today)} AND c.valid_until >= @certified_on";

        var origin = "NULL::geography";
        if (c.Place is { } place)
        {
            origin = $"ST_SetSRID(ST_MakePoint({Param("origin_lon", place.Origin.Longitude)}, {Param("origin_lat", place.Origin.Latitude)}), 4326)::geography";
            // The index narrows through published_locations; the warehouse's own location decides.
            string Inside(string location) => place.Area is { } area
                ? $"ST_Covers(ST_GeomFromText({Param("area", area.AsText())}, 4326)::geography, {location})"
                : $"ST_DWithin({location}, {origin}, {Param("radius_m", place.RadiusKm!.Value * 1000)})";
            conditions.Add($"(w.tenant_id, w.id) IN (SELECT pl.tenant_id, pl.warehouse_id FROM published_locations pl WHERE {Inside("pl.location")})");
            conditions.Add(Inside("w.location"));
        }
        if (c.MarketCountries is { } countries) conditions.Add($"w.country_code = ANY({Param("countries", countries.ToArray())}::bpchar[])");
        if (c.StorageConditions.Count > 0)
            conditions.Add($"w.storage_conditions @> {Param("storage", c.StorageConditions.Select(s => s.ToString()).ToArray())}::text[]");
        if (c.HandlingCapabilities.Count > 0)
            conditions.Add($"w.handling_capabilities @> {Param("handling", c.HandlingCapabilities.Select(h => h.ToString()).ToArray())}::text[]");
        if (c.OperatorDistricts.Count > 0) conditions.Add($"op.district_code = ANY({Param("districts", c.OperatorDistricts.ToArray())})");
        if (c.Services.Count > 0)
        {
            // Every requested service, published at this warehouse.
            conditions.Add($"""
                (SELECT count(DISTINCT s.service_type_code) FROM service_offerings s
                 WHERE s.tenant_id = w.tenant_id AND s.warehouse_id = w.id AND s.is_published
                   AND s.service_type_code = ANY({Param("services", c.Services.ToArray())})) = {Param("service_count", c.Services.Count)}
                """);
        }
        // A valid certificate today: readable here through the public_certificate row policy (migration Certification).
        if (c.CertifiedOnly) conditions.Add($"EXISTS (SELECT 1 FROM certificates c WHERE {Certified("w")})");
        if (c.MaxPriceCnyPerM2Month is { } maxPrice) conditions.Add($"o.normalised_cny_per_m2_month <= {Param("max_price", maxPrice)}");

        // The quantity needed on an offer, in that offer's unit.
        var needJoin = "";
        string? required = null;
        if (c.Quantity is { } q)
        {
            needJoin = $"""
                CROSS JOIN LATERAL (SELECT CASE o.unit WHEN '{CapacityUnit.SquareMetre}' THEN {Param("need_m2", q.SquareMetres)}
                                                       WHEN '{CapacityUnit.PalletPosition}' THEN {Param("need_pallets", q.PalletPositions)}
                                                       WHEN '{CapacityUnit.CubicMetre}' THEN {Param("need_m3", q.CubicMetres)} END AS quantity) need
                """;
            required = "need.quantity";
            conditions.Add($"o.quantity >= {required}");
            conditions.Add($"o.minimum_quantity <= {required}");
        }

        var rangeJoin = "";
        if (c is { From: { } from, To: { } to, Days: { } days })
        {
            conditions.Add($"o.available_from <= {Param("from", from)} AND o.available_to >= {Param("to", to)}");
            conditions.Add($"o.minimum_term_days <= {Param("days", days)}");
            // Free on every day: a row for each day of the range, and the least free of them is enough.
            rangeJoin = $"""
                JOIN LATERAL (SELECT min(d.capacity - d.booked) AS free, count(*) AS days FROM capacity_days d
                              WHERE d.tenant_id = o.tenant_id AND d.offer_id = o.id AND d.day BETWEEN @from AND @to) f
                  ON f.days = @days AND f.free {(required is null ? "> 0" : $">= {required}")}
                """;
        }
        var hasRange = rangeJoin.Length > 0;
        var headroom = required is null || !hasRange ? "1" : $"least(1, f.free / (2 * {required}))";

        var distanceScore = c.Place is null ? "1" : "(1 - percent_rank() OVER (ORDER BY l.distance_m))";
        var order = c.Sort switch
        {
            SearchSort.Distance => "s.distance_m, s.warehouse_id, s.tenant_id",
            SearchSort.Price => "s.best_price, s.distance_m, s.warehouse_id, s.tenant_id",
            _ => "s.score DESC, s.best_price, s.distance_m, s.warehouse_id, s.tenant_id",
        };
        var offset = Param("offset", (c.Page - 1) * c.PageSize);
        var pageSize = Param("page_size", c.PageSize);
        var freeOverRange = hasRange ? "m.free" : "window_free.free";
        var windowFreeJoin = hasRange ? "" : """
            LEFT JOIN LATERAL (SELECT min(d.capacity - d.booked) AS free FROM capacity_days d
                               WHERE d.tenant_id = m.tenant_id AND d.offer_id = m.offer_id
                                 AND d.day BETWEEN greatest(m.available_from, @today) AND m.available_to) window_free ON true
            """;

        var sql = $"""
            WITH matched AS (
                SELECT w.tenant_id, w.id AS warehouse_id, ST_Distance(w.location, {origin}) AS distance_m,
                       o.id AS offer_id, o.unit, o.quantity AS quantity_offered, o.available_from, o.available_to,
                       o.minimum_quantity, o.minimum_term_days,
                       o.price_amount, o.price_currency, o.price_basis, o.normalised_cny_per_m2_month AS cny_per_square_metre_month,
                       o.normalised_rate_as_of AS rate_as_of, o.normalised_rate_cny_per_unit AS rate_cny_per_unit, o.booking_mode,
                       {(hasRange ? "f.free" : "NULL::numeric")} AS free, {headroom} AS headroom
                FROM overseas_warehouses w
                JOIN organisations op ON op.id = w.tenant_id
                JOIN capacity_offers o ON o.tenant_id = w.tenant_id AND o.warehouse_id = w.id
                {needJoin}
                {rangeJoin}
                WHERE {string.Join("\n      AND ", conditions)}
            ), listed AS (
                SELECT tenant_id, warehouse_id, min(distance_m) AS distance_m, min(cny_per_square_metre_month) AS best_price,
                       max(headroom) AS headroom, bool_or(booking_mode = '{BookingMode.Instant}') AS instant
                FROM matched GROUP BY tenant_id, warehouse_id
            ), rated AS (
                -- Reviews are public; a warehouse without any is rated neutrally (0.5) in the score.
                SELECT l.*, rv.average AS rating_average, rv.count AS rating_count
                FROM listed l
                LEFT JOIN LATERAL (SELECT round(avg(r.stars), 2) AS average, count(*) AS count FROM booking_reviews r
                                   WHERE r.tenant_id = l.tenant_id AND r.warehouse_id = l.warehouse_id) rv ON true
            ), scored AS (
                -- bestMatch, documented on SearchCapacity.ScoreFormula: fit, price, distance, rating, certification.
                SELECT l.*, round((0.40 * (0.7 * l.headroom + 0.3 * CASE WHEN l.instant THEN 1 ELSE 0.5 END)
                                 + 0.25 * (1 - percent_rank() OVER (ORDER BY l.best_price))
                                 + 0.20 * {distanceScore}
                                 + 0.10 * coalesce((l.rating_average - 1) / 4, 0.5)
                                 + 0.05 * CASE WHEN EXISTS (SELECT 1 FROM certificates c WHERE {Certified("l", "warehouse_id")}) THEN 1 ELSE 0 END)::numeric, 4) AS score
                FROM rated l
            ), ranked AS (
                SELECT s.*, row_number() OVER (ORDER BY {order}) AS position FROM scored s
            ), page AS (
                SELECT r.tenant_id, r.warehouse_id, r.position, r.distance_m, r.score, r.rating_average, r.rating_count,
                       w.name_zh, w.name_en, w.country_code, w.city,
                       ST_Y(w.location::geometry) AS latitude, ST_X(w.location::geometry) AS longitude,
                       w.storage_conditions, w.handling_capabilities,
                       op.legal_name_zh AS operator_name_zh, op.legal_name_en AS operator_name_en, op.district_code AS operator_district_code,
                       hub.code AS hub_code, hub.name_zh AS hub_name_zh, hub.name_en AS hub_name_en, hub.distance_m AS hub_distance_m,
                       cert.number AS certificate_number, cert.level AS certificate_level, cert.programme_year AS certificate_programme_year,
                       cert.programme_name_zh AS certificate_programme_name_zh, cert.programme_name_en AS certificate_programme_name_en,
                       cert.valid_from AS certificate_valid_from, cert.valid_until AS certificate_valid_until
                FROM ranked r
                JOIN overseas_warehouses w ON w.tenant_id = r.tenant_id AND w.id = r.warehouse_id
                JOIN organisations op ON op.id = r.tenant_id
                -- Nearest rail node, nearest-first through the hubs' GiST index.
                LEFT JOIN LATERAL (SELECT h.code, h.name_zh, h.name_en, ST_Distance(h.location, w.location) AS distance_m
                                   FROM hubs h WHERE h.kind = 'Rail' ORDER BY h.location <-> w.location LIMIT 1) hub ON true
                -- The badge: the warehouse's valid certificate, provincial before municipal, then the longest valid.
                LEFT JOIN LATERAL (SELECT c.number, c.level, c.programme_year, c.programme_name_zh, c.programme_name_en, c.valid_from, c.valid_until
                                   FROM certificates c WHERE {Certified("w")}
                                   ORDER BY CASE c.level WHEN 'Provincial' THEN 0 ELSE 1 END, c.valid_until DESC, c.number LIMIT 1) cert ON true
                WHERE r.position > {offset} AND r.position <= {offset} + {pageSize}
            )
            SELECT t.total, p.position, p.warehouse_id, p.name_zh, p.name_en, p.country_code, p.city, p.latitude, p.longitude,
                   p.storage_conditions, p.handling_capabilities, p.operator_name_zh, p.operator_name_en, p.operator_district_code,
                   p.distance_m, p.score, p.rating_average, p.rating_count, p.hub_code, p.hub_name_zh, p.hub_name_en, p.hub_distance_m,
                   p.certificate_number, p.certificate_level, p.certificate_programme_year, p.certificate_programme_name_zh,
                   p.certificate_programme_name_en, p.certificate_valid_from, p.certificate_valid_until,
                   m.offer_id, m.unit, m.quantity_offered, m.available_from, m.available_to, m.minimum_quantity, m.minimum_term_days,
                   {freeOverRange} AS free_over_range,
                   m.price_amount, m.price_currency, m.price_basis, m.cny_per_square_metre_month, m.rate_as_of, m.rate_cny_per_unit, m.booking_mode
            FROM (SELECT count(*) AS total FROM listed) t
            LEFT JOIN page p ON true
            LEFT JOIN matched m ON m.tenant_id = p.tenant_id AND m.warehouse_id = p.warehouse_id
            {windowFreeJoin}
            ORDER BY p.position, m.cny_per_square_metre_month, m.offer_id
            """;
        return (sql, parameters);
    }
}
