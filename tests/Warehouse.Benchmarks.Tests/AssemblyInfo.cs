[assembly: AssemblyFixture(typeof(Warehouse.Benchmarks.Tests.BenchDatabase))]
