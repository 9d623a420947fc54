using Warehouse.Domain.Capacity;

namespace Warehouse.Api.Features.Search;

/// <summary>
/// What a quantity on an offer costs over a number of days:
/// in the operator's own currency and basis (e.g. EUR per pallet·day × pallets × days), and in CNY as that amount,
/// rounded to cents, times the offer's dated rate — the same arithmetic as the booking's quote, so search and booking
/// show the same figure. Handling fees are not included: they are shown as the operator words them.
/// </summary>
public static class CapacityQuote
{
    public sealed record Money(decimal Amount, string Currency);

    /// <summary>The quote: <c>Quantity</c> in the offer's unit (what the search required of it) and in m²; <c>Months</c> is
    /// days ÷ <see cref="ConversionAssumptions.DaysPerMonth"/>, what a monthly price is charged for.</summary>
    public sealed record View(decimal Quantity, CapacityUnit Unit, decimal SquareMetres, int Days, decimal Months, Money Cny, Money Original);

    public static View For(decimal quantity, CapacityUnit unit, int days, decimal priceAmount, PriceBasis basis, string currency,
        decimal rateCnyPerUnit, ConversionAssumptions assumptions)
    {
        var m2 = assumptions.ToSquareMetres(quantity, unit);
        var months = days / assumptions.DaysPerMonth;
        decimal In(CapacityUnit target) => target == unit ? quantity : assumptions.FromSquareMetres(m2, target);
        var original = basis switch
        {
            PriceBasis.PerSquareMetreMonth => priceAmount * In(CapacityUnit.SquareMetre) * months,
            PriceBasis.PerCubicMetreDay => priceAmount * In(CapacityUnit.CubicMetre) * days,
            PriceBasis.PerPalletWeek => priceAmount * In(CapacityUnit.PalletPosition) * days / 7m,
            PriceBasis.PerPalletDay => priceAmount * In(CapacityUnit.PalletPosition) * days,
            _ => throw new ArgumentOutOfRangeException(nameof(basis)),
        };
        var originalTotal = decimal.Round(original, 2);
        return new View(quantity, unit, decimal.Round(m2, 2), days, decimal.Round(months, 4),
            new Money(decimal.Round(originalTotal * rateCnyPerUnit, 2), "CNY"), new Money(originalTotal, currency));
    }
}
