using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Warehouse.Api.Features.Bookings;
using Warehouse.Api.Features.Search;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Bookings;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Organisations;

namespace Warehouse.Benchmarks;

/// <summary>An offer the booking phases book on: its operator (the tenant) and id.</summary>
public sealed record BookingTarget(Guid OperatorId, Guid OfferId);

/// <summary>
/// The floor: the least an HTTP endpoint can do for the same work, measured in the same run as the Api. A minimal
/// Kestrel app over raw Npgsql (one data source, automatic preparation), no authentication, no validation, no EF while
/// it serves (EF's model only builds the booking rows, as in the Api). Each endpoint runs the Api's own SQL, so that
/// Api ÷ floor measures what the Api adds around the same database work:
/// <list type="bullet">
/// <item><c>POST /search/{i}</c> runs query <c>i</c> of the mix through <see cref="SearchSql.RunAsync"/>, the Api's own
/// statements, as the app role in a unit of work of the signed-in trader (the same row-security path), and writes the
/// page back as JSON;</item>
/// <item><c>POST /book/{k}</c> books on target <c>k</c> with the Api's own statements (<see cref="BookingDesk.DecideAsync"/>),
/// one booking per round trip: the scope, the parties, the offer's lock, the trader's membership, then one statement
/// that checks the terms' versions and the days and writes the booking and its audit entry only if every day has room,
/// else 409.</item>
/// </list>
/// </summary>
public sealed class FloorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    public Uri BaseAddress { get; }

    private FloorServer(WebApplication app, NpgsqlDataSource dataSource, Uri baseAddress)
    {
        _app = app;
        _dataSource = dataSource;
        BaseAddress = baseAddress;
    }

    public sealed record BookingWindow(decimal Quantity, DateOnly StartsOn, DateOnly EndsOn);

    public static async Task<FloorServer> StartAsync(string appConnection, IReadOnlyList<SearchMix.Query> queries, Guid traderId, Guid traderUserId,
        IReadOnlyList<BookingTarget> offers, BookingWindow window)
    {
        // The Api's own connection settings (automatic preparation, pool size): the floor differs in what it skips, not in those.
        var connection = new NpgsqlConnectionStringBuilder(AppConnection.Tune(appConnection)) { ApplicationName = "warehouse-bench-floor" };
        var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        var searcher = new TenantContext();
        searcher.SetUser(traderUserId);
        searcher.SetTenant(traderId, OrganisationKind.Trader, null);
        app.MapPost("/search/{i:int}", async (int i, HttpContext http) =>
        {
            var query = queries[i % queries.Count];
            await using var db = await dataSource.OpenConnectionAsync(http.RequestAborted);
            // As the Api searches: no transaction, each batch opened by the scope statement (here without the Api's
            // membership check, which belongs to what the floor skips).
            var page = await SearchSql.RunAsync(db, null, query.Criteria, query.Criteria.Today, http.RequestAborted,
                scope: () => TenantTransactionInterceptor.ScopeBatchCommand(searcher));
            http.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(http.Response.Body, page, cancellationToken: http.RequestAborted);
        });

        // Terms are read once, before the floor serves; the Api reads them once per offer too (then remembers them).
        var (newRows, terms) = await LoadTermsAsync(appConnection, traderId, traderUserId, offers);
        var days = window.EndsOn.DayNumber - window.StartsOn.DayNumber + 1;
        app.MapPost("/book/{k:int}", async (int k, HttpContext http) =>
        {
            var t = terms[k % terms.Count];
            // The Api's own statements (BookingDesk.DecideAsync), one booking per round trip and transaction: the same
            // SQL as an Api booking, as the search floor runs the Api's search SQL. Not here: HTTP authentication, the
            // tenant's resolution, binding and validation, batching with other bookings of the offer, the answer's body.
            var quote = Quote.For(t.Offer, window.Quantity, days, ConversionAssumptions.Standard);
            var booking = Booking.Place(t.Offer, t.Offer.WarehouseId, t.WarehouseName, traderId, window.Quantity, window.StartsOn, window.EndsOn,
                quote, traderUserId, BookingDesk.ToMicroseconds(DateTimeOffset.UtcNow), TimeSpan.FromHours(48));
            // The roles the Api's booking endpoint admits (members of a trader: any role).
            var pending = BookingDesk.Prepare(newRows, booking, t.Offer.Version, t.WarehouseVersion, [], TraderRoles);
            var decided = (await BookingDesk.DecideAsync(dataSource, [pending], http.RequestAborted))[0];
            return decided.Outcome == BookingDesk.ReservationOutcome.Reserved ? Results.StatusCode(201) : Results.Conflict();
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FloorServer(app, dataSource, new Uri(address));
    }

    private static readonly MembershipRole[] TraderRoles = [MembershipRole.Admin, MembershipRole.Staff];

    /// <summary>What a floor booking is priced from: the published offer and its warehouse, as the Api reads them.</summary>
    private sealed record Terms(CapacityOffer Offer, string WarehouseName, uint WarehouseVersion);

    /// <summary>
    /// The targets' published offers, read as the trader on the Api's published read path (its own mapping, hence EF,
    /// in a unit of work of the trader), and EF's model for the booking rows.
    /// </summary>
    private static async Task<(NewRows, List<Terms>)> LoadTermsAsync(string appConnection, Guid traderId, Guid traderUserId, IReadOnlyList<BookingTarget> offers)
    {
        var tenant = new TenantContext();
        tenant.SetUser(traderUserId);
        tenant.SetTenant(traderId, OrganisationKind.Trader, null);
        await using var dataSource = new NpgsqlDataSourceBuilder(appConnection).UseNetTopologySuite().Build();
        await using var db = new WarehouseDb(new DbContextOptionsBuilder<WarehouseDb>()
            .UseNpgsql(dataSource, npgsql => npgsql.UseNetTopologySuite()).UseSnakeCaseNamingConvention()
            .AddInterceptors(TenantTransactionInterceptor.Instance).Options, tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var ids = offers.Select(o => o.OfferId).Distinct().ToList();
        // Another tenant's published rows, shown by the published-listing row policies (as PlaceBooking reads terms).
        var rows = await (
            from o in db.Offers.IgnoreQueryFilters().AsNoTracking()
            join w in db.Warehouses.IgnoreQueryFilters().AsNoTracking() on new { o.TenantId, Id = o.WarehouseId } equals new { w.TenantId, w.Id }
            where ids.Contains(o.Id) && o.IsPublished
            select new { Offer = o, w.NameZh, w.Version }).ToListAsync();
        await tx.CommitAsync();
        var byId = rows.ToDictionary(r => r.Offer.Id);
        var terms = offers.Select(t => byId.TryGetValue(t.OfferId, out var r) ? new Terms(r.Offer, r.NameZh, r.Version)
            : throw new InvalidOperationException($"Offer {t.OfferId} is not published.")).ToList();
        return (new NewRows(db.Model), terms);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
