using Warehouse.Domain.Capacity;

namespace Warehouse.Domain.Bookings;

/// <summary>Where a booking is. Held and Confirmed reserve capacity; the others have released it (or never held it).</summary>
public enum BookingStatus { Held, Confirmed, Declined, Expired, Cancelled }

/// <summary>
/// A trader's reservation of capacity on one offer for a date range (预订). It belongs to the operator whose capacity it
/// takes (<see cref="TenantId"/>) and is visible to the trader that made it (<see cref="TraderId"/>). Invariants: the
/// range is inside the offer's window and at least its minimum term; the quantity is at least its minimum; status moves
/// Held → Confirmed/Declined/Expired, Held/Confirmed → Cancelled, and every move that releases capacity happens once.
/// </summary>
public sealed class Booking : ITenantOwned, IAudited
{
    public Guid TenantId { get; private set; }
    public Guid Id { get; private set; }
    public Guid TraderId { get; private set; }
    public Guid OfferId { get; private set; }
    public Guid WarehouseId { get; private set; }
    /// <summary>The warehouse's name when booked, so the trader's record stays readable if the listing is later withdrawn.</summary>
    public string WarehouseName { get; private set; } = "";
    public CapacityUnit Unit { get; private set; }
    public decimal Quantity { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public BookingStatus Status { get; private set; }
    public DateTimeOffset? HoldExpiresAt { get; private set; }
    public Quote Quote { get; private set; } = null!;
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }

    private Booking() { }

    public int Days => EndsOn.DayNumber - StartsOn.DayNumber + 1;

    public static Booking Place(CapacityOffer offer, Guid warehouseId, string warehouseName, Guid traderId, decimal quantity, DateOnly startsOn, DateOnly endsOn,
        Quote quote, Guid by, DateTimeOffset now, TimeSpan holdFor)
    {
        BookingRequest.Check(offer, quantity, startsOn, endsOn);
        var instant = offer.BookingMode == BookingMode.Instant;
        return new Booking
        {
            TenantId = offer.TenantId,
            Id = Guid.CreateVersion7(now),
            TraderId = traderId,
            OfferId = offer.Id,
            WarehouseId = warehouseId,
            WarehouseName = warehouseName,
            Unit = offer.Unit,
            Quantity = quantity,
            StartsOn = startsOn,
            EndsOn = endsOn,
            Status = instant ? BookingStatus.Confirmed : BookingStatus.Held,
            HoldExpiresAt = instant ? null : now + holdFor,
            Quote = quote,
            CreatedBy = by,
            CreatedAt = now,
        };
    }

    /// <summary>The operator accepts a hold; an expired hold cannot be accepted even if the job has not run yet.</summary>
    public void Accept(Guid by, DateTimeOffset now)
    {
        if (Status != BookingStatus.Held) throw new DomainException("booking.notHeld", $"Only a held booking can be accepted; this one is {Status}.");
        if (HoldExpiresAt <= now) throw new DomainException("booking.holdExpired", "The hold has expired.");
        Decide(BookingStatus.Confirmed, by, now, null);
    }

    public void Decline(Guid by, DateTimeOffset now, string? reason)
    {
        if (Status != BookingStatus.Held) throw new DomainException("booking.notHeld", $"Only a held booking can be declined; this one is {Status}.");
        Decide(BookingStatus.Declined, by, now, DomainText.Optional(reason, "reason", 500));
    }

    /// <summary>The trader cancels; free until <c>freeCancellationDays</c> before the start, never after the start.</summary>
    public void Cancel(Guid by, DateTimeOffset now, DateOnly today, int freeCancellationDays, string? reason)
    {
        if (Status is not (BookingStatus.Held or BookingStatus.Confirmed))
            throw new DomainException("booking.notActive", $"A {Status} booking cannot be cancelled.");
        if (today >= StartsOn) throw new DomainException("booking.started", "A booking that has started cannot be cancelled; contact the operator.");
        if (Status == BookingStatus.Confirmed && today > StartsOn.AddDays(-freeCancellationDays))
            throw new DomainException("booking.cancellationWindow", $"Free cancellation ended {freeCancellationDays} days before the start ({StartsOn.AddDays(-freeCancellationDays):yyyy-MM-dd}).");
        Decide(BookingStatus.Cancelled, by, now, DomainText.Optional(reason, "reason", 500));
    }

    /// <summary>The operator did not answer a hold in time; the platform expires it (no user decides).</summary>
    public void Expire(DateTimeOffset now)
    {
        if (Status != BookingStatus.Held || HoldExpiresAt > now)
            throw new DomainException("booking.notExpirable", "Only a held booking past its hold time expires.");
        Decide(BookingStatus.Expired, null, now, "The operator did not answer before the hold expired.");
    }

    /// <summary>A confirmed booking whose last day has passed.</summary>
    public bool IsCompleted(DateOnly today) => Status == BookingStatus.Confirmed && EndsOn < today;

    public bool ReservesCapacity => Status is BookingStatus.Held or BookingStatus.Confirmed;

    private void Decide(BookingStatus to, Guid? by, DateTimeOffset now, string? reason)
    {
        Status = to;
        DecidedBy = by;
        DecidedAt = now;
        DecisionReason = reason;
        HoldExpiresAt = null;
    }
}

/// <summary>The rules a requested quantity and range must meet on an offer, checked before any capacity is touched.</summary>
public static class BookingRequest
{
    public const int MaxDays = 366;

    public static void Check(CapacityOffer offer, decimal quantity, DateOnly startsOn, DateOnly endsOn)
    {
        if (quantity <= 0) throw new DomainException("quantity.notPositive", "The quantity must be greater than zero.", "quantity");
        if (decimal.Round(quantity, 1) != quantity) throw new DomainException("quantity.precision", "Quantities have at most one decimal place.", "quantity");
        if (quantity < offer.MinimumQuantity) throw new DomainException("quantity.belowMinimum", $"This offer's minimum is {offer.MinimumQuantity} {offer.Unit}.", "quantity");
        if (quantity > offer.Quantity) throw new DomainException("quantity.aboveOffer", $"This offer has {offer.Quantity} {offer.Unit} in all.", "quantity");
        if (endsOn < startsOn) throw new DomainException("range.endBeforeStart", "The booking ends before it starts.", "endsOn");
        var days = endsOn.DayNumber - startsOn.DayNumber + 1;
        if (days > MaxDays) throw new DomainException("range.tooLong", $"A booking covers at most {MaxDays} days.", "endsOn");
        if (startsOn < offer.AvailableFrom || endsOn > offer.AvailableTo)
            throw new DomainException("range.outsideOffer", $"The offer is available from {offer.AvailableFrom:yyyy-MM-dd} to {offer.AvailableTo:yyyy-MM-dd}.", "startsOn");
        if (days < offer.MinimumTermDays) throw new DomainException("range.belowMinimumTerm", $"This offer's minimum term is {offer.MinimumTermDays} days.", "endsOn");
    }
}

/// <summary>
/// What a booking costs: in the offer's currency and in CNY at the dated rate, with the arithmetic shown.
/// Total = price per m²·month (in the offer's currency) × m² taken × days ÷ days per month.
/// </summary>
public sealed record Quote(decimal TotalOriginal, string Currency, decimal TotalCny, decimal RateCnyPerUnit, DateOnly RateAsOf, string Explanation)
{
    public static Quote For(CapacityOffer offer, decimal quantity, int days, ConversionAssumptions assumptions)
    {
        var perM2Month = assumptions.PerSquareMetreMonth(offer.Price.Amount, offer.Price.Basis);
        var squareMetres = assumptions.ToSquareMetres(quantity, offer.Unit);
        var months = days / assumptions.DaysPerMonth;
        var total = decimal.Round(perM2Month * squareMetres * months, 2);
        var cny = decimal.Round(total * offer.Normalised.CnyPerUnit, 2);
        return new Quote(total, offer.Price.Currency, cny, offer.Normalised.CnyPerUnit, offer.Normalised.RateAsOf,
            $"{quantity} {offer.Unit} = {decimal.Round(squareMetres, 2)} m² × {decimal.Round(perM2Month, 4)} {offer.Price.Currency}/m²·month × {days} days ÷ {decimal.Round(assumptions.DaysPerMonth, 4)} = {total} {offer.Price.Currency} ≈ {cny} CNY at {offer.Normalised.CnyPerUnit} (as of {offer.Normalised.RateAsOf:yyyy-MM-dd})");
    }
}

/// <summary>A trader's review of a completed booking: once, 1–5 stars, within 30 days of the last day.</summary>
public sealed class BookingReview : ITenantOwned
{
    public const int WindowDays = 30;

    public Guid TenantId { get; private set; }
    public Guid BookingId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public Guid TraderId { get; private set; }
    public int Stars { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private BookingReview() { }

    public static BookingReview Write(Booking booking, int stars, string? comment, DateOnly today, DateTimeOffset now)
    {
        if (!booking.IsCompleted(today)) throw new DomainException("review.notCompleted", "Only a completed booking can be reviewed.");
        if (today > booking.EndsOn.AddDays(WindowDays)) throw new DomainException("review.tooLate", $"Reviews are open for {WindowDays} days after the booking ends.");
        if (stars is < 1 or > 5) throw new DomainException("review.stars", "Stars are 1 to 5.", "stars");
        return new BookingReview
        {
            TenantId = booking.TenantId, BookingId = booking.Id, WarehouseId = booking.WarehouseId, TraderId = booking.TraderId,
            Stars = stars, Comment = DomainText.Optional(comment, "comment", 2000), CreatedAt = now,
        };
    }
}

/// <summary>
/// Places a booking holds in a time-slotted service of the same warehouse (studio hours, showroom visits, repair bench
/// days): part of the booking's ledger, so the slot's booked counter always equals the sum of these rows for bookings
/// that reserve capacity.
/// </summary>
public sealed class BookedSlot : ITenantOwned
{
    public Guid TenantId { get; private set; }
    public Guid BookingId { get; private set; }
    public Guid SlotId { get; private set; }
    public int Quantity { get; private set; }

    private BookedSlot() { }

    public static BookedSlot For(Booking booking, Guid slotId, int quantity)
    {
        if (quantity is < 1 or > 1000) throw new DomainException("slots.quantity", "Book 1 to 1000 places in a slot.", "slots");
        return new BookedSlot { TenantId = booking.TenantId, BookingId = booking.Id, SlotId = slotId, Quantity = quantity };
    }
}
