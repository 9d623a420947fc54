namespace Warehouse.Domain.Services;

/// <summary>
/// A priced service one warehouse offers (增值服务): fulfilment at 3.5 EUR per order, studio hours at 600 CNY per
/// session. Invariants: a valid <see cref="ServicePrice"/>; descriptions bounded; the service type never changes
/// (slots hang off a time-slotted type, so switching type would strand them); published only while the warehouse is
/// active, which the application checks when publishing.
/// </summary>
public sealed class ServiceOffering : ITenantOwned, IAudited
{
    public Guid TenantId { get; private set; }
    public Guid Id { get; private set; }
    public Guid WarehouseId { get; private set; }
    public string ServiceTypeCode { get; private set; } = "";
    public ServicePrice Price { get; private set; } = null!;
    public string? DescriptionZh { get; private set; }
    public string? DescriptionEn { get; private set; }
    public bool IsPublished { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Optimistic concurrency token (PostgreSQL xmin): a stale edit is refused.</summary>
    public uint Version { get; private set; }

    private ServiceOffering() { }

    public static ServiceOffering Create(Guid tenantId, Guid warehouseId, ServiceTerms terms, DateTimeOffset now)
    {
        var offering = new ServiceOffering
        {
            TenantId = tenantId, Id = Guid.CreateVersion7(now), WarehouseId = warehouseId, ServiceTypeCode = terms.ServiceTypeCode, CreatedAt = now,
        };
        offering.Apply(terms);
        return offering;
    }

    public void Apply(ServiceTerms terms)
    {
        if (terms.ServiceTypeCode != ServiceTypeCode)
            throw new DomainException("service.typeChanged", "The service type of an offering cannot change; offer the other service separately.", "serviceType");
        Price = terms.Price;
        DescriptionZh = terms.DescriptionZh;
        DescriptionEn = terms.DescriptionEn;
    }

    public void Publish() => IsPublished = true;
    public void Unpublish() => IsPublished = false;
}

/// <summary>What an operator states about a service offering, validated on creation.</summary>
public sealed record ServiceTerms
{
    public const int MaxDescriptionLength = 2000;

    public string ServiceTypeCode { get; }
    public ServicePrice Price { get; }
    public string? DescriptionZh { get; }
    public string? DescriptionEn { get; }

    public ServiceTerms(string serviceTypeCode, ServicePrice price, string? descriptionZh, string? descriptionEn)
    {
        ServiceTypeCode = DomainText.Required(serviceTypeCode, "serviceType", 40);
        Price = price;
        DescriptionZh = DomainText.Optional(descriptionZh, "descriptionZh", MaxDescriptionLength);
        DescriptionEn = DomainText.Optional(descriptionEn, "descriptionEn", MaxDescriptionLength);
    }
}
