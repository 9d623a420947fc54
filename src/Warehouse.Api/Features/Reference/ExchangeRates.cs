using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain;

namespace Warehouse.Api.Features.Reference;

/// <summary>
/// Dated exchange rates to CNY: their history, the bureau admin's entry of a new one, and the lookup that price
/// normalisation uses. A normalised figure always states the rate it used together with that rate's date, so a
/// reader can tell a price converted at last week's rate from one converted today.
/// </summary>
public static class ExchangeRates
{
    public sealed record RateView(string Currency, DateOnly AsOf, decimal CnyPerUnit, string Source, DateTimeOffset CreatedAt);

    public sealed record AddRequest(string? Currency, DateOnly? AsOf, decimal? CnyPerUnit, string? Source);

    /// <summary>The rate a conversion used: show <see cref="CnyPerUnit"/> with <see cref="AsOf"/> wherever the converted figure appears.</summary>
    public sealed record Rate(string Currency, decimal CnyPerUnit, DateOnly AsOf, string Source);

    /// <summary>No currency is worth more than this many yuan (the dearest, the Kuwaiti dinar, is about 23).</summary>
    public const decimal MaxCnyPerUnit = 1000m;

    /// <summary>A new rate more than this factor away from its neighbour is taken for a slip (per 100 units typed as per 1).</summary>
    public const decimal MaxJumpFactor = 10m;

    public static readonly DateOnly EarliestAsOf = new(2000, 1, 1);

    /// <summary>Rates are dated by the calendar in China (UTC+8 all year, no daylight saving time).</summary>
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static async Task<Results<Ok<List<RateView>>, ValidationProblem>> History(string? currency, WarehouseDb db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = await KnownCurrencyAsync(currency, db, errors, ct);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await db.Set<ExchangeRate>().AsNoTracking()
            .Where(r => r.CurrencyCode == code)
            .OrderByDescending(r => r.AsOf)
            .Select(r => new RateView(r.CurrencyCode, r.AsOf, r.CnyPerUnit, r.Source, r.CreatedAt))
            .ToListAsync(ct));
    }

    /// <summary>The bureau admin records the rate of one currency for one day; a second rate for the same day is a 409.</summary>
    public static async Task<Results<Created<RateView>, ValidationProblem, ProblemHttpResult>> Add(
        AddRequest request, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = await KnownCurrencyAsync(request.Currency, db, errors, ct);
        if (code == Currency.Base) errors.Add("currency", $"{Currency.Base} is the base currency: its rate is 1 by definition.");

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);
        if (request.AsOf is not { } asOf) errors.Add("asOf", "The day the rate is for is required (yyyy-mm-dd).");
        else if (asOf > today) errors.Add("asOf", $"A rate cannot be dated in the future (today in China is {today:yyyy-MM-dd}).");
        else if (asOf < EarliestAsOf) errors.Add("asOf", $"Rates before {EarliestAsOf:yyyy-MM-dd} are not kept.");

        if (request.CnyPerUnit is not { } rate) errors.Add("cnyPerUnit", "The rate in yuan per one unit of the currency is required.");
        else if (rate <= 0) errors.Add("cnyPerUnit", "A rate is greater than 0.");
        else if (rate > MaxCnyPerUnit) errors.Add("cnyPerUnit", $"At most {MaxCnyPerUnit} yuan per unit: no currency is worth more.");
        else if (decimal.Round(rate, 8) != rate) errors.Add("cnyPerUnit", "At most 8 decimal places.");

        var source = errors.Capture(() => DomainText.Required(request.Source, "source", ExchangeRate.MaxSourceLength), "source");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var (day, cnyPerUnit) = (request.AsOf!.Value, request.CnyPerUnit!.Value);
        var neighbour = await FindRateAsync(db, code!, day, ct)
            ?? await db.Set<ExchangeRate>().Where(r => r.CurrencyCode == code).OrderBy(r => r.AsOf)
                .Select(r => new Rate(r.CurrencyCode, r.CnyPerUnit, r.AsOf, r.Source)).FirstOrDefaultAsync(ct);
        if (neighbour?.AsOf == day)
            return TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "exchangeRate.duplicate",
                $"{code} already has a rate for {day:yyyy-MM-dd} ({neighbour.CnyPerUnit} CNY); rates are not overwritten."));
        if (neighbour is not null && (cnyPerUnit > neighbour.CnyPerUnit * MaxJumpFactor || cnyPerUnit * MaxJumpFactor < neighbour.CnyPerUnit))
        {
            errors.Add("cnyPerUnit", $"{cnyPerUnit} is more than {MaxJumpFactor} times away from the rate of {neighbour.AsOf:yyyy-MM-dd} " +
                $"({neighbour.CnyPerUnit} CNY per {code}): enter yuan per one unit of the currency.");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var entry = ExchangeRate.Record(code!, day, cnyPerUnit, source!, db.Tenant.RequiredUserId, clock.GetUtcNow());
        db.Set<ExchangeRate>().Add(entry);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/reference/exchange-rates?currency={entry.CurrencyCode}",
            new RateView(entry.CurrencyCode, entry.AsOf, entry.CnyPerUnit, entry.Source, entry.CreatedAt));
    }

    /// <summary>
    /// The rate to convert <paramref name="currency"/> to CNY on <paramref name="onDate"/>: the newest one dated on or
    /// before that day, or null when the currency has none that early (never a later rate: it did not exist yet).
    /// CNY itself converts at 1 on every day. Whoever shows the converted figure shows the returned rate and its date.
    /// </summary>
    public static async Task<Rate?> FindRateAsync(WarehouseDb db, string currency, DateOnly onDate, CancellationToken ct = default)
    {
        var code = Currency.NormaliseCode(currency);
        if (code is null) return null;
        if (code == Currency.Base) return new Rate(Currency.Base, 1m, onDate, "base currency");
        return await db.Set<ExchangeRate>().AsNoTracking()
            .Where(r => r.CurrencyCode == code && r.AsOf <= onDate)
            .OrderByDescending(r => r.AsOf)
            .Select(r => new Rate(r.CurrencyCode, r.CnyPerUnit, r.AsOf, r.Source))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The normalised code of a currency the platform knows, or null with the reason recorded against <c>currency</c>.</summary>
    private static async Task<string?> KnownCurrencyAsync(string? input, WarehouseDb db, FieldErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            errors.Add("currency", "The currency is required (an ISO 4217 code such as USD).");
            return null;
        }
        var code = Currency.NormaliseCode(input);
        if (code is null || !await db.Set<Currency>().AnyAsync(c => c.Code == code, ct))
        {
            errors.Add("currency", $"'{input}' is not a currency of the platform (see GET /api/reference/currencies).");
            return null;
        }
        return code;
    }
}
