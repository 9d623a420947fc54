using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;

namespace Warehouse.Api.Features.Reference;

public static class Hubs
{
    public sealed record HubView(
        string Code, HubKind Kind, string NameEn, string NameZh, string CountryCode,
        double Latitude, double Longitude, string Role, CoordinatePrecision Precision);

    /// <summary>Hubs, optionally only of one kind (<c>rail</c>, <c>port</c>, <c>air</c>) and/or in one country.</summary>
    public static async Task<Results<Ok<List<HubView>>, ValidationProblem>> List(string? kind, string? country, WarehouseDb db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        HubKind? wantedKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            // By name only: Enum.TryParse would also take "1" or "rail,port".
            var name = Enum.GetNames<HubKind>().FirstOrDefault(n => n.Equals(kind.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null) errors.Add("kind", $"One of: {string.Join(", ", Enum.GetNames<HubKind>().Select(n => n.ToLowerInvariant()))}.");
            else wantedKind = Enum.Parse<HubKind>(name);
        }
        string? wantedCountry = null;
        if (!string.IsNullOrWhiteSpace(country))
        {
            wantedCountry = Country.NormaliseCode(country);
            if (wantedCountry is null || !await db.Set<Country>().AnyAsync(c => c.Alpha2 == wantedCountry, ct))
                errors.Add("country", $"'{country}' is not an ISO 3166-1 alpha-2 country code (see GET /api/reference/countries).");
        }
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var hubs = db.Set<Hub>().AsNoTracking();
        if (wantedKind is { } k) hubs = hubs.Where(h => h.Kind == k);
        if (wantedCountry is not null) hubs = hubs.Where(h => h.CountryCode == wantedCountry);
        return TypedResults.Ok((await hubs.OrderBy(h => h.Code).ToListAsync(ct))
            .Select(h => new HubView(h.Code, h.Kind, h.NameEn, h.NameZh, h.CountryCode, h.Latitude, h.Longitude, h.Role, h.Precision))
            .ToList());
    }
}
