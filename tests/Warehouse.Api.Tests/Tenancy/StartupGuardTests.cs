using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Tenancy;

public sealed class StartupGuardTests
{
    /// <summary>The Api on a chosen connection, keeping every log line so the refusal's reason can be checked.</summary>
    private sealed class LoggingFactory(string appConnection) : ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:App"] = appConnection })
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new LineProvider(Lines)));
        }
    }

    private sealed class LineProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new LineLogger(lines);
        public void Dispose() { }
    }

    private sealed class LineLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Critical;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) lines.Enqueue(formatter(state, exception));
        }
    }

    private static async Task<string> RefusalAsync(string connection)
    {
        await using var factory = new LoggingFactory(connection);
        Assert.ThrowsAny<Exception>(() => factory.Server);
        return Assert.Single(factory.Lines, line => line.StartsWith("Refusing to start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_refuses_to_start_as_a_role_that_owns_the_tables()
        => Assert.Contains("'warehouse_owner' owns", await RefusalAsync(TestDatabase.Owner));

    [Fact]
    public async Task The_api_refuses_to_start_as_a_superuser()
        => Assert.Contains("is a superuser", await RefusalAsync(TestDatabase.Superuser));
}
