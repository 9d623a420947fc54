using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Services;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Services;

/// <summary>
/// Bookable slots of time-slotted services (studio hours, showroom visits, repair bench days). Slots are published
/// in batches, all or nothing, under the service's row lock (the lock bookings of its slots take), so two batches
/// cannot slip overlapping slots past each other. A slot that holds bookings is never deleted.
/// </summary>
public static class ServiceSlots
{
    public const int MaxPerRequest = 500;

    public sealed record SlotInput(
        [property: JsonConverter(typeof(OffsetRequiredConverter))] DateTimeOffset? StartsAt,
        [property: JsonConverter(typeof(OffsetRequiredConverter))] DateTimeOffset? EndsAt,
        int? Capacity);

    public sealed record CreateRequest(IReadOnlyList<SlotInput?>? Slots);

    public sealed record SlotView(Guid Id, Guid ServiceId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Booked, int Free);

    /// <summary>A new slot (by its index in the request) that overlaps a slot the service already has.</summary>
    public sealed record Overlap(int SlotIndex, Guid ExistingId, DateTimeOffset ExistingStartsAt, DateTimeOffset ExistingEndsAt);

    public static SlotView ToView(ServiceSlot s) => new(s.Id, s.ServiceId, s.StartsAt, s.EndsAt, s.Capacity, s.Booked, s.Capacity - s.Booked);

    /// <summary>Loads the service for update (SELECT … FOR UPDATE), serialising slot changes with each other and with bookings.</summary>
    public static async Task<ServiceOffering?> LockServiceAsync(WarehouseDb db, Guid serviceId, CancellationToken ct)
    {
        // Row security limits the lock to the current tenant's service; the entity is then loaded normally.
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS value FROM service_offerings WHERE id = {serviceId} FOR UPDATE").ToListAsync(ct);
        return locked.Count == 0 ? null : await db.Set<ServiceOffering>().AsNoTracking().SingleAsync(o => o.Id == serviceId, ct);
    }

    /// <summary>Publishes up to <see cref="MaxPerRequest"/> slots at once; any invalid or overlapping slot refuses the whole batch.</summary>
    public static async Task<Results<Created<List<SlotView>>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        Guid serviceId, CreateRequest request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var service = await LockServiceAsync(db, serviceId, ct);
        if (service is null) return TypedResults.NotFound();
        var type = await db.Set<ServiceType>().AsNoTracking().SingleAsync(t => t.Code == service.ServiceTypeCode, ct);
        var errors = new FieldErrors();
        errors.Capture(() => { ServiceSlot.EnsureTimeSlotted(type); return type; }, "slots");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var status = await db.Warehouses.Where(w => w.Id == service.WarehouseId).Select(w => w.Status).SingleAsync(ct);
        if (status == WarehouseStatus.Closed)
            return TypedResults.Problem(Problems.Create(409, "warehouse.closed", "A closed warehouse cannot publish slots."));

        var inputs = request.Slots ?? [];
        if (inputs.Count == 0) errors.Add("slots", "Send at least one slot: { \"slots\": [ { \"startsAt\", \"endsAt\", \"capacity\" } ] }.");
        if (inputs.Count > MaxPerRequest) errors.Add("slots", $"At most {MaxPerRequest} slots per request; send the rest in another.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var slots = new List<ServiceSlot?>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"slots[{i}]";
            var input = inputs[i];
            if (input is null) { errors.Add(field, "Each slot needs startsAt, endsAt and capacity."); slots.Add(null); continue; }
            if (input.StartsAt is null) errors.Add($"{field}.startsAt", "When the slot starts, with its UTC offset.");
            if (input.EndsAt is null) errors.Add($"{field}.endsAt", "When the slot ends, with its UTC offset.");
            if (input.Capacity is null) errors.Add($"{field}.capacity", "How many bookings the slot takes.");
            var terms = input is { StartsAt: { } start, EndsAt: { } end, Capacity: { } capacity }
                ? errors.Capture(() => new SlotTerms(start, end, capacity, field), field)
                : null;
            slots.Add(terms is null ? null : errors.Capture(() => ServiceSlot.Open(service, type, terms, now, field), field));
        }
        AddOverlapsWithinRequest(slots, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var valid = slots.Select(s => s!).ToList();
        var overlaps = await OverlapsAsync(db, service, valid, ct);
        if (overlaps.Count > 0)
        {
            var problem = Problems.Create(409, "slot.overlaps",
                $"{overlaps.Select(o => o.SlotIndex).Distinct().Count()} slot(s) overlap slots this service already has: " +
                string.Join("; ", overlaps.Take(10).Select(o => $"slots[{o.SlotIndex}] overlaps {o.ExistingId} ({Describe(o.ExistingStartsAt, o.ExistingEndsAt)})")) +
                (overlaps.Count > 10 ? "; …" : "") + ". Nothing was published.");
            problem.Extensions["overlaps"] = overlaps.Select(o => new
            {
                slot = $"slots[{o.SlotIndex}]", existingSlotId = o.ExistingId, existingStartsAt = o.ExistingStartsAt, existingEndsAt = o.ExistingEndsAt,
            }).ToList();
            return TypedResults.Problem(problem);
        }

        db.Set<ServiceSlot>().AddRange(valid);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/services/{serviceId}/slots", valid.OrderBy(s => s.StartsAt).Select(ToView).ToList());
    }

    /// <summary>Names each slot of the request that overlaps an earlier-starting slot of the same request.</summary>
    private static void AddOverlapsWithinRequest(List<ServiceSlot?> slots, FieldErrors errors)
    {
        var ordered = slots.Select((slot, index) => (slot, index)).Where(s => s.slot is not null).OrderBy(s => s.slot!.StartsAt).ThenBy(s => s.index).ToList();
        (ServiceSlot Slot, int Index)? latestEnding = null;
        foreach (var (slot, index) in ordered)
        {
            if (latestEnding is { } previous && previous.Slot.EndsAt > slot!.StartsAt)
                errors.Add($"slots[{index}]", $"Overlaps slots[{previous.Index}] ({Describe(previous.Slot.StartsAt, previous.Slot.EndsAt)}) of this request.");
            if (latestEnding is null || slot!.EndsAt > latestEnding.Value.Slot.EndsAt) latestEnding = (slot!, index);
        }
    }

    /// <summary>New slots (by index) that overlap slots already stored for the service; half-open ranges, so touching ends do not overlap.</summary>
    private static async Task<List<Overlap>> OverlapsAsync(WarehouseDb db, ServiceOffering service, IReadOnlyList<ServiceSlot> slots, CancellationToken ct)
    {
        var starts = slots.Select(s => s.StartsAt).ToArray();
        var ends = slots.Select(s => s.EndsAt).ToArray();
        // Column names are snake_case: the naming convention maps Overlap's properties to them. Raw SQL skips EF's tenant
        // filter, and row security also lets published slots of other tenants be read, so the tenant is named here too.
        return await db.Database.SqlQuery<Overlap>($"""
            SELECT (n.i - 1)::int AS slot_index, s.id AS existing_id, s.starts_at AS existing_starts_at, s.ends_at AS existing_ends_at
            FROM unnest({starts}::timestamptz[], {ends}::timestamptz[]) WITH ORDINALITY AS n(starts_at, ends_at, i)
            JOIN service_slots s ON s.tenant_id = {service.TenantId} AND s.service_id = {service.Id}
                                AND s.starts_at < n.ends_at AND s.ends_at > n.starts_at
            """).OrderBy(o => o.SlotIndex).ThenBy(o => o.ExistingStartsAt).ToListAsync(ct);
    }

    private static string Describe(DateTimeOffset start, DateTimeOffset end) => $"{start:yyyy-MM-dd HH:mm}–{end:yyyy-MM-dd HH:mm} UTC";

    /// <summary>The service's slots that overlap [<paramref name="from"/>, <paramref name="to"/>), in time order.</summary>
    public static async Task<Results<Ok<List<SlotView>>, NotFound, ValidationProblem>> List(
        Guid serviceId, DateTimeOffset? from, DateTimeOffset? to, WarehouseDb db, CancellationToken ct)
    {
        if (!await db.Set<ServiceOffering>().AnyAsync(o => o.Id == serviceId, ct)) return TypedResults.NotFound();
        if (from is { } f && to is { } t && t <= f)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' is not after 'from'."] });
        var query = db.Set<ServiceSlot>().AsNoTracking().Where(s => s.ServiceId == serviceId);
        if (from is { } start)
        {
            var utc = start.ToUniversalTime();
            query = query.Where(s => s.EndsAt > utc);
        }
        if (to is { } end)
        {
            var utc = end.ToUniversalTime();
            query = query.Where(s => s.StartsAt < utc);
        }
        var slots = await query.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(slots.Select(ToView).ToList());
    }

    /// <summary>Removes a slot nobody has booked; a slot with bookings is a 409 (cancel the bookings first).</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid serviceId, Guid slotId, WarehouseDb db, CancellationToken ct)
    {
        if (!await db.Set<ServiceOffering>().AnyAsync(o => o.Id == serviceId, ct)) return TypedResults.NotFound();
        // One conditional statement: a booking landing at the same moment either comes first (and the delete finds
        // booked > 0) or waits for the delete (and finds no slot).
        var deleted = await db.Database.ExecuteSqlAsync(
            $"DELETE FROM service_slots WHERE tenant_id = {db.Tenant.RequiredTenantId} AND service_id = {serviceId} AND id = {slotId} AND booked = 0", ct);
        if (deleted == 1) return TypedResults.NoContent();
        var booked = await db.Set<ServiceSlot>().Where(s => s.ServiceId == serviceId && s.Id == slotId).Select(s => (int?)s.Booked).SingleOrDefaultAsync(ct);
        if (booked is null) return TypedResults.NotFound();
        return TypedResults.Problem(Problems.Create(409, "slot.booked", $"The slot holds {booked} booking(s) and cannot be deleted; cancel them first."));
    }

    /// <summary>
    /// Reads a timestamp only when it states its UTC offset ("2027-03-01T10:00:00+01:00" or "…Z"): a bare local time
    /// would silently be read in the server's time zone, and studio hours are in the warehouse's.
    /// </summary>
    public sealed class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
                throw new JsonException("Expected an ISO 8601 timestamp with its UTC offset, e.g. 2027-03-01T10:00:00+01:00.");
            if (reader.TryGetDateTime(out var local) && local.Kind == DateTimeKind.Unspecified)
                throw new JsonException("Give the time with its UTC offset, e.g. 2027-03-01T10:00:00+01:00 or 2027-03-01T09:00:00Z.");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
