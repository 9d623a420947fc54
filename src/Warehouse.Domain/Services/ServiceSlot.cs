namespace Warehouse.Domain.Services;

/// <summary>
/// When a slot runs and how many bookings it takes. Invariants: times in UTC on whole minutes; it ends after it starts
/// and lasts at most <see cref="MaxLength"/> (a repair bench booked for a month is the longest thing sold by slot);
/// capacity 1…<see cref="MaxCapacity"/>. Slots are half-open, [start, end): one ending at 11:00 and the next starting
/// at 11:00 do not overlap.
/// </summary>
public sealed record SlotTerms
{
    public const int MaxCapacity = 10_000;
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(31);

    public DateTimeOffset StartsAt { get; }
    public DateTimeOffset EndsAt { get; }
    public int Capacity { get; }

    public SlotTerms(DateTimeOffset startsAt, DateTimeOffset endsAt, int capacity, string field = "slot")
    {
        if (startsAt.Ticks % TimeSpan.TicksPerMinute != 0)
            throw new DomainException("slot.wholeMinutes", "A slot starts on a whole minute (no seconds).", $"{field}.startsAt");
        if (endsAt.Ticks % TimeSpan.TicksPerMinute != 0)
            throw new DomainException("slot.wholeMinutes", "A slot ends on a whole minute (no seconds).", $"{field}.endsAt");
        if (endsAt <= startsAt) throw new DomainException("slot.endBeforeStart", "A slot ends after it starts.", $"{field}.endsAt");
        if (endsAt - startsAt > MaxLength) throw new DomainException("slot.tooLong", "A slot lasts at most 31 days; publish several slots instead.", $"{field}.endsAt");
        if (capacity is < 1 or > MaxCapacity)
            throw new DomainException("slot.capacity", $"A slot's capacity is between 1 and {MaxCapacity}.", $"{field}.capacity");
        // PostgreSQL keeps an instant, not an offset: hold it in UTC so what is stored is what is returned.
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        Capacity = capacity;
    }

    public bool Overlaps(SlotTerms other) => StartsAt < other.EndsAt && other.StartsAt < EndsAt;
}

/// <summary>
/// A bookable slot of a time-slotted service (studio hours, a showroom visit, a repair bench day). The database holds
/// <c>CHECK (booked &gt;= 0 AND booked &lt;= capacity)</c> as the backstop; bookings change <see cref="Booked"/> only
/// under the service's row lock, and a slot with bookings is never deleted.
/// </summary>
public sealed class ServiceSlot : ITenantOwned
{
    /// <summary>Slots open at most about three years ahead, like capacity offers: a later date is a typo.</summary>
    public const int MaxDaysAhead = 3 * 366;

    public Guid TenantId { get; private set; }
    public Guid Id { get; private set; }
    public Guid ServiceId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public int Capacity { get; private set; }
    public int Booked { get; private set; }

    private ServiceSlot() { }

    /// <summary>Refuses slots on a service type that is not sold by time slot.</summary>
    public static void EnsureTimeSlotted(ServiceType type)
    {
        if (!type.IsTimeSlotted)
            throw new DomainException("slot.notTimeSlotted", $"'{type.Code}' ({type.NameEn}) is not a time-slotted service: it is sold without slots.", "slots");
    }

    public static ServiceSlot Open(ServiceOffering service, ServiceType type, SlotTerms terms, DateTimeOffset now, string field = "slot")
    {
        if (type.Code != service.ServiceTypeCode) throw new ArgumentException("The type is not the service's own.", nameof(type));
        EnsureTimeSlotted(type);
        if (terms.StartsAt < now) throw new DomainException("slot.inPast", "A slot cannot start in the past.", $"{field}.startsAt");
        if (terms.StartsAt > now.AddDays(MaxDaysAhead))
            throw new DomainException("slot.tooFarAhead", "A slot starts at most three years ahead.", $"{field}.startsAt");
        return new ServiceSlot
        {
            TenantId = service.TenantId, Id = Guid.CreateVersion7(now), ServiceId = service.Id,
            StartsAt = terms.StartsAt, EndsAt = terms.EndsAt, Capacity = terms.Capacity,
        };
    }
}
