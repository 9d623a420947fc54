using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warehouse.Api.Features.Reference;

/// <summary>An ISO 4217 currency an operator may price in; <see cref="MinorUnits"/> is its number of decimals (JPY 0, USD 2).</summary>
public sealed record Currency(string Code, string NameZh, string NameEn, int MinorUnits)
{
    /// <summary>The platform compares prices in yuan: every exchange rate is CNY per one unit of another currency.</summary>
    public const string Base = "CNY";

    /// <summary>The upper-case code when <paramref name="input"/> has the shape of one ("usd" → "USD"), null otherwise.</summary>
    public static string? NormaliseCode(string? input)
    {
        var code = input?.Trim().ToUpperInvariant();
        return code is { Length: 3 } && code.All(char.IsAsciiLetterUpper) ? code : null;
    }
}

/// <summary>
/// How many yuan one unit of <see cref="CurrencyCode"/> was worth on <see cref="AsOf"/>, and where that figure came
/// from. One rate per currency and day (the primary key). Rates are facts with a date, never overwritten: a
/// normalised price names the rate it used and its date (see <see cref="ExchangeRates.FindRateAsync"/>).
/// </summary>
public sealed class ExchangeRate
{
    public const int MaxSourceLength = 200;

    public string CurrencyCode { get; private set; } = "";
    public DateOnly AsOf { get; private set; }
    /// <summary>Yuan per one unit, &gt; 0, at most 8 decimals (numeric(18,8)).</summary>
    public decimal CnyPerUnit { get; private set; }
    public string Source { get; private set; } = "";
    /// <summary>
    /// The bureau admin who entered it; null for rates seeded by a migration. An audit stamp, deliberately without a
    /// foreign key: the record of who entered a rate outlives that user's account.
    /// </summary>
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private ExchangeRate() { }

    /// <summary>A rate as validated by <see cref="ExchangeRates.Add"/>; the database re-checks positivity and the base currency.</summary>
    public static ExchangeRate Record(string currencyCode, DateOnly asOf, decimal cnyPerUnit, string source, Guid createdBy, DateTimeOffset createdAt)
        => new() { CurrencyCode = currencyCode, AsOf = asOf, CnyPerUnit = cnyPerUnit, Source = source, CreatedBy = createdBy, CreatedAt = createdAt };
}

public sealed class CurrencyConfiguration : IEntityTypeConfiguration<Currency>
{
    public void Configure(EntityTypeBuilder<Currency> currency)
    {
        currency.ToTable("currencies", t => t.HasCheckConstraint("ck_currencies_minor_units", "minor_units BETWEEN 0 AND 4"));
        currency.HasKey(c => c.Code);
        currency.Property(c => c.Code).HasMaxLength(3).IsFixedLength();
        currency.Property(c => c.NameZh).HasMaxLength(30);
        currency.Property(c => c.NameEn).HasMaxLength(60);
        // ISO 4217 codes, names and minor units (facts, compiled by the project). The markets of market-groups.csv
        // and the currencies of the hubs' countries, plus the majors operators price in.
        currency.HasData(
            new Currency("CNY", "人民币", "Chinese yuan renminbi", 2),
            new Currency("USD", "美元", "US dollar", 2),
            new Currency("EUR", "欧元", "Euro", 2),
            new Currency("GBP", "英镑", "Pound sterling", 2),
            new Currency("JPY", "日元", "Japanese yen", 0),
            new Currency("KRW", "韩元", "South Korean won", 0),
            new Currency("HKD", "港元", "Hong Kong dollar", 2),
            new Currency("SGD", "新加坡元", "Singapore dollar", 2),
            new Currency("MYR", "马来西亚林吉特", "Malaysian ringgit", 2),
            new Currency("THB", "泰铢", "Thai baht", 2),
            new Currency("VND", "越南盾", "Vietnamese dong", 0),
            new Currency("IDR", "印尼盾", "Indonesian rupiah", 2),
            new Currency("PHP", "菲律宾比索", "Philippine peso", 2),
            new Currency("AED", "阿联酋迪拉姆", "UAE dirham", 2),
            new Currency("SAR", "沙特里亚尔", "Saudi riyal", 2),
            new Currency("QAR", "卡塔尔里亚尔", "Qatari riyal", 2),
            new Currency("TRY", "土耳其里拉", "Turkish lira", 2),
            new Currency("RUB", "俄罗斯卢布", "Russian ruble", 2),
            new Currency("KZT", "哈萨克斯坦坚戈", "Kazakhstani tenge", 2),
            new Currency("UZS", "乌兹别克斯坦苏姆", "Uzbekistani sum", 2),
            new Currency("PLN", "波兰兹罗提", "Polish zloty", 2),
            new Currency("CZK", "捷克克朗", "Czech koruna", 2),
            new Currency("HUF", "匈牙利福林", "Hungarian forint", 2),
            new Currency("RON", "罗马尼亚列伊", "Romanian leu", 2),
            // Bulgaria adopted the euro on 2026-01-01; the lev stays for prices and rates dated before then.
            new Currency("BGN", "保加利亚列弗", "Bulgarian lev", 2),
            new Currency("RSD", "塞尔维亚第纳尔", "Serbian dinar", 2),
            new Currency("AUD", "澳大利亚元", "Australian dollar", 2),
            new Currency("NZD", "新西兰元", "New Zealand dollar", 2),
            new Currency("CAD", "加拿大元", "Canadian dollar", 2),
            new Currency("MXN", "墨西哥比索", "Mexican peso", 2),
            new Currency("BRL", "巴西雷亚尔", "Brazilian real", 2),
            new Currency("CHF", "瑞士法郎", "Swiss franc", 2),
            new Currency("SEK", "瑞典克朗", "Swedish krona", 2),
            new Currency("DKK", "丹麦克朗", "Danish krone", 2),
            new Currency("NOK", "挪威克朗", "Norwegian krone", 2));
    }
}

public sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public const string SeedSource = "seed: approximate, for demo only — replace with official rates";
    public static readonly DateOnly SeedDate = new(2026, 11, 2);

    public void Configure(EntityTypeBuilder<ExchangeRate> rate)
    {
        rate.ToTable("exchange_rates", t =>
        {
            t.HasCheckConstraint("ck_exchange_rates_positive", "cny_per_unit > 0");
            // CNY is the base: its rate is 1 by definition, never a row that could say otherwise.
            t.HasCheckConstraint("ck_exchange_rates_not_base", $"currency_code <> '{Currency.Base}'");
        });
        // The key is the rate's identity, (currency, day): a second rate for the same day is a conflict, not a new row.
        rate.HasKey(r => new { r.CurrencyCode, r.AsOf });
        rate.Property(r => r.CurrencyCode).HasMaxLength(3).IsFixedLength();
        rate.Property(r => r.CnyPerUnit).HasPrecision(18, 8);
        rate.Property(r => r.Source).HasMaxLength(ExchangeRate.MaxSourceLength);
        // Restrict: removing a currency must never take its rate history (and the figures it explains) with it.
        rate.HasOne<Currency>().WithMany().HasForeignKey(r => r.CurrencyCode).OnDelete(DeleteBehavior.Restrict);

        // One rough rate per currency so the demo can normalise prices from day one; clearly marked in its source.
        // BGN follows from EUR at the fixed conversion rate of 1.95583 lev per euro.
        var seededAt = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        rate.HasData(new (string Currency, decimal CnyPerUnit)[]
        {
            ("USD", 7.1000m), ("EUR", 8.2500m), ("GBP", 9.4000m), ("JPY", 0.04700m), ("KRW", 0.005000m), ("HKD", 0.9130m),
            ("SGD", 5.4800m), ("MYR", 1.6900m), ("THB", 0.2190m), ("VND", 0.00027000m), ("IDR", 0.00042800m), ("PHP", 0.1210m),
            ("AED", 1.9330m), ("SAR", 1.8930m), ("QAR", 1.9500m), ("TRY", 0.1680m), ("RUB", 0.08800m), ("KZT", 0.013600m),
            ("UZS", 0.00059000m), ("PLN", 1.9400m), ("CZK", 0.3400m), ("HUF", 0.021300m), ("RON", 1.6200m), ("BGN", 4.2181m),
            ("RSD", 0.07050m), ("AUD", 4.6500m), ("NZD", 4.0800m), ("CAD", 5.0800m), ("MXN", 0.3850m), ("BRL", 1.3100m),
            ("CHF", 8.8500m), ("SEK", 0.7500m), ("DKK", 1.1050m), ("NOK", 0.7000m),
        }.Select(seed => new
        {
            CurrencyCode = seed.Currency, AsOf = SeedDate, seed.CnyPerUnit, Source = SeedSource,
            CreatedBy = (Guid?)null, CreatedAt = seededAt,
        }));
    }
}
