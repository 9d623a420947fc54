using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Scalar.AspNetCore;
using Warehouse.Api.Features.Accounts;
using Warehouse.Api.Features.Bookings;
using Warehouse.Api.Features.Capacity;
using Warehouse.Api.Features.Certification;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Features.Demo;
using Warehouse.Api.Features.Feeds;
using Warehouse.Api.Features.Exports;
using Warehouse.Api.Features.Organisations;
using Warehouse.Api.Features.Reference;
using Warehouse.Api.Features.Search;
using Warehouse.Api.Features.Services;
using Warehouse.Api.Features.Subsidies;
using Warehouse.Api.Features.Warehouses;
using Warehouse.Api.Platform.Auth;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Api.Platform.Jobs;
using Warehouse.Api.Platform.Tenancy;

// `Warehouse.Api migrate [--seed-demo]` applies migrations as the owner role and exits; otherwise it serves.
var migrate = args.Length > 0 && args[0] == "migrate";
// Content root is the binary's folder, so appsettings.json is found whatever the working directory is.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = migrate ? args[1..] : args, ContentRootPath = AppContext.BaseDirectory });
var appConnection = builder.Configuration.GetConnectionString(migrate ? "Owner" : "App")
    ?? throw new InvalidOperationException($"ConnectionStrings:{(migrate ? "Owner" : "App")} is not configured.");
if (!migrate) appConnection = AppConnection.Tune(appConnection);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<BookingLanes>();
builder.Services.AddSingleton(NewRows.From); // rows of new bookings from EF's model, no context per booking
builder.Services.AddScoped<TenantContext>();
builder.Services.AddSingleton<MembershipCache>(); // lock 1 without a round trip of its own; the database checks each unit of work
// One pool of connections for EF and for the few statements sent as raw batches (the membership lookup of lock 1, the
// booking decisions): those need a connection, not a DbContext, and setting up a context's internal services was
// ~5 % of the Api's CPU per context in the booking profile (benchmarks). The container disposes it at shutdown.
builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(appConnection).UseNetTopologySuite().Build());
// Not pooled: a pooled context would carry the previous request's tenant. The options are the same for every context,
// so they are built once (singleton) instead of per scope: a booking also opens a scope of its operator, and rebuilding
// the options and looking up EF's internal services for them was a measurable share of its CPU.
builder.Services.AddDbContext<WarehouseDb>((services, options) => options
    .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.UseNetTopologySuite())
    .UseSnakeCaseNamingConvention()
    .AddInterceptors(TenantTransactionInterceptor.Instance), optionsLifetime: ServiceLifetime.Singleton);

builder.Services.AddIdentityCore<PlatformUser>(identity =>
    {
        identity.User.RequireUniqueEmail = true;
        identity.Password.RequiredLength = 10;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Auth:MaxFailedAccessAttempts", 5);
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Auth:LockoutMinutes", 15));
    })
    .AddEntityFrameworkStores<WarehouseDb>();

if (migrate)
{
    // On a new database EF probes for its history table with a statement that fails and logs it as an error; a real
    // migration failure still throws and ends the command with a non-zero exit.
    builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
    using var migrator = builder.Build();
    await using (var scope = migrator.Services.CreateAsyncScope())
    {
        var database = scope.ServiceProvider.GetRequiredService<WarehouseDb>().Database;
        // A migration that backfills (the search index, the progress rollup) reads every operator's rows: minutes on a
        // big catalogue, far past the Api's 30 s command timeout.
        database.SetCommandTimeout(TimeSpan.FromHours(2));
        await database.MigrateAsync();
    }
    if (args.Contains("--seed-demo")) await DemoSeeder.SeedAsync(migrator.Services, CancellationToken.None);
    migrator.Services.GetRequiredService<ILogger<Program>>().LogInformation("Database is migrated.");
    return 0;
}

var authOptions = AuthOptions.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(authOptions);
builder.Services.AddSingleton<TokenIssuer>();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
{
    jwt.MapInboundClaims = true;
    jwt.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = AuthOptions.Issuer,
        ValidAudience = AuthOptions.Audience,
        IssuerSigningKey = authOptions.SigningKey,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
});
builder.Services.AddAuthorization();

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so binding errors reach the handler and name their field
builder.Services.ConfigureHttpJsonOptions(json =>
{
    // Rule for unknown JSON members: rejected with a 400 naming the member, so a typo never silently drops a value.
    json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    json.SerializerOptions.AllowDuplicateProperties = false;
    json.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());
    json.SerializerOptions.Converters.Add(new CleanStringConverter());
});

builder.Services.AddRateLimiter(limiter =>
{
    limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    limiter.OnRejected = async (context, ct) =>
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString();
        await Problems.Write(context.HttpContext, 429, "rateLimited", "Too many attempts; wait a minute and try again.");
    };
    var permits = builder.Configuration.GetValue("RateLimits:AuthPerMinute", 20);
    limiter.AddPolicy(AccountsEndpoints.AuthRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
});

builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer<BearerSecurityTransformer>());
builder.Services.AddHealthChecks().AddDbContextCheck<WarehouseDb>("database", tags: ["ready"]);

builder.Services.AddHostedService<StartupChecks>();
// Data Protection keys live in PostgreSQL (table data_protection_keys), so every Api instance can read what another encrypted.
builder.Services.AddDataProtection().SetApplicationName("warehouse").PersistKeysToDbContext<WarehouseDb>();
builder.AddFeeds(); // live capacity feeds: settings, the partner client (Refit + resilience), the poller
builder.AddPlatformJobs(); // Quartz, clustered in the same database; starts only after StartupChecks have passed

var app = builder.Build();

// The web front end calls the Api on behalf of visitors and forwards their address; only proxies listed in
// ForwardedHeadersOptions (loopback by default) are believed, so a client cannot pick its own rate-limit bucket.
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseMiddleware<InputGuardMiddleware>();
app.UseRateLimiter();
app.UseMiddleware<TenancyMiddleware>();
app.UseAuthorization();

app.MapGet("/", () => Results.Redirect("/scalar")).WithAccess(Access.Anonymous).ExcludeFromDescription(); // the Api's front door is its reference
app.MapOpenApi().WithAccess(Access.Anonymous);
app.MapScalarApiReference().WithAccess(Access.Anonymous);
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithAccess(Access.Anonymous);
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).WithAccess(Access.Anonymous);

var api = app.MapGroup("/api").AddEndpointFilter<UnitOfWorkFilter>();
api.MapAccounts();
api.MapOrganisations();
api.MapReference();
api.MapWarehouses();
api.MapCapacity();
api.MapBookings();
api.MapServices();
api.MapSearch();
api.MapCityProgress();
api.MapFeeds();
api.MapCertification();
api.MapSubsidies();
api.MapExports();

try
{
    await app.RunAsync();
    return 0;
}
catch (StartupRefusedException)
{
    return 2; // already logged as critical, with the reason
}

public partial class Program;
