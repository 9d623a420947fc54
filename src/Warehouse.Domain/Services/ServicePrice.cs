namespace Warehouse.Domain.Services;

/// <summary>What one service price amount buys, in the operator's own terms.</summary>
public enum ServiceUnit { PerOrder, PerItem, PerCarton, PerPallet, PerHour, PerDay, PerSession, PerShipment }

/// <summary>
/// The price of a service in the operator's currency and unit (e.g. 3.5 EUR per order, 800 CNY per session).
/// Invariant: 0 &lt; amount ≤ 1,000,000 with at most 4 decimals; currency has the shape of an ISO 4217 code (whether
/// the platform has a rate for it is checked where rates are known).
/// </summary>
public sealed record ServicePrice
{
    public const decimal MaxAmount = 1_000_000m;

    public decimal Amount { get; }
    public string Currency { get; }
    public ServiceUnit Unit { get; }

    private ServicePrice() => Currency = ""; // for EF Core materialisation

    public ServicePrice(decimal amount, string? currency, ServiceUnit unit, string field = "price")
    {
        if (amount <= 0) throw new DomainException("price.notPositive", "A price must be greater than zero.", $"{field}.amount");
        if (amount > MaxAmount) throw new DomainException("price.tooLarge", "A price above 1,000,000 per unit is not plausible.", $"{field}.amount");
        if (decimal.Round(amount, 4) != amount) throw new DomainException("price.precision", "A price has at most 4 decimal places.", $"{field}.amount");
        if (!Enum.IsDefined(unit)) throw new DomainException("price.unit", "Choose a known price unit.", $"{field}.unit");
        var code = (currency ?? "").Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            throw new DomainException("currency.format", "A currency is an ISO 4217 code such as CNY, USD or EUR.", $"{field}.currency");
        Amount = amount;
        Currency = code;
        Unit = unit;
    }
}
