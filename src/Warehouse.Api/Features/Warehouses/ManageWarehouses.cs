using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Warehouses;

/// <summary>An operator lists, creates and edits its own warehouses. Other operators' warehouses do not exist here (404).</summary>
public static class ManageWarehouses
{
    public sealed record Summary(
        Guid Id, string NameZh, string? NameEn, string CountryCode, string City, decimal ExistingM2, decimal InUseM2,
        decimal UnderConstructionM2, WarehouseStatus Status, int Offers, uint Version);

    // status: an optional filter, spelled as the API writes it (draft, active, suspended, closed).
    public static async Task<Results<Ok<List<Summary>>, ValidationProblem>> List(WarehouseDb db, string? status, CancellationToken ct)
    {
        var query = db.Warehouses.AsNoTracking();
        if (status is not null)
        {
            if (!Enum.TryParse<WarehouseStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s) || char.IsDigit(status[0]))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Use draft, active, suspended or closed."] });
            query = query.Where(w => w.Status == s);
        }
        return TypedResults.Ok(await query
            .OrderBy(w => w.NameZh).ThenBy(w => w.Id)
            .Select(w => new Summary(w.Id, w.NameZh, w.NameEn, w.CountryCode, w.City, w.Areas.ExistingM2, w.Areas.InUseM2,
                w.Areas.UnderConstructionM2, w.Status, db.Offers.Count(o => o.WarehouseId == w.Id), w.Version))
            .ToListAsync(ct));
    }

    public static async Task<Results<Ok<WarehouseView>, NotFound>> Get(Guid warehouseId, WarehouseDb db, CancellationToken ct)
        => await WarehouseViews.LoadAsync(db, warehouseId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    public static async Task<Results<Created<WarehouseView>, ValidationProblem>> Create(
        WarehouseInput input, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var (details, errors) = await input.ValidateAsync(db, ct);
        if (details is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        var warehouse = OverseasWarehouse.Create(db.Tenant.RequiredTenantId, details, db.Tenant.RequiredUserId, clock.GetUtcNow());
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/warehouses/{warehouse.Id}", (await WarehouseViews.LoadAsync(db, warehouse.Id, ct))!);
    }

    /// <summary>Replaces the warehouse's details. The client sends the <c>version</c> it edited; a stale one is a 409.</summary>
    public static async Task<Results<Ok<WarehouseView>, ValidationProblem, NotFound>> Update(
        Guid warehouseId, WarehouseInput input, WarehouseDb db, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.SingleOrDefaultAsync(w => w.Id == warehouseId, ct);
        if (warehouse is null) return TypedResults.NotFound();
        var (details, errors) = await input.ValidateAsync(db, ct);
        if (input.Version is null) errors.Add("version", "Send the version you edited (from the last GET) so concurrent edits are not lost.");
        if (details is null || errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        db.Entry(warehouse).Property(w => w.Version).OriginalValue = input.Version!.Value;
        warehouse.Update(details);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await WarehouseViews.LoadAsync(db, warehouse.Id, ct))!);
    }

    public sealed record StatusChange(WarehouseStatus? Status, uint? Version);

    /// <summary>Moves the warehouse along its lifecycle; who and when are recorded on it and in the audit trail.</summary>
    public static async Task<Results<Ok<WarehouseView>, ValidationProblem, NotFound>> ChangeStatus(
        Guid warehouseId, StatusChange change, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.SingleOrDefaultAsync(w => w.Id == warehouseId, ct);
        if (warehouse is null) return TypedResults.NotFound();
        if (change.Status is not { } status)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Give the new status: active, suspended or closed."] });
        if (change.Version is { } version) db.Entry(warehouse).Property(w => w.Version).OriginalValue = version;
        warehouse.ChangeStatus(status, db.Tenant.RequiredUserId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await WarehouseViews.LoadAsync(db, warehouse.Id, ct))!);
    }
}

public static class WarehouseAudit
{
    public static async Task<Results<Ok<List<Platform.Audit.AuditHistory.EntryView>>, NotFound>> Handle(Guid warehouseId, WarehouseDb db, CancellationToken ct)
    {
        if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await Platform.Audit.AuditHistory.ForAsync(db, nameof(OverseasWarehouse), warehouseId, ct));
    }
}
