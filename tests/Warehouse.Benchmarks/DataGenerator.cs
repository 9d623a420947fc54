using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Organisations;

namespace Warehouse.Benchmarks;

/// <summary>
/// Loads a deterministic catalogue straight into PostgreSQL with binary COPY: operators and traders, warehouses
/// clustered around the reference hubs (every market group has hubs, so every group is present), offers with their
/// per-day capacity rows, services and confirmed bookings whose quantities are exactly the days' booked counters.
/// <para>
/// Every warehouse is generated from its own seed (<see cref="Seed"/> and its index), so each table's COPY regenerates
/// the same rows independently and the tables load side by side. Triggers (the <c>published_locations</c> upkeep and
/// the foreign-key checks) are off for the session (<c>session_replication_role = replica</c>, superuser only): the
/// rows are consistent by construction, <c>published_locations</c> and the search index (<c>listed_offers</c>,
/// <c>listed_capacity</c>) are filled afterwards set-based by their triggers' own rules, and the benchmark's invariant
/// check verifies counters against the ledger.
/// </para>
/// </summary>
public sealed class DataGenerator(string superuserConnection, int warehouses, int seed = DataGenerator.Seed, TextWriter? log = null)
{
    public const int Seed = 20261127;
    /// <summary>Tables whose secondary indexes are dropped during a large load and rebuilt once at the end.</summary>
    private static readonly string[] BigTables = ["overseas_warehouses", "capacity_offers", "capacity_days", "service_offerings", "bookings", "booking_reviews"];
    private static readonly string[] ServiceCodes =
    [
        "fulfilment", "dropShipping", "returnsRelabel", "fbaPrep", "lastMileDelivery", "customsClearance", "palletDistribution",
        "consolidationTransfer", "qualityInspection", "kittingAssembly", "productPhotography", "marketingDisplay",
        "afterSalesRepair", "liveStreamStudio", "showroom",
    ];
    private static readonly string[] ServiceUnits = ["PerOrder", "PerItem", "PerCarton", "PerPallet", "PerHour", "PerDay", "PerSession", "PerShipment"];

    /// <summary>Local currency by country for the hub countries; anything else quotes in USD.</summary>
    private static readonly Dictionary<string, string> CountryCurrency = new()
    {
        ["AE"] = "AED", ["AT"] = "EUR", ["AU"] = "AUD", ["BE"] = "EUR", ["BR"] = "BRL", ["CZ"] = "CZK", ["DE"] = "EUR", ["ES"] = "EUR",
        ["FR"] = "EUR", ["GB"] = "GBP", ["HU"] = "HUF", ["ID"] = "IDR", ["IT"] = "EUR", ["JP"] = "JPY", ["KR"] = "KRW", ["KZ"] = "KZT",
        ["MX"] = "MXN", ["MY"] = "MYR", ["NL"] = "EUR", ["PH"] = "PHP", ["PL"] = "PLN", ["QA"] = "QAR", ["RU"] = "RUB", ["SA"] = "SAR",
        ["SG"] = "SGD", ["TH"] = "THB", ["TR"] = "TRY", ["US"] = "USD", ["UZ"] = "UZS", ["VN"] = "VND",
    };

    public sealed record HubRef(string Code, string Kind, string NameEn, string Country, double Latitude, double Longitude);
    public sealed record Rate(decimal CnyPerUnit, DateOnly AsOf);

    /// <summary>A confirmed booking; <see cref="Stars"/> is its review, only ever on a booking that has ended.</summary>
    public sealed record Booking(Guid Id, Guid TraderId, decimal Quantity, DateOnly StartsOn, DateOnly EndsOn, int? Stars);
    public sealed record Offer(
        Guid Id, CapacityUnit Unit, decimal Quantity, DateOnly From, DateOnly To, decimal MinimumQuantity, int MinimumTermDays,
        BookingMode Mode, int FreeCancellationDays, bool Published, Price Price, NormalisedPrice Normalised, List<Booking> Bookings);
    public sealed record Service(Guid Id, string Code, bool Published, decimal Amount, string Currency, string Unit);
    public sealed record Warehouse(
        int Index, Guid TenantId, Guid Id, string NameZh, string NameEn, string Address, string Country, string City, double Latitude,
        double Longitude, string Ownership, DateOnly? LeaseEndsOn, DateOnly? OpenedOn, string[] Storage, string[] Handling, int? MaxDailyOrders,
        string Status, decimal ExistingM2, decimal InUseM2, decimal UnderConstructionM2, List<Offer> Offers, List<Service> Services);

    public sealed record Summary(int Operators, int Traders, int Warehouses, long Offers, long CapacityDays, long Services, long Bookings, long Reviews, double Seconds);

    private readonly TextWriter _log = log ?? Console.Out;
    private List<HubRef> _hubs = [];
    private Dictionary<string, Rate> _rates = [];
    private List<string> _districts = [];
    private DateOnly _today;
    private DateTimeOffset _now;

    public int Operators => Math.Max(4, warehouses / 500);
    public int Traders => Math.Max(4, warehouses / 2000);

    public static Guid OperatorId(int seed, int index) => DeterministicGuid(seed, 1, index, 0);
    public static Guid TraderId(int seed, int index) => DeterministicGuid(seed, 2, index, 0);

    /// <summary>A stable random-looking id (version 4 layout) from the seed, a kind, an index and a sub-index.</summary>
    public static Guid DeterministicGuid(int seed, int kind, int index, int sub)
    {
        var rng = new Random(Mix(seed, kind, index, sub));
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        // Different (kind, index, sub) must never collide: the index and kind are written into the id itself.
        BitConverter.TryWriteBytes(bytes[..4], index);
        bytes[4] = (byte)kind;
        bytes[5] = (byte)sub;
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>
    /// A seed from four integers that is the same in every process (HashCode.Combine is randomised per process), so
    /// the catalogue is the same on every run: splitmix64 over the packed inputs.
    /// </summary>
    public static int Mix(int a, int b, int c, int d)
    {
        static ulong Step(ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
        var h = Step(((ulong)(uint)a << 32) | (uint)b);
        h = Step(h ^ (((ulong)(uint)c << 32) | (uint)d));
        return (int)(h & 0x7FFFFFFF);
    }

    public async Task<Summary> LoadAsync(CancellationToken ct = default)
    {
        try { return await LoadCoreAsync(ct); }
        finally { if (_dataSource is not null) await _dataSource.DisposeAsync(); }
    }

    private async Task<Summary> LoadCoreAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        _now = DateTimeOffset.UtcNow;
        _today = DateOnly.FromDateTime(_now.UtcDateTime);
        await ReadReferenceAsync(ct);

        var large = warehouses >= 50_000;
        var dropped = large ? await DropSecondaryIndexesAsync(ct) : [];

        Log($"loading {Operators} operators, {Traders} traders, {warehouses:N0} warehouses (seed {seed})");
        await CopyOrganisationsAsync(ct);
        // The big tables load side by side, each on its own connection, each regenerating the same warehouses.
        var counts = await Task.WhenAll(
            CopyAsync("overseas_warehouses", WarehouseColumns, WriteWarehouse, ct),
            CopyAsync("capacity_offers", OfferColumns, WriteOffers, ct),
            CopyAsync("capacity_days", "tenant_id, offer_id, day, capacity, booked", WriteDays, ct),
            CopyAsync("service_offerings", ServiceColumns, WriteServices, ct),
            CopyAsync("bookings", BookingColumns, WriteBookings, ct),
            CopyAsync("booking_reviews", "tenant_id, booking_id, warehouse_id, trader_id, stars, comment, created_at", WriteReviews, ct));
        Log($"copied in {clock.Elapsed.TotalSeconds:0.0}s: {counts[0]:N0} warehouses, {counts[1]:N0} offers, {counts[2]:N0} days, {counts[3]:N0} services, {counts[4]:N0} bookings, {counts[5]:N0} reviews");

        await using var connection = await OpenAsync(ct);
        if (dropped.Count > 0)
        {
            await ExecAsync(connection, "SET maintenance_work_mem = '512MB'", ct);
            foreach (var definition in dropped) await ExecAsync(connection, definition, ct);
            Log($"rebuilt {dropped.Count} secondary indexes at {clock.Elapsed.TotalSeconds:0.0}s");
        }
        // The same rule as the trigger function refresh_published_location (migration PublishedListings).
        await ExecAsync(connection, """
            INSERT INTO published_locations (tenant_id, warehouse_id, location)
            SELECT w.tenant_id, w.id, w.location FROM overseas_warehouses w
            WHERE w.status = 'Active' AND (
                EXISTS (SELECT 1 FROM capacity_offers o WHERE o.tenant_id = w.tenant_id AND o.warehouse_id = w.id AND o.is_published)
                OR EXISTS (SELECT 1 FROM service_offerings s WHERE s.tenant_id = w.tenant_id AND s.warehouse_id = w.id AND s.is_published))
            ON CONFLICT DO NOTHING
            """, ct);
        Log($"published_locations filled at {clock.Elapsed.TotalSeconds:0.0}s");
        // The search index (migration SearchListings), set-based by the same rules as its triggers.
        await ExecAsync(connection, "SELECT rebuild_listings(NULL)", ct, timeoutSeconds: 0);
        Log($"listed_offers and listed_capacity filled at {clock.Elapsed.TotalSeconds:0.0}s");
        await ExecAsync(connection, "VACUUM ANALYZE", ct, timeoutSeconds: 0);
        Log($"VACUUM ANALYZE done at {clock.Elapsed.TotalSeconds:0.0}s");
        return new Summary(Operators, Traders, (int)counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], clock.Elapsed.TotalSeconds);
    }

    private void Log(string message) => _log.WriteLine($"[generator] {message}");

    private NpgsqlDataSource? _dataSource;

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (_dataSource is null)
        {
            var builder = new NpgsqlDataSourceBuilder(superuserConnection);
            builder.ConnectionStringBuilder.CommandTimeout = 0;
            builder.UseNetTopologySuite(geographyAsDefault: true);
            _dataSource = builder.Build();
        }
        return await _dataSource.OpenConnectionAsync(ct);
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct, int timeoutSeconds = 0)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task ReadReferenceAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // Overseas warehouses: hubs in China are origins, not destinations.
        await using (var command = new NpgsqlCommand(
            "SELECT code, kind, name_en, country_code, ST_Y(location::geometry), ST_X(location::geometry) FROM hubs WHERE country_code <> 'CN' ORDER BY code", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                _hubs.Add(new HubRef(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3).Trim(), reader.GetDouble(4), reader.GetDouble(5)));
        await using (var command = new NpgsqlCommand(
            "SELECT DISTINCT ON (currency_code) currency_code, cny_per_unit, as_of FROM exchange_rates ORDER BY currency_code, as_of DESC", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                _rates[reader.GetString(0).Trim()] = new Rate(reader.GetDecimal(1), DateOnly.FromDateTime(reader.GetDateTime(2)));
        await using (var command = new NpgsqlCommand("SELECT code FROM districts ORDER BY code", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) _districts.Add(reader.GetString(0));
        if (_hubs.Count == 0 || _rates.Count == 0 || _districts.Count == 0)
            throw new InvalidOperationException("Reference data (hubs, exchange rates, districts) is missing: migrate the database first.");
    }

    /// <summary>Drops the non-constraint indexes of the big tables and returns their definitions for the rebuild.</summary>
    private async Task<List<string>> DropSecondaryIndexesAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.indexname
            """, connection))
        {
            command.Parameters.AddWithValue("tables", BigTables);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in definitions) await ExecAsync(connection, $"DROP INDEX public.\"{name}\"", ct);
        Log($"dropped {definitions.Count} secondary indexes for the load");
        return definitions.Select(d => d.Definition).ToList();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The catalogue, one warehouse at a time.

    private Guid OperatorOf(int index) => OperatorId(seed, index % Operators);

    /// <summary>Each operator works around one to four hubs of its own.</summary>
    private HubRef HubFor(int operatorIndex, Random rng)
    {
        var own = new Random(Mix(seed, 11, operatorIndex, 0));
        var count = 1 + own.Next(4);
        var picks = new int[count];
        for (var i = 0; i < count; i++) picks[i] = own.Next(_hubs.Count);
        return _hubs[picks[rng.Next(count)]];
    }

    public Warehouse Generate(int index)
    {
        var rng = new Random(Mix(seed, 12, index, 0));
        var operatorIndex = index % Operators;
        var hub = HubFor(operatorIndex, rng);
        // Clustered: most within ~30 km of the hub, a tail out to ~150 km (Box-Muller, then clamped).
        var radiusKm = Math.Min(150, Math.Abs(Gaussian(rng)) * 30);
        var bearing = rng.NextDouble() * 2 * Math.PI;
        var lat = Math.Clamp(hub.Latitude + radiusKm / 111.0 * Math.Cos(bearing), -85, 85);
        var lon = hub.Longitude + radiusKm / (111.0 * Math.Max(0.2, Math.Cos(lat * Math.PI / 180))) * Math.Sin(bearing);
        lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;

        var statusRoll = rng.NextDouble();
        var status = statusRoll < 0.92 ? "Active" : statusRoll < 0.96 ? "Draft" : statusRoll < 0.98 ? "Suspended" : "Closed";
        // Log-normal floor area: median ~8,000 m², most between 2,000 and 40,000.
        var existing = decimal.Round((decimal)Math.Clamp(Math.Exp(Math.Log(8000) + 0.8 * Gaussian(rng)), 500, 200_000), 1);
        var inUse = decimal.Round(existing * (decimal)(0.4 + 0.55 * rng.NextDouble()), 1);
        var building = rng.NextDouble() < 0.15 ? decimal.Round((decimal)(1000 + rng.NextDouble() * 20_000), 1) : 0m;
        var leased = rng.NextDouble() < 0.6;
        var storage = new List<string> { "Ambient" };
        if (rng.NextDouble() < 0.15) storage.Add("Chilled");
        if (rng.NextDouble() < 0.08) storage.Add("Frozen");
        if (rng.NextDouble() < 0.05) storage.Add("HumidityControlled");
        var handling = new List<string>();
        foreach (var capability in new[] { "HazmatClass9LithiumBatteries", "OversizeHeavy", "GarmentsOnHanger", "Bonded" })
            if (rng.NextDouble() < 0.1) handling.Add(capability);

        var tenant = OperatorOf(index);
        var warehouseId = DeterministicGuid(seed, 3, index, 0);
        var currency = CountryCurrency.TryGetValue(hub.Country, out var local) && _rates.ContainsKey(local) ? local : "USD";

        var offers = new List<Offer>();
        var offerCount = rng.NextDouble() switch { < 0.12 => 0, < 0.88 => 1, _ => 2 };
        for (var o = 0; o < offerCount; o++) offers.Add(GenerateOffer(rng, index, o, currency));

        var services = new List<Service>();
        var serviceCount = rng.Next(0, 5);
        var taken = new HashSet<string>();
        for (var s = 0; s < serviceCount; s++)
        {
            // fulfilment is the common one; the rest spread over the catalogue.
            var code = s == 0 && rng.NextDouble() < 0.7 ? "fulfilment" : ServiceCodes[rng.Next(ServiceCodes.Length)];
            if (!taken.Add(code)) continue;
            services.Add(new Service(DeterministicGuid(seed, 5, index, s), code, rng.NextDouble() < 0.9,
                decimal.Round((decimal)(0.5 + rng.NextDouble() * 20), 2), currency, ServiceUnits[rng.Next(ServiceUnits.Length)]));
        }

        return new Warehouse(index, tenant, warehouseId, $"海外仓 {hub.NameEn} {index}", $"{hub.NameEn} warehouse {index}",
            $"{10 + index % 900} Logistics Road, {hub.NameEn}", hub.Country, hub.NameEn, lat, lon,
            leased ? "Leased" : "SelfBuilt", leased ? _today.AddDays(365 + rng.Next(3650)) : null,
            rng.NextDouble() < 0.1 ? null : new DateOnly(2012 + rng.Next(15), 1 + rng.Next(12), 1),
            storage.ToArray(), handling.ToArray(), rng.NextDouble() < 0.3 ? null : 500 + rng.Next(50_000),
            status, existing, inUse, building, offers, services);
    }

    private Offer GenerateOffer(Random rng, int index, int o, string currency)
    {
        var unit = rng.NextDouble() switch { < 0.6 => CapacityUnit.SquareMetre, < 0.9 => CapacityUnit.PalletPosition, _ => CapacityUnit.CubicMetre };
        var quantity = unit switch
        {
            CapacityUnit.SquareMetre => 200m + rng.Next(48) * 100m,
            CapacityUnit.PalletPosition => 100m + rng.Next(30) * 100m,
            _ => 200m + rng.Next(80) * 100m,
        };
        // Windows start up to two weeks ago and run 30 to 75 days: searches and bookings look 1 to 3 weeks ahead.
        var from = _today.AddDays(-rng.Next(15));
        var to = from.AddDays(30 + rng.Next(46));
        var minimumQuantity = rng.NextDouble() < 0.5 ? 0m : decimal.Round(quantity * (decimal)(rng.NextDouble() * 0.05), 0);
        var minimumTerm = new[] { 1, 1, 1, 3, 7, 14, 30 }[rng.Next(7)];
        var basis = unit switch
        {
            CapacityUnit.SquareMetre => PriceBasis.PerSquareMetreMonth,
            CapacityUnit.PalletPosition => rng.NextDouble() < 0.5 ? PriceBasis.PerPalletWeek : PriceBasis.PerPalletDay,
            _ => PriceBasis.PerCubicMetreDay,
        };
        // A plausible 25–90 CNY per m²·month, expressed in the local currency and basis.
        var targetCny = 25m + (decimal)rng.NextDouble() * 65m;
        var rate = _rates[currency];
        var perM2MonthLocal = targetCny / rate.CnyPerUnit;
        var factor = ConversionAssumptions.Standard.PerSquareMetreMonth(1m, basis);
        var amount = Math.Max(0.0001m, decimal.Round(perM2MonthLocal / factor, 4));
        var price = new Price(amount, currency, basis);
        var normalised = NormalisedPrice.Compute(price, rate.CnyPerUnit, rate.AsOf, ConversionAssumptions.Standard);

        var bookings = new List<Booking>();
        var window = to.DayNumber - from.DayNumber + 1;
        var bookingCount = rng.NextDouble() < 0.06 ? 1 + rng.Next(3) : 0;
        for (var b = 0; b < bookingCount; b++)
        {
            // At most a fifth of the quantity each, three at most: no day can go over capacity.
            var q = Math.Max(minimumQuantity, Math.Max(1m, decimal.Round(quantity * (decimal)(0.02 + rng.NextDouble() * 0.18), 0)));
            var length = Math.Min(window, minimumTerm + rng.Next(20));
            var start = from.AddDays(rng.Next(window - length + 1));
            var past = _today.DayNumber - from.DayNumber;
            if (rng.NextDouble() < 0.4 && past >= Math.Min(window, minimumTerm))
            {
                // Some have already ended (and can carry a review).
                length = Math.Min(window, minimumTerm + rng.Next(Math.Max(1, past - minimumTerm + 1)));
                start = from;
            }
            var ends = start.AddDays(length - 1);
            int? stars = ends < _today && rng.NextDouble() < 0.6 ? new[] { 2, 3, 4, 4, 5, 5 }[rng.Next(6)] : null;
            bookings.Add(new Booking(DeterministicGuid(seed, 6, index, o * 8 + b), TraderId(seed, rng.Next(Traders)), q, start, ends, stars));
        }
        return new Offer(DeterministicGuid(seed, 4, index, o), unit, quantity, from, to, minimumQuantity, Math.Min(minimumTerm, window),
            rng.NextDouble() < 0.7 ? BookingMode.Instant : BookingMode.Request, rng.Next(15), rng.NextDouble() < 0.9, price, normalised, bookings);
    }

    private static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    // ---------------------------------------------------------------------------------------------------------
    // COPY

    private async Task<long> CopyAsync(string table, string columns, Func<NpgsqlBinaryImporter, Warehouse, CancellationToken, Task<int>> write, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // Skips triggers, foreign-key checks included (superuser only); see the class summary for why that is sound.
        await ExecAsync(connection, "SET session_replication_role = replica", ct);
        long rows = 0;
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < warehouses; i++) rows += await write(importer, Generate(i), ct);
            await importer.CompleteAsync(ct);
        }
        return rows;
    }

    private async Task CopyOrganisationsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY organisations (id, kind, legal_name_zh, legal_name_en, credit_code, district_code, created_at, contact_email, contact_name, contact_phone) FROM STDIN (FORMAT BINARY)", ct);
        async Task Row(Guid id, string kind, int index, string? district)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(id, NpgsqlDbType.Uuid, ct);
            await importer.WriteAsync(kind, NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync(kind == "Operator" ? $"苏州基准仓储有限公司{index:D5}" : $"苏州基准贸易有限公司{index:D5}", NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync($"Benchmark {kind} {index:D5} Co., Ltd.", NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync(CreditCode(kind == "Operator" ? 1 : 2, index), NpgsqlDbType.Char, ct);
            if (district is null) await importer.WriteNullAsync(ct); else await importer.WriteAsync(district, NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync(_now.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await importer.WriteAsync($"contact.{kind.ToLowerInvariant()}{index}@bench.example", NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync("基准联系人", NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync("0512-60000000", NpgsqlDbType.Varchar, ct);
        }
        for (var i = 0; i < Operators; i++) await Row(OperatorId(seed, i), "Operator", i, _districts[i % _districts.Count]);
        for (var i = 0; i < Traders; i++) await Row(TraderId(seed, i), "Trader", i, null);
        await importer.CompleteAsync(ct);
    }

    /// <summary>A valid unified social credit code (check character included), unique per kind and index.</summary>
    private static string CreditCode(int kind, int index)
    {
        // "91" (enterprise), "3205" + "99" (Suzhou, benchmark block), then kind and index in the code's alphabet.
        var body = new char[17];
        "91320599".CopyTo(body);
        body[8] = UnifiedSocialCreditCode.Alphabet[kind];
        var n = index;
        for (var i = 16; i >= 9; i--)
        {
            body[i] = UnifiedSocialCreditCode.Alphabet[n % UnifiedSocialCreditCode.Alphabet.Length];
            n /= UnifiedSocialCreditCode.Alphabet.Length;
        }
        return UnifiedSocialCreditCode.Complete(new string(body)).Value;
    }

    private const string WarehouseColumns =
        "tenant_id, id, name_zh, name_en, address, country_code, city, location, ownership, lease_ends_on, opened_on, storage_conditions, " +
        "handling_capabilities, max_daily_orders, status, status_changed_by, status_changed_at, created_at, existing_m2, in_use_m2, under_construction_m2";

    private static readonly GeometryFactory Geography = new(new PrecisionModel(), 4326);

    private async Task<int> WriteWarehouse(NpgsqlBinaryImporter w, Warehouse x, CancellationToken ct)
    {
        await w.StartRowAsync(ct);
        await w.WriteAsync(x.TenantId, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(x.NameZh, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(x.NameEn, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(x.Address, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(x.Country, NpgsqlDbType.Char, ct);
        await w.WriteAsync(x.City, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(Geography.CreatePoint(new Coordinate(x.Longitude, x.Latitude)), NpgsqlDbType.Geography, ct);
        await w.WriteAsync(x.Ownership, NpgsqlDbType.Varchar, ct);
        await WriteDateAsync(w, x.LeaseEndsOn, ct);
        await WriteDateAsync(w, x.OpenedOn, ct);
        await w.WriteAsync(x.Storage, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(x.Handling, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        if (x.MaxDailyOrders is { } orders) await w.WriteAsync(orders, NpgsqlDbType.Integer, ct); else await w.WriteNullAsync(ct);
        await w.WriteAsync(x.Status, NpgsqlDbType.Varchar, ct);
        await w.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(_now.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(_now.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(x.ExistingM2, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(x.InUseM2, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(x.UnderConstructionM2, NpgsqlDbType.Numeric, ct);
        return 1;
    }

    private static async Task WriteDateAsync(NpgsqlBinaryImporter w, DateOnly? date, CancellationToken ct)
    {
        if (date is { } d) await w.WriteAsync(d, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
    }

    private const string OfferColumns =
        "tenant_id, id, warehouse_id, unit, quantity, available_from, available_to, minimum_quantity, minimum_term_days, handling_fees, " +
        "booking_mode, free_cancellation_days, is_published, created_at, normalised_assumptions, normalised_cny_per_m2_month, " +
        "normalised_rate_cny_per_unit, normalised_rate_as_of, price_amount, price_basis, price_currency";

    private async Task<int> WriteOffers(NpgsqlBinaryImporter w, Warehouse x, CancellationToken ct)
    {
        foreach (var o in x.Offers)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(x.TenantId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(o.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(o.Unit.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(o.Quantity, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(o.From, NpgsqlDbType.Date, ct);
            await w.WriteAsync(o.To, NpgsqlDbType.Date, ct);
            await w.WriteAsync(o.MinimumQuantity, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(o.MinimumTermDays, NpgsqlDbType.Integer, ct);
            await w.WriteAsync("入库 ¥3/箱, 出库 ¥5/单", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(o.Mode.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(o.FreeCancellationDays, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(o.Published, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(_now.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(o.Normalised.Assumptions, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(o.Normalised.CnyPerM2Month, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(o.Normalised.CnyPerUnit, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(o.Normalised.RateAsOf, NpgsqlDbType.Date, ct);
            await w.WriteAsync(o.Price.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(o.Price.Basis.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(o.Price.Currency, NpgsqlDbType.Char, ct);
        }
        return x.Offers.Count;
    }

    private static async Task<int> WriteDays(NpgsqlBinaryImporter w, Warehouse x, CancellationToken ct)
    {
        var rows = 0;
        foreach (var o in x.Offers)
        {
            for (var day = o.From; day <= o.To; day = day.AddDays(1))
            {
                var booked = 0m;
                foreach (var b in o.Bookings) if (b.StartsOn <= day && day <= b.EndsOn) booked += b.Quantity;
                await w.StartRowAsync(ct);
                await w.WriteAsync(x.TenantId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(o.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(day, NpgsqlDbType.Date, ct);
                await w.WriteAsync(o.Quantity, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(booked, NpgsqlDbType.Numeric, ct);
                rows++;
            }
        }
        return rows;
    }

    private const string ServiceColumns =
        "tenant_id, id, warehouse_id, service_type_code, description_zh, description_en, is_published, created_at, price_amount, price_currency, price_unit";

    private async Task<int> WriteServices(NpgsqlBinaryImporter w, Warehouse x, CancellationToken ct)
    {
        foreach (var s in x.Services)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(x.TenantId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(s.Code, NpgsqlDbType.Varchar, ct);
            await w.WriteNullAsync(ct);
            await w.WriteNullAsync(ct);
            await w.WriteAsync(s.Published, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(_now.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(s.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(s.Currency, NpgsqlDbType.Char, ct);
            await w.WriteAsync(s.Unit, NpgsqlDbType.Varchar, ct);
        }
        return x.Services.Count;
    }

    private async Task<int> WriteReviews(NpgsqlBinaryImporter w, Warehouse x, CancellationToken ct)
    {
        var rows = 0;
        foreach (var b in x.Offers.SelectMany(o => o.Bookings).Where(b => b.Stars is not null))
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(x.TenantId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(b.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(b.TraderId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(b.Stars!.Value, NpgsqlDbType.Integer, ct);
            await w.WriteAsync("准时入库，沟通顺畅。", NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(b.EndsOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
            rows++;
        }
        return rows;
    }

    private const string BookingColumns =
        "tenant_id, id, trader_id, offer_id, warehouse_id, warehouse_name, unit, quantity, starts_on, ends_on, status, created_by, created_at, " +
        "quote_currency, quote_explanation, quote_rate_as_of, quote_rate_cny_per_unit, quote_total_cny, quote_total_original";

    private async Task<int> WriteBookings(NpgsqlBinaryImporter w, Warehouse x, CancellationToken ct)
    {
        var rows = 0;
        foreach (var o in x.Offers)
        {
            foreach (var b in o.Bookings)
            {
                // The arithmetic of Domain.Bookings.Quote.For.
                var a = ConversionAssumptions.Standard;
                var days = b.EndsOn.DayNumber - b.StartsOn.DayNumber + 1;
                var perM2Month = a.PerSquareMetreMonth(o.Price.Amount, o.Price.Basis);
                var total = decimal.Round(perM2Month * a.ToSquareMetres(b.Quantity, o.Unit) * (days / a.DaysPerMonth), 2);
                var cny = decimal.Round(total * o.Normalised.CnyPerUnit, 2);
                await w.StartRowAsync(ct);
                await w.WriteAsync(x.TenantId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(b.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(b.TraderId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(o.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(x.NameZh, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(o.Unit.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.Quantity, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(b.StartsOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(b.EndsOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync("Confirmed", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(_now.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(o.Price.Currency, NpgsqlDbType.Char, ct);
                await w.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{b.Quantity} {o.Unit} × {days} days = {total} {o.Price.Currency} ≈ {cny} CNY"), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(o.Normalised.RateAsOf, NpgsqlDbType.Date, ct);
                await w.WriteAsync(o.Normalised.CnyPerUnit, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(cny, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(total, NpgsqlDbType.Numeric, ct);
                rows++;
            }
        }
        return rows;
    }
}
