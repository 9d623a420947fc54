using Warehouse.Domain.Services;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Search;

/// <summary>
/// What each handling need of an industry belt (<c>industry_belts.handling_needs</c>, from industry-belts.csv) asks of
/// a warehouse, as search filters: a handling capability, a storage condition or published services. Needs that no
/// warehouse attribute captures yet are listed with the reason, so the response can say so instead of dropping them.
/// A test keeps this table in step with the reference data: a new need without an entry fails it.
/// </summary>
public static class IndustryNeeds
{
    /// <summary>One filter a need turns into; exactly one of the three is set.</summary>
    public sealed record Requirement(string? Service = null, StorageCondition? Storage = null, HandlingCapability? Handling = null);

    /// <summary>How a need maps: requirements (possibly none) and, when none, why it is not a search filter.</summary>
    public sealed record Mapping(IReadOnlyList<Requirement> Requirements, string? NotSearchable = null);

    private static Mapping Service(params string[] codes) => new(codes.Select(c => new Requirement(Service: c)).ToList());
    private static Mapping Handling(HandlingCapability capability) => new([new Requirement(Handling: capability)]);
    private static Mapping Storage(StorageCondition condition) => new([new Requirement(Storage: condition)]);
    private static Mapping Unsearchable(string why) => new([], why);

    /// <summary>Keyed by the need's text as the reference data spells it (compared ignoring case).</summary>
    public static readonly IReadOnlyDictionary<string, Mapping> ByNeed = new Dictionary<string, Mapping>(StringComparer.OrdinalIgnoreCase)
    {
        ["garments on hanger"] = Handling(HandlingCapability.GarmentsOnHanger),
        ["oversize / heavy"] = Handling(HandlingCapability.OversizeHeavy),
        ["heavy / oversize"] = Handling(HandlingCapability.OversizeHeavy),
        ["oversize"] = Handling(HandlingCapability.OversizeHeavy),
        ["heavy pallets"] = Handling(HandlingCapability.OversizeHeavy),
        ["humidity-controlled"] = Storage(StorageCondition.HumidityControlled),
        ["hazmat class 9 (lithium batteries)"] = Handling(HandlingCapability.HazmatClass9LithiumBatteries),
        ["lithium batteries"] = Handling(HandlingCapability.HazmatClass9LithiumBatteries),
        ["live-stream studio"] = Service(ServiceCatalogue.LiveStreamStudio),
        ["showroom (前展后仓)"] = Service(ServiceCatalogue.Showroom),
        ["b2b sample showroom"] = Service(ServiceCatalogue.Showroom),
        ["showroom"] = Service(ServiceCatalogue.Showroom),
        ["returns & relabel"] = Service(ServiceCatalogue.ReturnsRelabel),
        ["returns"] = Service(ServiceCatalogue.ReturnsRelabel),
        ["after-sales repair (售后维修)"] = Service(ServiceCatalogue.AfterSalesRepair),
        ["repair"] = Service(ServiceCatalogue.AfterSalesRepair),
        ["assembly & repair"] = Service(ServiceCatalogue.KittingAssembly, ServiceCatalogue.AfterSalesRepair),
        // Consumer parcels sent one at a time from the warehouse: what one-piece drop-shipping (一件代发) sells.
        ["small parcels (9610)"] = Service(ServiceCatalogue.DropShipping),
        ["small-parts picking"] = Service(ServiceCatalogue.Fulfilment),
        ["food-contact & hygiene compliance"] = Unsearchable("Warehouses do not declare food-contact or hygiene certification yet."),
        ["installer network"] = Unsearchable("Installer networks are not part of a warehouse listing yet."),
        ["spare parts"] = Unsearchable("Any warehouse stores spare parts; no listing attribute distinguishes it."),
        ["CR Express rail first leg"] = Unsearchable("A route, not a warehouse attribute: search nearHub with a rail node instead."),
    };

    /// <summary>The mapping of <paramref name="need"/>, or an unsearchable one for a need this table does not know.</summary>
    public static Mapping For(string need)
        => ByNeed.TryGetValue(need.Trim(), out var mapping) ? mapping : Unsearchable("The platform has no mapping for this need yet.");
}
