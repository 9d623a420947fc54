namespace Warehouse.Domain.Services;

/// <summary>
/// A kind of value-added service (增值服务) in the platform's catalogue: global reference data, seeded by migrations.
/// <see cref="Code"/> is stable English camelCase (<c>fulfilment</c>, <c>liveStreamStudio</c>). A time-slotted type
/// (studio hours, showroom visits, repair bench days) is booked by slot and has slot labels; the others have none.
/// </summary>
public sealed record ServiceType(
    string Code, int Position, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn,
    bool IsTimeSlotted, string? SlotLabelZh, string? SlotLabelEn);
