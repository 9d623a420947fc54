using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Errors;
using Warehouse.Domain;
using Warehouse.Domain.Services;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Services;

/// <summary>
/// An operator offers priced services (增值服务) at its warehouses: fulfilment per order, studio hours per session,
/// repair per bench day. Time-slotted services also publish bookable slots (see <see cref="ServiceSlots"/>).
/// Other operators' services do not exist here (404).
/// </summary>
public static class ManageServices
{
    public sealed record PriceInput(decimal? Amount, string? Currency, ServiceUnit? Unit);

    /// <summary>What an operator sends to create or edit a service. <see cref="Version"/> is required on edits.</summary>
    public sealed record ServiceInput(string? ServiceType, PriceInput? Price, string? DescriptionZh, string? DescriptionEn, uint? Version = null);

    public sealed record PriceView(decimal Amount, string Currency, ServiceUnit Unit);

    public sealed record ServiceView(
        Guid Id, Guid WarehouseId, string ServiceType, string NameZh, string NameEn, bool IsTimeSlotted, PriceView Price,
        string? DescriptionZh, string? DescriptionEn, bool IsPublished, DateTimeOffset CreatedAt, uint Version);

    public static ServiceView ToView(ServiceOffering o, ServiceType t) => new(
        o.Id, o.WarehouseId, t.Code, t.NameZh, t.NameEn, t.IsTimeSlotted, new PriceView(o.Price.Amount, o.Price.Currency, o.Price.Unit),
        o.DescriptionZh, o.DescriptionEn, o.IsPublished, o.CreatedAt, o.Version);

    /// <summary>Validates every field (reporting all problems at once): a known service type, a price in a currency with a rate.</summary>
    private static async Task<(ServiceTerms? Terms, ServiceType? Type, FieldErrors Errors)> ValidateAsync(
        ServiceInput input, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        ServiceType? type = null;
        if (string.IsNullOrWhiteSpace(input.ServiceType)) errors.Add("serviceType", "Choose a service type, e.g. fulfilment or liveStreamStudio.");
        else if (input.ServiceType.Length > 40 || (type = await ServiceTypes.FindAsync(db, input.ServiceType, ct)) is null)
            errors.Add("serviceType", $"'{Shorten(input.ServiceType)}' is not a service type of the platform (see GET /api/reference/service-types).");

        if (input.Price?.Unit is null) errors.Add("price.unit", "Give the price unit, e.g. perOrder, perHour or perSession.");
        if (input.Price?.Amount is null) errors.Add("price.amount", "The price amount is required.");
        var price = input.Price is { Amount: { } amount, Unit: { } unit }
            ? errors.Capture(() => new ServicePrice(amount, input.Price.Currency, unit), "price")
            : null;
        if (price is not null && await Reference.ExchangeRates.FindRateAsync(db, price.Currency, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct) is null)
            errors.Add("price.currency", $"'{price.Currency}' is not a currency with an exchange rate to CNY on the platform.");
        errors.Capture(() => DomainText.Optional(input.DescriptionZh, "descriptionZh", ServiceTerms.MaxDescriptionLength), "descriptionZh");
        errors.Capture(() => DomainText.Optional(input.DescriptionEn, "descriptionEn", ServiceTerms.MaxDescriptionLength), "descriptionEn");
        if (errors.Any || type is null || price is null) return (null, null, errors);

        var terms = errors.Capture(() => new ServiceTerms(type.Code, price, input.DescriptionZh, input.DescriptionEn), "service");
        return (terms, type, errors);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public static async Task<Results<Created<ServiceView>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        Guid warehouseId, ServiceInput input, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == warehouseId, ct);
        if (warehouse is null) return TypedResults.NotFound();
        if (warehouse.Status == WarehouseStatus.Closed)
            return TypedResults.Problem(Problems.Create(409, "warehouse.closed", "A closed warehouse cannot offer services."));
        var (terms, type, errors) = await ValidateAsync(input, db, clock, ct);
        if (terms is null) return TypedResults.ValidationProblem(errors.ToDictionary());

        var offering = ServiceOffering.Create(db.Tenant.RequiredTenantId, warehouse.Id, terms, clock.GetUtcNow());
        db.Set<ServiceOffering>().Add(offering);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/services/{offering.Id}", ToView(offering, type!));
    }

    public static async Task<Results<Ok<List<ServiceView>>, NotFound>> ListForWarehouse(Guid warehouseId, WarehouseDb db, CancellationToken ct)
    {
        if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, ct)) return TypedResults.NotFound();
        var rows = await (
            from o in db.Set<ServiceOffering>().AsNoTracking()
            join t in db.Set<ServiceType>() on o.ServiceTypeCode equals t.Code
            where o.WarehouseId == warehouseId
            orderby t.Position, o.Id
            select new { o, t }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => ToView(r.o, r.t)).ToList());
    }

    public static async Task<Results<Ok<ServiceView>, NotFound>> Get(Guid serviceId, WarehouseDb db, CancellationToken ct)
    {
        var row = await (
            from o in db.Set<ServiceOffering>().AsNoTracking()
            join t in db.Set<ServiceType>() on o.ServiceTypeCode equals t.Code
            where o.Id == serviceId
            select new { o, t }).SingleOrDefaultAsync(ct);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(row.o, row.t));
    }

    /// <summary>Replaces price and descriptions. The client sends the <c>version</c> it edited; a stale one is a 409.</summary>
    public static async Task<Results<Ok<ServiceView>, ValidationProblem, NotFound>> Update(
        Guid serviceId, ServiceInput input, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var offering = await db.Set<ServiceOffering>().SingleOrDefaultAsync(o => o.Id == serviceId, ct);
        if (offering is null) return TypedResults.NotFound();
        var (terms, type, errors) = await ValidateAsync(input, db, clock, ct);
        if (input.Version is null) errors.Add("version", "Send the version you edited (from the last GET) so concurrent edits are not lost.");
        if (terms is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        errors.Capture(() => { offering.Apply(terms); return offering; }, "serviceType");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        db.Entry(offering).Property(o => o.Version).OriginalValue = input.Version!.Value;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToView(offering, type!));
    }

    /// <summary>Publishing makes the service visible to traders (the warehouse must be active); unpublishing hides it.</summary>
    public static async Task<Results<Ok<ServiceView>, NotFound, ProblemHttpResult>> SetPublished(Guid serviceId, bool published, WarehouseDb db, CancellationToken ct)
    {
        var offering = await db.Set<ServiceOffering>().SingleOrDefaultAsync(o => o.Id == serviceId, ct);
        if (offering is null) return TypedResults.NotFound();
        if (published)
        {
            var status = await db.Warehouses.Where(w => w.Id == offering.WarehouseId).Select(w => w.Status).SingleAsync(ct);
            if (status != WarehouseStatus.Active)
                return TypedResults.Problem(Problems.Create(409, "warehouse.notActive",
                    $"Services of a {status.ToString().ToLowerInvariant()} warehouse cannot be published; activate the warehouse first."));
            offering.Publish();
        }
        else offering.Unpublish();
        await db.SaveChangesAsync(ct);
        var type = await db.Set<ServiceType>().AsNoTracking().SingleAsync(t => t.Code == offering.ServiceTypeCode, ct);
        return TypedResults.Ok(ToView(offering, type));
    }

    public static async Task<Results<Ok<List<Platform.Audit.AuditHistory.EntryView>>, NotFound>> Audit(Guid serviceId, WarehouseDb db, CancellationToken ct)
    {
        if (!await db.Set<ServiceOffering>().AnyAsync(o => o.Id == serviceId, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await Platform.Audit.AuditHistory.ForAsync(db, nameof(ServiceOffering), serviceId, ct));
    }
}
