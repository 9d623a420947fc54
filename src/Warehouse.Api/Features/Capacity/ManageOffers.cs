using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain.Capacity;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Capacity;

/// <summary>
/// An operator publishes capacity offers on its warehouses. Each offer keeps one row per day of its window
/// (<c>capacity_days</c>) ready for booking; changing quantity or window re-shapes those rows under the offer's row
/// lock, and is refused with a 409 naming the days when it would leave a day with more booked than offered.
/// </summary>
public static class ManageOffers
{
    public sealed record PriceInput(decimal? Amount, string? Currency, PriceBasis? Basis);

    public sealed record OfferInput(
        CapacityUnit? Unit, decimal? Quantity, DateOnly? AvailableFrom, DateOnly? AvailableTo, decimal? MinimumQuantity,
        int? MinimumTermDays, PriceInput? Price, string? HandlingFees, BookingMode? BookingMode, int? FreeCancellationDays,
        uint? Version = null);

    public sealed record PriceView(decimal Amount, string Currency, PriceBasis Basis);
    public sealed record NormalisedView(decimal CnyPerM2Month, decimal RateCnyPerUnit, DateOnly RateAsOf, string Assumptions);

    public sealed record OfferView(
        Guid Id, Guid WarehouseId, CapacityUnit Unit, decimal Quantity, DateOnly AvailableFrom, DateOnly AvailableTo,
        decimal MinimumQuantity, int MinimumTermDays, PriceView Price, NormalisedView Normalised, string? HandlingFees,
        BookingMode BookingMode, int FreeCancellationDays, bool IsPublished, DateTimeOffset CreatedAt, uint Version);

    public static OfferView ToView(CapacityOffer o) => new(
        o.Id, o.WarehouseId, o.Unit, o.Quantity, o.AvailableFrom, o.AvailableTo, o.MinimumQuantity, o.MinimumTermDays,
        new PriceView(o.Price.Amount, o.Price.Currency, o.Price.Basis),
        new NormalisedView(o.Normalised.CnyPerM2Month, o.Normalised.CnyPerUnit, o.Normalised.RateAsOf, o.Normalised.Assumptions),
        o.HandlingFees, o.BookingMode, o.FreeCancellationDays, o.IsPublished, o.CreatedAt, o.Version);

    private static async Task<(OfferTerms? Terms, NormalisedPrice? Normalised, FieldErrors Errors)> ValidateAsync(
        OfferInput input, OverseasWarehouse warehouse, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Unit is null) errors.Add("unit", "Choose the unit: squareMetre, palletPosition or cubicMetre.");
        if (input.Quantity is null) errors.Add("quantity", "The quantity offered is required.");
        if (input.AvailableFrom is null) errors.Add("availableFrom", "The first available day is required.");
        if (input.AvailableTo is null) errors.Add("availableTo", "The last available day is required.");
        if (input.Price?.Basis is null) errors.Add("price.basis", "Give the price basis, e.g. perSquareMetreMonth or perPalletDay.");
        if (input.Price?.Amount is null) errors.Add("price.amount", "The price amount is required.");
        var price = input.Price is { Amount: { } amount, Basis: { } basis }
            ? errors.Capture(() => new Price(amount, input.Price.Currency, basis), "price")
            : null;
        (decimal Rate, DateOnly AsOf)? rate = null;
        if (price is not null)
        {
            rate = await Reference.ExchangeRates.FindRateAsync(db, price.Currency, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct) is { } found
                ? (found.CnyPerUnit, found.AsOf) : null;
            if (rate is null) errors.Add("price.currency", $"'{price.Currency}' is not a currency with an exchange rate to CNY on the platform.");
        }
        if (errors.Any) return (null, null, errors);
        var terms = errors.Capture(() => new OfferTerms(input.Unit!.Value, input.Quantity!.Value, input.AvailableFrom!.Value, input.AvailableTo!.Value,
            input.MinimumQuantity ?? 0, input.MinimumTermDays ?? 1, price!, input.HandlingFees, input.BookingMode ?? BookingMode.Request,
            input.FreeCancellationDays ?? 7), "offer");
        if (terms is null) return (null, null, errors);
        // An offer cannot promise more floor than the warehouse has (under construction counts: it may open in the window).
        var squareMetres = ConversionAssumptions.Standard.ToSquareMetres(terms.Quantity, terms.Unit);
        var floor = warehouse.Areas.ExistingM2 + warehouse.Areas.UnderConstructionM2;
        if (squareMetres > floor)
            errors.Add("quantity", $"{terms.Quantity} {terms.Unit} is {decimal.Round(squareMetres, 1)} m², more than the warehouse's {floor} m².");
        if (errors.Any) return (null, null, errors);
        return (terms, NormalisedPrice.Compute(price!, rate!.Value.Rate, rate.Value.AsOf, ConversionAssumptions.Standard), errors);
    }

    public static async Task<Results<Created<OfferView>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        Guid warehouseId, OfferInput input, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == warehouseId, ct);
        if (warehouse is null) return TypedResults.NotFound();
        if (warehouse.Status == WarehouseStatus.Closed)
            return TypedResults.Problem(Problems.Create(409, "warehouse.closed", "A closed warehouse cannot publish offers."));
        var (terms, normalised, errors) = await ValidateAsync(input, warehouse, db, clock, ct);
        if (terms is not null && terms.AvailableTo < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            errors.Add("availableTo", "The window has already ended: offer dates from today on.");
        if (terms is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var offer = CapacityOffer.Create(db.Tenant.RequiredTenantId, warehouse.Id, terms, normalised!, clock.GetUtcNow());
        db.Offers.Add(offer);
        await db.SaveChangesAsync(ct);
        await CapacityDays.ReshapeAsync(db, offer, ct);
        return TypedResults.Created($"/api/offers/{offer.Id}", ToView(offer));
    }

    public static async Task<Results<Ok<List<OfferView>>, NotFound>> ListForWarehouse(Guid warehouseId, WarehouseDb db, CancellationToken ct)
    {
        if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, ct)) return TypedResults.NotFound();
        var offers = await db.Offers.AsNoTracking().Where(o => o.WarehouseId == warehouseId).OrderBy(o => o.AvailableFrom).ThenBy(o => o.Id).ToListAsync(ct);
        return TypedResults.Ok(offers.Select(ToView).ToList());
    }

    public static async Task<Results<Ok<OfferView>, NotFound>> Get(Guid offerId, WarehouseDb db, CancellationToken ct)
        => await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == offerId, ct) is { } offer ? TypedResults.Ok(ToView(offer)) : TypedResults.NotFound();

    /// <summary>Changes an offer's terms. Shrinking below what is booked on any day is a 409 listing those days.</summary>
    public static async Task<Results<Ok<OfferView>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        Guid offerId, OfferInput input, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var offer = await CapacityDays.LockOfferAsync(db, offerId, ct);
        if (offer is null) return TypedResults.NotFound();
        var warehouse = await db.Warehouses.AsNoTracking().SingleAsync(w => w.Id == offer.WarehouseId, ct);
        var (terms, normalised, errors) = await ValidateAsync(input, warehouse, db, clock, ct);
        if (input.Version is null) errors.Add("version", "Send the version you edited (from the last GET) so concurrent edits are not lost.");
        if (terms is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var conflicts = await CapacityDays.ConflictsAsync(db, offer.Id, terms.AvailableFrom, terms.AvailableTo, terms.Quantity, ct);
        if (conflicts.Count > 0)
        {
            var problem = Problems.Create(409, "offer.belowBooked",
                $"Bookings already hold more than the new terms allow on {conflicts.Count} day(s): {CapacityDays.Describe(conflicts)}.");
            problem.Extensions["days"] = conflicts.Select(c => new { day = c.Day, booked = c.Booked }).ToList();
            return TypedResults.Problem(problem);
        }
        db.Entry(offer).Property(o => o.Version).OriginalValue = input.Version!.Value;
        offer.Apply(terms, normalised!);
        await db.SaveChangesAsync(ct);
        await CapacityDays.ReshapeAsync(db, offer, ct);
        return TypedResults.Ok(ToView(offer));
    }

    /// <summary>Publishing makes the offer visible to traders; unpublishing hides it and leaves existing bookings untouched.</summary>
    public static async Task<Results<Ok<OfferView>, NotFound, ProblemHttpResult>> SetPublished(Guid offerId, bool published, WarehouseDb db, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null) return TypedResults.NotFound();
        if (published)
        {
            var status = await db.Warehouses.Where(w => w.Id == offer.WarehouseId).Select(w => w.Status).SingleAsync(ct);
            if (status != WarehouseStatus.Active)
                return TypedResults.Problem(Problems.Create(409, "warehouse.notActive", $"Offers of a {status.ToString().ToLowerInvariant()} warehouse cannot be published; activate the warehouse first."));
            offer.Publish();
        }
        else offer.Unpublish();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToView(offer));
    }

    public sealed record DayView(DateOnly Day, decimal Capacity, decimal Booked, decimal Free);

    public static async Task<Results<Ok<List<DayView>>, NotFound, ValidationProblem>> Days(
        Guid offerId, DateOnly? from, DateOnly? to, WarehouseDb db, CancellationToken ct)
    {
        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null) return TypedResults.NotFound();
        var first = from ?? offer.AvailableFrom;
        var last = to ?? offer.AvailableTo;
        if (last < first) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' is before 'from'."] });
        return TypedResults.Ok(await db.CapacityDays.AsNoTracking()
            .Where(d => d.OfferId == offerId && d.Day >= first && d.Day <= last)
            .OrderBy(d => d.Day)
            .Select(d => new DayView(d.Day, d.Capacity, d.Booked, d.Capacity - d.Booked))
            .ToListAsync(ct));
    }

    public static async Task<Results<Ok<List<Platform.Audit.AuditHistory.EntryView>>, NotFound>> Audit(Guid offerId, WarehouseDb db, CancellationToken ct)
    {
        if (!await db.Offers.AnyAsync(o => o.Id == offerId, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await Platform.Audit.AuditHistory.ForAsync(db, nameof(CapacityOffer), offerId, ct));
    }
}
