using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Warehouse.Web.Tests.Infrastructure;

internal static class ExpectTimeout
{
    /// <summary>
    /// Web-first assertions wait up to 15 s (Playwright's default is 5 s), as actions do (PlatformFixture): on a
    /// loaded 2-core CI machine a server-rendered page that calls the Api several times can take longer than 5 s.
    /// Waiting longer never makes a failing assertion pass; it only stops slow passes from failing.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Assertions.SetDefaultExpectTimeout(15_000);
}
