using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Feeds;

/// <summary>
/// Feed credentials at rest and push keys. A partner's API key or token is encrypted with ASP.NET Core Data Protection
/// (keys in the platform's database, table <c>data_protection_keys</c>), under a purpose naming the tenant and the
/// feed, so a ciphertext copied onto another feed's row does not decrypt there. A push key is random, shown once, and
/// kept only as its SHA-256 hash.
/// </summary>
public sealed class FeedSecrets(IDataProtectionProvider provider)
{
    public const string PushKeyPrefix = "wfk_";

    private IDataProtector For(Guid tenantId, Guid feedId)
        => provider.CreateProtector("Warehouse.Feeds.Credentials.v1", tenantId.ToString("N"), feedId.ToString("N"));

    public string Protect(Guid tenantId, Guid feedId, string secret) => For(tenantId, feedId).Protect(secret);

    public string Unprotect(Guid tenantId, Guid feedId, string protectedSecret) => For(tenantId, feedId).Unprotect(protectedSecret);

    /// <summary>
    /// A new push key: <c>wfk_{operator id}_{256 random bits}</c>. The operator id lets the push endpoint open that
    /// operator's tenant scope before it looks the key up (the lookup itself stays under row security); a forged
    /// operator id only leads to a key that is not found.
    /// </summary>
    public static string NewPushKey(Guid tenantId)
        => $"{PushKeyPrefix}{tenantId:N}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static Guid? TenantOf(string key)
    {
        if (!key.StartsWith(PushKeyPrefix, StringComparison.Ordinal) || key.Length > 200) return null;
        var parts = key[PushKeyPrefix.Length..].Split('_', 2);
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) ? id : null;
    }

    /// <summary>The signature a partner sends: hex HMAC-SHA256 over <c>"{timestamp}.{body}"</c>, keyed with the push key.</summary>
    public static byte[] Sign(string key, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Work for one operator in a scope of its own: a new DI scope whose tenant is that operator, one transaction that
/// commits when the work returns. The feed's deliberate cross-tenant path (the poller after a fetch, a pushed update
/// authenticated by its key), the same shape as <see cref="Bookings.BookingDesk.AsOperatorAsync{T}"/>.
/// </summary>
public static class FeedScope
{
    public static async Task<T> AsOperatorAsync<T>(IServiceProvider services, Guid operatorId, Guid? actingUserId,
        Func<WarehouseDb, IServiceProvider, Task<T>> work, CancellationToken ct)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        if (actingUserId is { } user) tenant.SetUser(user);
        tenant.SetTenant(operatorId, OrganisationKind.Operator, null);
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work(db, scope.ServiceProvider);
        await tx.CommitAsync(ct);
        return result;
    }
}
