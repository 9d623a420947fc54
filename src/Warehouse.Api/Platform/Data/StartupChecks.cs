using Warehouse.Api.Features.Organisations;

namespace Warehouse.Api.Platform.Data;

/// <summary>
/// Runs before the Api serves anything: refuses to start under a database role that could bypass row-level
/// security, then makes sure the commerce bureau's first admin exists. A hosted service, so it runs the same way
/// under the real server and under the test host.
/// </summary>
public sealed class StartupChecks(IConfiguration configuration, IServiceProvider services, ILogger<StartupChecks> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        var connection = configuration.GetConnectionString("App")!;
        if (await DatabaseRoles.FindRuntimeRoleProblemAsync(connection, ct) is { } problem)
        {
            logger.LogCritical("Refusing to start: {Problem}. Run the Api as a role that row-level security binds (see infra/sql/roles.sql).", problem);
            throw new StartupRefusedException($"Refusing to start: {problem}.");
        }
        await BureauBootstrap.EnsureAsync(services, ct);
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}

public sealed class StartupRefusedException(string message) : Exception(message);
