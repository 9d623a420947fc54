namespace Warehouse.Domain.Capacity;

/// <summary>
/// An amount of space in one warehouse offered for a date window at a price (仓容). Invariants: quantity &gt; 0;
/// the window is at least one day and at most three years; minimum quantity ≤ quantity; minimum term fits in the
/// window. The per-day capacity rows (<see cref="CapacityDay"/>) mirror quantity and window; the application keeps
/// them in step and refuses any change that would leave a day with more booked than offered.
/// </summary>
public sealed class CapacityOffer : ITenantOwned, IAudited
{
    public const int MaxWindowDays = 3 * 366;
    /// <summary>Dates outside these are typos (or DateOnly.MinValue/MaxValue, which PostgreSQL stores as ±infinity).</summary>
    public static readonly DateOnly EarliestDate = new(2020, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    public Guid TenantId { get; private set; }
    public Guid Id { get; private set; }
    public Guid WarehouseId { get; private set; }
    public CapacityUnit Unit { get; private set; }
    public decimal Quantity { get; private set; }
    public DateOnly AvailableFrom { get; private set; }
    public DateOnly AvailableTo { get; private set; }
    public decimal MinimumQuantity { get; private set; }
    public int MinimumTermDays { get; private set; }
    public Price Price { get; private set; } = null!;
    /// <summary>Handling fees in the operator's words (e.g. "inbound ¥3/carton, outbound ¥5/order"), shown as given.</summary>
    public string? HandlingFees { get; private set; }
    public BookingMode BookingMode { get; private set; }
    /// <summary>Free cancellation until this many days before the booking starts.</summary>
    public int FreeCancellationDays { get; private set; }
    public bool IsPublished { get; private set; }
    public NormalisedPrice Normalised { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    private CapacityOffer() { }

    public static CapacityOffer Create(Guid tenantId, Guid warehouseId, OfferTerms terms, NormalisedPrice normalised, DateTimeOffset now)
    {
        var offer = new CapacityOffer { TenantId = tenantId, Id = Guid.CreateVersion7(now), WarehouseId = warehouseId, Unit = terms.Unit, CreatedAt = now };
        offer.Apply(terms, normalised);
        return offer;
    }

    /// <summary>Days covered by the window, first to last inclusive.</summary>
    public IEnumerable<DateOnly> Days()
    {
        for (var day = AvailableFrom; day <= AvailableTo; day = day.AddDays(1)) yield return day;
    }

    public void Apply(OfferTerms terms, NormalisedPrice normalised)
    {
        if (terms.Unit != Unit)
            throw new DomainException("offer.unitChanged", "The unit of an offer cannot change; publish a new offer instead.", "unit");
        Quantity = terms.Quantity;
        AvailableFrom = terms.AvailableFrom;
        AvailableTo = terms.AvailableTo;
        MinimumQuantity = terms.MinimumQuantity;
        MinimumTermDays = terms.MinimumTermDays;
        Price = terms.Price;
        HandlingFees = terms.HandlingFees;
        BookingMode = terms.BookingMode;
        FreeCancellationDays = terms.FreeCancellationDays;
        Normalised = normalised;
    }

    public void Publish() => IsPublished = true;
    public void Unpublish() => IsPublished = false;
}

/// <summary>The terms of an offer, validated on creation.</summary>
public sealed record OfferTerms
{
    public CapacityUnit Unit { get; }
    public decimal Quantity { get; }
    public DateOnly AvailableFrom { get; }
    public DateOnly AvailableTo { get; }
    public decimal MinimumQuantity { get; }
    public int MinimumTermDays { get; }
    public Price Price { get; }
    public string? HandlingFees { get; }
    public BookingMode BookingMode { get; }
    public int FreeCancellationDays { get; }

    public OfferTerms(CapacityUnit unit, decimal quantity, DateOnly availableFrom, DateOnly availableTo, decimal minimumQuantity,
        int minimumTermDays, Price price, string? handlingFees, BookingMode bookingMode, int freeCancellationDays)
    {
        if (quantity <= 0) throw new DomainException("quantity.notPositive", "The quantity offered must be greater than zero.", "quantity");
        if (quantity > 10_000_000) throw new DomainException("quantity.tooLarge", "The quantity offered is not plausible.", "quantity");
        if (decimal.Round(quantity, 1) != quantity) throw new DomainException("quantity.precision", "Quantities have at most one decimal place.", "quantity");
        if (availableFrom < CapacityOffer.EarliestDate || availableFrom > CapacityOffer.LatestDate)
            throw new DomainException("window.outOfRange", $"The window starts between {CapacityOffer.EarliestDate:yyyy-MM-dd} and {CapacityOffer.LatestDate:yyyy-MM-dd}.", "availableFrom");
        if (availableTo < CapacityOffer.EarliestDate || availableTo > CapacityOffer.LatestDate)
            throw new DomainException("window.outOfRange", $"The window ends between {CapacityOffer.EarliestDate:yyyy-MM-dd} and {CapacityOffer.LatestDate:yyyy-MM-dd}.", "availableTo");
        if (availableTo < availableFrom) throw new DomainException("window.endBeforeStart", "The availability window ends before it starts.", "availableTo");
        if (availableTo.DayNumber - availableFrom.DayNumber + 1 > CapacityOffer.MaxWindowDays)
            throw new DomainException("window.tooLong", "An offer's window is at most three years; publish another offer for later dates.", "availableTo");
        if (decimal.Round(minimumQuantity, 1) != minimumQuantity) throw new DomainException("minimumQuantity.precision", "Quantities have at most one decimal place.", "minimumQuantity");
        if (minimumQuantity < 0 || minimumQuantity > quantity)
            throw new DomainException("minimumQuantity.range", "The minimum quantity is between 0 and the quantity offered.", "minimumQuantity");
        var windowDays = availableTo.DayNumber - availableFrom.DayNumber + 1;
        if (minimumTermDays < 1 || minimumTermDays > windowDays)
            throw new DomainException("minimumTermDays.range", "The minimum term is at least one day and fits in the window.", "minimumTermDays");
        if (freeCancellationDays is < 0 or > 365)
            throw new DomainException("freeCancellationDays.range", "Free cancellation is between 0 and 365 days before the start.", "freeCancellationDays");
        Unit = unit;
        Quantity = quantity;
        AvailableFrom = availableFrom;
        AvailableTo = availableTo;
        MinimumQuantity = minimumQuantity;
        MinimumTermDays = minimumTermDays;
        Price = price;
        HandlingFees = DomainText.Optional(handlingFees, "handlingFees", 500);
        BookingMode = bookingMode;
        FreeCancellationDays = freeCancellationDays;
    }
}

/// <summary>
/// One offer's capacity on one day and how much of it is booked. The database holds <c>CHECK (booked &lt;= capacity)</c>
/// as the backstop; bookings change <see cref="Booked"/> only through a conditional update under the offer's row lock.
/// </summary>
public sealed class CapacityDay : ITenantOwned
{
    public Guid TenantId { get; private set; }
    public Guid OfferId { get; private set; }
    public DateOnly Day { get; private set; }
    public decimal Capacity { get; set; }
    public decimal Booked { get; private set; }

    private CapacityDay() { }

    public static CapacityDay For(CapacityOffer offer, DateOnly day) => new() { TenantId = offer.TenantId, OfferId = offer.Id, Day = day, Capacity = offer.Quantity };
}
