namespace Warehouse.Web.Tests;

/// <summary>
/// Tests that take the city's snapshot (POST /api/city-progress/snapshots) run one at a time: two snapshots taken at
/// the same moment collide on the operators' site observations (a 500 from the Api, reported to the Api's owners),
/// which is not what these tests are about.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CitySnapshotsCollection
{
    public const string Name = "City snapshots";
}
