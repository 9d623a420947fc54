using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Warehouse.Api.Tests.Infrastructure;

namespace Warehouse.Api.Tests.Reference;

public sealed class HubTests(ApiFixture api)
{
    private readonly HttpClient client = api.Factory.CreateClient();

    private async Task<List<JsonObject>> HubsAsync(string query = "")
    {
        var response = await client.GetAsync($"/api/reference/hubs{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(h => h!.AsObject()).ToList();
    }

    [Fact]
    public async Task The_Suzhou_hubs_coordinates_round_trip_through_PostGIS_as_a_WGS84_geography_point()
    {
        var suzhou = (await HubsAsync("?country=CN")).Single(h => (string)h["code"]! == "CN-SUZ");
        Assert.Equal(31.299, (double)suzhou["latitude"]!);
        Assert.Equal(120.585, (double)suzhou["longitude"]!);
        Assert.Equal("rail", (string)suzhou["kind"]!);
        Assert.Equal("苏州", (string)suzhou["nameZh"]!);

        // And in the database itself: a geography point of SRID 4326 with x = longitude, y = latitude.
        await using var connection = new NpgsqlConnection(TestDatabase.App);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT ST_Y(location::geometry), ST_X(location::geometry), ST_SRID(location), pg_typeof(location)::text FROM hubs WHERE code = 'CN-SUZ'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(31.299, reader.GetDouble(0), 9);
        Assert.Equal(120.585, reader.GetDouble(1), 9);
        Assert.Equal(4326, reader.GetInt32(2));
        Assert.Equal("geography", reader.GetString(3));
    }

    [Fact]
    public async Task PostGIS_measures_Suzhou_to_Duisburg_as_the_great_circle_distance()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.App);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT ST_Distance(a.location, b.location) FROM hubs a, hubs b WHERE a.code = 'CN-SUZ' AND b.code = 'DE-DUI'", connection);
        var metres = (double)(await command.ExecuteScalarAsync())!;
        // Haversine on a sphere of the mean Earth radius; PostGIS uses the WGS 84 spheroid, within half a percent of it.
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var (lat1, lon1, lat2, lon2) = (Radians(31.299), Radians(120.585), Radians(51.43), Radians(6.76));
        var h = Math.Pow(Math.Sin((lat2 - lat1) / 2), 2) + Math.Cos(lat1) * Math.Cos(lat2) * Math.Pow(Math.Sin((lon2 - lon1) / 2), 2);
        var sphere = 2 * 6_371_008.8 * Math.Asin(Math.Sqrt(h));
        Assert.InRange(metres, sphere * 0.995, sphere * 1.005);
        Assert.InRange(metres / 1000, 8_500, 9_000);
    }

    [Fact]
    public async Task The_location_has_a_GiST_index()
    {
        var count = await TestDatabase.CountAsync(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'hubs' AND indexdef LIKE '%USING gist (location)%'");
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_query_by_kind_and_country_returns_only_those_hubs()
    {
        var german = await HubsAsync("?kind=rail&country=DE");
        Assert.Equal(["DE-DUI", "DE-HAM"], german.Select(h => (string)h["code"]!));
        Assert.All(german, h => { Assert.Equal("rail", (string)h["kind"]!); Assert.Equal("DE", (string)h["countryCode"]!); });

        var dutchPorts = await HubsAsync("?kind=Port&country=nl");
        Assert.Equal(["NL-RTM"], dutchPorts.Select(h => (string)h["code"]!));
        var air = await HubsAsync("?kind=air");
        Assert.Equal(["MX-MEX", "SA-RUH"], air.Select(h => (string)h["code"]!));
        Assert.Empty(await HubsAsync("?kind=air&country=DE"));
    }

    [Fact]
    public async Task An_unknown_kind_or_country_is_400_naming_it()
    {
        var kind = await Scenario.AssertProblemAsync(await client.GetAsync("/api/reference/hubs?kind=ship"), HttpStatusCode.BadRequest);
        Assert.NotNull(kind["errors"]!["kind"]);
        var numeric = await Scenario.AssertProblemAsync(await client.GetAsync("/api/reference/hubs?kind=1"), HttpStatusCode.BadRequest);
        Assert.NotNull(numeric["errors"]!["kind"]);
        var country = await Scenario.AssertProblemAsync(await client.GetAsync("/api/reference/hubs?country=ZZ"), HttpStatusCode.BadRequest);
        Assert.NotNull(country["errors"]!["country"]);
        Assert.Null(country["errors"]!["kind"]);
    }

    [Fact]
    public async Task The_hubs_are_those_of_the_data_file()
    {
        var served = (await HubsAsync()).ToDictionary(h => (string)h["code"]!);
        var file = ReferenceFiles.ReadCsv("hubs.csv");
        Assert.Equal(file.Count, served.Count);
        foreach (var row in file)
        {
            var hub = served[row["code"]];
            Assert.Equal(row["kind"], (string)hub["kind"]!);
            Assert.Equal(row["name_en"], (string)hub["nameEn"]!);
            Assert.Equal(row["name_zh"], (string)hub["nameZh"]!);
            Assert.Equal(row["country"], (string)hub["countryCode"]!);
            Assert.Equal(double.Parse(row["lat"], CultureInfo.InvariantCulture), (double)hub["latitude"]!);
            Assert.Equal(double.Parse(row["lon"], CultureInfo.InvariantCulture), (double)hub["longitude"]!);
            Assert.Equal(row["role"], (string)hub["role"]!);
            Assert.Equal(row["precision"], (string)hub["precision"]!);
        }
    }
}
