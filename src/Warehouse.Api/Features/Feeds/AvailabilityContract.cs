using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Warehouse.Api.Platform.Errors;

namespace Warehouse.Api.Features.Feeds;

/// <summary>
/// The availability contract, version 1: what an operator's warehouse system tells the platform, whether the platform
/// polls it (<c>GET {baseUrl}/availability</c>) or the system pushes it (<c>POST /api/feeds/{feedId}/push</c>).
/// <para>
/// Per offer and day it gives the quantity <b>still free</b> for platform bookings, in the offer's own unit; the
/// platform then sets that day's capacity to <c>booked + free</c>, so what traders see as free is what the warehouse
/// said. A negative free quantity means the warehouse now has less than it has already sold: that is recorded as a
/// conflict for the operator, the day keeps capacity = booked (nothing more can be sold), and no booking is touched.
/// Per time-slotted service it gives each slot's free places the same way.
/// </para>
/// <para>
/// <see cref="Sequence"/> grows with every update the system produces. An update whose sequence the feed has already
/// applied changes nothing (a retry or a replay), an older one is ignored: updates can arrive twice or out of order.
/// An update is applied whole or not at all.
/// </para>
/// </summary>
public sealed record AvailabilityUpdate(
    string? Contract, long? Sequence, DateTimeOffset? GeneratedAt, Guid? WarehouseId,
    IReadOnlyList<OfferAvailability>? Offers, IReadOnlyList<ServiceAvailability>? Services)
{
    public const string V1 = "warehouse-availability/v1";
    public const int MaxOffers = 200;
    public const int MaxDaysPerOffer = 3 * 366;
    public const int MaxServices = 200;
    public const int MaxSlotsPerService = 2_000;
    public const decimal MaxFree = 10_000_000m;

    /// <summary>A sample update, also shown in the OpenAPI document and the README.</summary>
    public static JsonNode Example() => JsonNode.Parse("""
        {
          "contract": "warehouse-availability/v1",
          "sequence": 1042,
          "generatedAt": "2027-01-04T06:00:00Z",
          "warehouseId": "0193f3a2-6c1e-7b7a-9d3e-2f4c5a6b7c8d",
          "offers": [
            { "offerId": "0193f3a2-7d10-7c55-8a11-0e9b2c3d4e5f",
              "days": [ { "date": "2027-01-05", "free": 420 }, { "date": "2027-01-06", "free": 380.5 } ] }
          ],
          "services": [
            { "serviceId": "0193f3a2-8e20-7d66-9b22-1fac3d4e5f60",
              "slots": [ { "slotId": "0193f3a2-9f30-7e77-8c33-2abd4e5f6071", "free": 1 } ] }
          ]
        }
        """)!;

    /// <summary>
    /// Checks the shape and bounds of an update for the feed's warehouse; field names are JSON paths as sent
    /// (<c>offers[0].days[3].free</c>). Whether the offers and slots exist is checked when it is applied.
    /// </summary>
    public FieldErrors Validate(Guid feedWarehouseId)
    {
        var errors = new FieldErrors();
        if (Contract != V1) errors.Add("contract", $"Only '{V1}' is understood.");
        if (Sequence is null or < 1) errors.Add("sequence", "A positive sequence number is required; each update's is greater than the last.");
        if (WarehouseId is { } w && w != feedWarehouseId) errors.Add("warehouseId", "This feed belongs to another warehouse.");
        if (Offers is null && Services is null) errors.Add("offers", "Give offers, services or both.");
        if (Offers is { Count: > MaxOffers }) errors.Add("offers", $"At most {MaxOffers} offers per update.");
        if (Services is { Count: > MaxServices }) errors.Add("services", $"At most {MaxServices} services per update.");
        if (errors.Any) return errors;

        var offerIds = new HashSet<Guid>();
        for (var i = 0; i < (Offers?.Count ?? 0); i++)
        {
            var offer = Offers![i];
            var at = $"offers[{i}]";
            if (offer?.OfferId is not { } id) { errors.Add($"{at}.offerId", "The offer id is required."); continue; }
            if (!offerIds.Add(id)) errors.Add($"{at}.offerId", "Each offer appears once per update.");
            if (offer.Days is null or { Count: 0 }) { errors.Add($"{at}.days", "Give at least one day."); continue; }
            if (offer.Days.Count > MaxDaysPerOffer) { errors.Add($"{at}.days", $"At most {MaxDaysPerOffer} days per offer."); continue; }
            var days = new HashSet<DateOnly>();
            for (var j = 0; j < offer.Days.Count; j++)
            {
                var day = offer.Days[j];
                if (day?.Date is not { } date) { errors.Add($"{at}.days[{j}].date", "The date is required."); continue; }
                if (!days.Add(date)) errors.Add($"{at}.days[{j}].date", "Each date appears once per offer.");
                if (day.Free is not { } free) errors.Add($"{at}.days[{j}].free", "The free quantity is required.");
                else if (Math.Abs(free) > MaxFree || decimal.Round(free, 1) != free)
                    errors.Add($"{at}.days[{j}].free", "A free quantity has at most one decimal place and is within ±10,000,000.");
            }
        }
        var serviceIds = new HashSet<Guid>();
        for (var i = 0; i < (Services?.Count ?? 0); i++)
        {
            var service = Services![i];
            var at = $"services[{i}]";
            if (service?.ServiceId is not { } id) { errors.Add($"{at}.serviceId", "The service id is required."); continue; }
            if (!serviceIds.Add(id)) errors.Add($"{at}.serviceId", "Each service appears once per update.");
            if (service.Slots is null or { Count: 0 }) { errors.Add($"{at}.slots", "Give at least one slot."); continue; }
            if (service.Slots.Count > MaxSlotsPerService) { errors.Add($"{at}.slots", $"At most {MaxSlotsPerService} slots per service."); continue; }
            var slots = new HashSet<Guid>();
            for (var j = 0; j < service.Slots.Count; j++)
            {
                var slot = service.Slots[j];
                if (slot?.SlotId is not { } slotId) { errors.Add($"{at}.slots[{j}].slotId", "The slot id is required."); continue; }
                if (!slots.Add(slotId)) errors.Add($"{at}.slots[{j}].slotId", "Each slot appears once per update.");
                if (slot.Free is not { } free) errors.Add($"{at}.slots[{j}].free", "The free places are required.");
                else if (free is < -10_000 or > 10_000) errors.Add($"{at}.slots[{j}].free", "Free places are within ±10,000.");
            }
        }
        return errors;
    }

    /// <summary>The same strict reading as the Api's request bodies: unknown members and duplicate keys are refused.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 16,
    };
}

/// <summary>One offer's free quantity per day, in the offer's unit.</summary>
public sealed record OfferAvailability(Guid? OfferId, IReadOnlyList<DayAvailability>? Days);

public sealed record DayAvailability(DateOnly? Date, decimal? Free);

/// <summary>One time-slotted service's free places per slot.</summary>
public sealed record ServiceAvailability(Guid? ServiceId, IReadOnlyList<SlotAvailability>? Slots);

public sealed record SlotAvailability(Guid? SlotId, int? Free);
