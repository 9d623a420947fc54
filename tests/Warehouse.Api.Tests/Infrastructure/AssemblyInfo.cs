[assembly: AssemblyFixture(typeof(Warehouse.Api.Tests.Infrastructure.ApiFixture))]
// Tests share one Api and one database, with unique data per test; classes may run in parallel.
