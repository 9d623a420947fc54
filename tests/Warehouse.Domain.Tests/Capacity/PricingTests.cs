using Warehouse.Domain;
using Warehouse.Domain.Capacity;

namespace Warehouse.Domain.Tests.Capacity;

public sealed class PricingTests
{
    private static readonly ConversionAssumptions Standard = ConversionAssumptions.Standard;
    private static readonly DateOnly AsOf = new(2026, 11, 2);

    [Fact]
    public void A_month_is_365_25_over_12_days_and_a_pallet_is_1_2_square_metres()
    {
        Assert.Equal(30.4375m, Standard.DaysPerMonth);
        Assert.Equal(1.2m, Standard.PalletFootprintM2);
        Assert.Equal(2.0m, Standard.StackingHeightM);
    }

    [Theory]
    // amount, basis, expected in the same currency per m²·month
    [InlineData(80, PriceBasis.PerSquareMetreMonth, 80)]
    [InlineData(0.5, PriceBasis.PerCubicMetreDay, 30.4375)]       // 0.5 × 2 m³/m² × 30.4375 days
    [InlineData(8.4, PriceBasis.PerPalletWeek, 30.4375)]          // 8.4 / 1.2 m² × 30.4375 / 7 weeks
    [InlineData(1.2, PriceBasis.PerPalletDay, 30.4375)]           // 1.2 / 1.2 m² × 30.4375 days
    public void Each_basis_converts_to_money_per_square_metre_month(double amount, PriceBasis basis, double expected)
        => Assert.Equal((decimal)expected, decimal.Round(Standard.PerSquareMetreMonth((decimal)amount, basis), 6));

    [Fact]
    public void A_foreign_price_is_converted_at_the_dated_rate_and_says_so()
    {
        var price = new Price(10m, "eur", PriceBasis.PerSquareMetreMonth);
        var normalised = NormalisedPrice.Compute(price, 7.8m, AsOf, Standard);
        Assert.Equal(78.00m, normalised.CnyPerM2Month);
        Assert.Equal("EUR", price.Currency);
        Assert.Contains("7.8 CNY/EUR (as of 2026-11-02)", normalised.Assumptions);
        Assert.Contains("1.2 m²", normalised.Assumptions);
    }

    [Fact]
    public void A_usd_pallet_day_price_normalises_through_both_steps()
    {
        // 0.6 USD per pallet per day → 0.5 USD per m² per day → 15.21875 USD per m²·month → × 7.1 = 108.05 CNY
        var normalised = NormalisedPrice.Compute(new Price(0.6m, "USD", PriceBasis.PerPalletDay), 7.1m, AsOf, Standard);
        Assert.Equal(108.05m, normalised.CnyPerM2Month);
    }

    [Theory]
    [InlineData(CapacityUnit.SquareMetre, 100, 100)]
    [InlineData(CapacityUnit.PalletPosition, 100, 120)]
    [InlineData(CapacityUnit.CubicMetre, 100, 50)]
    public void Quantities_convert_to_square_metres_and_back(CapacityUnit unit, double quantity, double squareMetres)
    {
        Assert.Equal((decimal)squareMetres, Standard.ToSquareMetres((decimal)quantity, unit));
        Assert.Equal((decimal)quantity, Standard.FromSquareMetres((decimal)squareMetres, unit));
    }

    [Theory]
    [InlineData(0, "CNY", "price.amount")]
    [InlineData(-5, "CNY", "price.amount")]
    [InlineData(5, "RMB1", "price.currency")]
    [InlineData(5, "", "price.currency")]
    public void Bad_prices_name_their_field(double amount, string currency, string field)
        => Assert.Equal(field, Assert.Throws<DomainException>(() => new Price((decimal)amount, currency, PriceBasis.PerPalletDay)).Field);
}

public sealed class OfferTermsTests
{
    private static readonly Price Price = new(50m, "CNY", PriceBasis.PerSquareMetreMonth);
    private static readonly DateOnly Start = new(2027, 1, 1);

    private static OfferTerms Terms(decimal quantity = 100, int days = 90, decimal minimum = 0, int minimumTerm = 1)
        => new(CapacityUnit.SquareMetre, quantity, Start, Start.AddDays(days - 1), minimum, minimumTerm, Price, null, BookingMode.Instant, 7);

    [Fact]
    public void A_window_ending_before_it_starts_names_availableTo()
        => Assert.Equal("availableTo", Assert.Throws<DomainException>(() => Terms(days: 0)).Field);

    [Fact]
    public void A_quantity_must_be_positive() => Assert.Equal("quantity", Assert.Throws<DomainException>(() => Terms(quantity: 0)).Field);

    [Fact]
    public void A_minimum_above_the_quantity_is_refused() => Assert.Equal("minimumQuantity", Assert.Throws<DomainException>(() => Terms(minimum: 101)).Field);

    [Fact]
    public void A_minimum_term_longer_than_the_window_is_refused() => Assert.Equal("minimumTermDays", Assert.Throws<DomainException>(() => Terms(days: 30, minimumTerm: 31)).Field);

    [Fact]
    public void A_window_over_three_years_is_refused() => Assert.Equal("availableTo", Assert.Throws<DomainException>(() => Terms(days: 1200)).Field);

    [Fact]
    public void An_offer_lists_every_day_of_its_window()
    {
        var offer = CapacityOffer.Create(Guid.NewGuid(), Guid.NewGuid(), Terms(days: 31),
            NormalisedPrice.Compute(Price, 1m, Start, ConversionAssumptions.Standard), DateTimeOffset.UtcNow);
        var days = offer.Days().ToList();
        Assert.Equal(31, days.Count);
        Assert.Equal(Start, days[0]);
        Assert.Equal(new DateOnly(2027, 1, 31), days[^1]);
    }
}
