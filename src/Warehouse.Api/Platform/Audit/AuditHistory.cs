using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Warehouse.Api.Platform.Data;

namespace Warehouse.Api.Platform.Audit;

/// <summary>Reads the audit trail of one audited entity of the current tenant, newest first.</summary>
public static class AuditHistory
{
    public sealed record EntryView(DateTimeOffset At, string Action, Guid? UserId, string? UserEmail, JsonElement Changes);

    public static async Task<List<EntryView>> ForAsync(WarehouseDb db, string entityType, Guid entityId, CancellationToken ct)
    {
        var rows = await (
            from a in db.AuditEntries
            where a.EntityType == entityType && a.EntityId == entityId
            join u in db.Users on a.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            orderby a.At descending, a.Id descending
            select new { a.At, a.Action, a.UserId, Email = u == null ? null : u.Email, a.Changes }).ToListAsync(ct);
        return rows.Select(r => new EntryView(r.At, r.Action, r.UserId, r.Email, JsonDocument.Parse(r.Changes).RootElement.Clone())).ToList();
    }
}
