using Warehouse.Web.ApiClients;
using Warehouse.Web.Auth;
using Warehouse.Web.Components;
using Warehouse.Web.Components.Ops;
using Warehouse.Web.Localization;

var builder = WebApplication.CreateBuilder(args);
// Serve wwwroot and framework assets when running from build output in any environment (the test and
// run scripts do); published output has no such manifest, and this does nothing there.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents();
builder.Services.AddWarehouseLocalization();
builder.Services.AddWarehouseApi(builder.Configuration);

builder.Services.AddAuthentication(WebSession.Scheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = ".Warehouse.Session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.LoginPath = "/account/login";
        options.AccessDeniedPath = "/account/login";
        // The session ends when the API token it carries expires (set at sign-in).
        options.SlidingExpiration = false;
    });
builder.Services.AddAuthorization();
builder.Services.AddCascadingAuthenticationState();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseFriendlyStatusPages();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapCultureSwitch();
app.MapSessionEndpoints();
app.MapAttachmentDownloads();
app.MapBureauDownloads();
app.MapRazorComponents<App>();

app.Run();
