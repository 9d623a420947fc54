namespace Warehouse.Domain.Capacity;

/// <summary>The unit an offer's quantity is counted in.</summary>
public enum CapacityUnit { SquareMetre, PalletPosition, CubicMetre }

/// <summary>What one price amount buys: a unit of space for a length of time, in the operator's own terms.</summary>
public enum PriceBasis { PerSquareMetreMonth, PerCubicMetreDay, PerPalletWeek, PerPalletDay }

/// <summary>Whether a trader's request confirms at once or waits for the operator.</summary>
public enum BookingMode { Instant, Request }

/// <summary>
/// The assumptions that turn any unit into square metres, stated once and shown with every normalised figure.
/// A pallet position occupies 1.2 m × 1.0 m of floor; a cubic metre of space is floor area times the stated usable
/// stacking height; a month is 365.25 / 12 days.
/// </summary>
public sealed record ConversionAssumptions(decimal PalletFootprintM2, decimal StackingHeightM, decimal DaysPerMonth)
{
    public static readonly ConversionAssumptions Standard = new(1.2m, 2.0m, 365.25m / 12m);

    /// <summary>Square metres of floor taken by <paramref name="quantity"/> of <paramref name="unit"/>.</summary>
    public decimal ToSquareMetres(decimal quantity, CapacityUnit unit) => unit switch
    {
        CapacityUnit.SquareMetre => quantity,
        CapacityUnit.PalletPosition => quantity * PalletFootprintM2,
        CapacityUnit.CubicMetre => quantity / StackingHeightM,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>Converts a square-metre amount back into <paramref name="unit"/> (inverse of <see cref="ToSquareMetres"/>).</summary>
    public decimal FromSquareMetres(decimal squareMetres, CapacityUnit unit) => unit switch
    {
        CapacityUnit.SquareMetre => squareMetres,
        CapacityUnit.PalletPosition => squareMetres / PalletFootprintM2,
        CapacityUnit.CubicMetre => squareMetres * StackingHeightM,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>A price on <paramref name="basis"/> as the same money per m²·month (in the price's own currency).</summary>
    public decimal PerSquareMetreMonth(decimal amount, PriceBasis basis) => basis switch
    {
        PriceBasis.PerSquareMetreMonth => amount,
        PriceBasis.PerCubicMetreDay => amount * StackingHeightM * DaysPerMonth,
        PriceBasis.PerPalletWeek => amount / PalletFootprintM2 * DaysPerMonth / 7m,
        PriceBasis.PerPalletDay => amount / PalletFootprintM2 * DaysPerMonth,
        _ => throw new ArgumentOutOfRangeException(nameof(basis)),
    };

    public string Describe() =>
        $"1 pallet position = {PalletFootprintM2} m² (1.2 m × 1.0 m); 1 m³ = {1m / StackingHeightM:0.###} m² at {StackingHeightM} m usable stacking height; 1 month = {DaysPerMonth:0.####} days";
}

/// <summary>A price in the operator's currency and basis. Invariant: amount &gt; 0 with at most 4 decimals; currency is ISO 4217.</summary>
public sealed record Price
{
    public decimal Amount { get; }
    public string Currency { get; }
    public PriceBasis Basis { get; }

    private Price() => Currency = ""; // for EF Core materialisation

    public Price(decimal amount, string? currency, PriceBasis basis, string field = "price")
    {
        // Rounded first: a price that rounds to zero at the stored precision is no price.
        amount = decimal.Round(amount, 4);
        if (amount <= 0) throw new DomainException("price.notPositive", "A price must be greater than zero (at most 4 decimal places).", $"{field}.amount");
        if (amount > 1_000_000) throw new DomainException("price.tooLarge", "A price above 1,000,000 per unit is not plausible.", $"{field}.amount");
        var code = (currency ?? "").Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            throw new DomainException("currency.format", "A currency is an ISO 4217 code such as CNY, USD or EUR.", $"{field}.currency");
        Amount = amount;
        Currency = code;
        Basis = basis;
    }
}

/// <summary>
/// A price normalised to CNY per m²·month, with everything that produced it: the exchange rate and its date, and
/// the conversion assumptions. Comparable across operators; the original price is always shown beside it.
/// </summary>
public sealed record NormalisedPrice(decimal CnyPerM2Month, decimal CnyPerUnit, DateOnly RateAsOf, string Assumptions)
{
    public static NormalisedPrice Compute(Price price, decimal cnyPerUnit, DateOnly rateAsOf, ConversionAssumptions assumptions)
    {
        if (cnyPerUnit <= 0) throw new ArgumentOutOfRangeException(nameof(cnyPerUnit), "An exchange rate is positive.");
        var value = assumptions.PerSquareMetreMonth(price.Amount, price.Basis) * cnyPerUnit;
        return new NormalisedPrice(decimal.Round(value, 2), cnyPerUnit, rateAsOf,
            $"{price.Amount} {price.Currency} {price.Basis} → CNY per m²·month at {cnyPerUnit} CNY/{price.Currency} (as of {rateAsOf:yyyy-MM-dd}); {assumptions.Describe()}");
    }
}
