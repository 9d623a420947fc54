using Microsoft.Extensions.Http.Resilience;
using Refit;

namespace Warehouse.Web.ApiClients;

public static class ApiClientRegistration
{
    /// <summary>
    /// Registers the Refit clients of the API at <c>Api:BaseUrl</c>, each behind one standard
    /// resilience pipeline that never retries POST/PUT/DELETE (a retried registration or
    /// invitation could be applied twice).
    /// </summary>
    public static IServiceCollection AddWarehouseApi(this IServiceCollection services, IConfiguration configuration)
    {
        var baseUrl = configuration["Api:BaseUrl"];
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseAddress))
        {
            throw new InvalidOperationException($"Api:BaseUrl must be an absolute URL; it is '{baseUrl}'.");
        }

        services.AddHttpContextAccessor();
        services.AddTransient<SignedInUserHandler>();
        services.AddSingleton<ApiCalls>();

        var settings = new RefitSettings(new SystemTextJsonContentSerializer(ApiJson.Options));
        services.AddApiClient<IAccountApi>(baseAddress, settings);
        services.AddApiClient<IOrganisationApi>(baseAddress, settings);
        services.AddApiClient<IReferenceApi>(baseAddress, settings);
        services.AddApiClient<IMarketApi>(baseAddress, settings);
        services.AddApiClient<ITraderApi>(baseAddress, settings);
        services.AddApiClient<IOperatorApi>(baseAddress, settings);
        services.AddApiClient<IBureauApi>(baseAddress, settings);
        services.AddApiClient<IOperatorCertificationApi>(baseAddress, settings);
        services.AddApiClient<IBureauCertificationApi>(baseAddress, settings);
        return services;
    }

    private static void AddApiClient<T>(this IServiceCollection services, Uri baseAddress, RefitSettings settings)
        where T : class
    {
        services.AddRefitGeneratedClient<T>(settings)
            .ConfigureHttpClient(client => client.BaseAddress = baseAddress)
            .AddHttpMessageHandler<SignedInUserHandler>()
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.DisableForUnsafeHttpMethods();
                // A person is waiting for the page: retry briefly, then say the service is unavailable.
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(25);
            });
    }
}
