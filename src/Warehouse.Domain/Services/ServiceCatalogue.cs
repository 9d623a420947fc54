namespace Warehouse.Domain.Services;

/// <summary>
/// The service types the platform starts with, in display order. The first eight are the ones the 2024–2026 action
/// plan names (see shared DOMAIN.md); the rest are what traders look for in overseas-warehouse listings, including the
/// service coverage peer provinces assess for public-warehouse certification (drop-ship, transfer, repair/QC,
/// returns/relabel). Compiled by the project; codes are stable, names and descriptions may be revised by migration.
/// </summary>
public static class ServiceCatalogue
{
    public const string Fulfilment = "fulfilment";
    public const string LiveStreamStudio = "liveStreamStudio";
    public const string Showroom = "showroom";
    public const string AfterSalesRepair = "afterSalesRepair";
    public const string ReturnsRelabel = "returnsRelabel";
    public const string ConsolidationTransfer = "consolidationTransfer";
    public const string CustomsClearance = "customsClearance";
    public const string MarketingDisplay = "marketingDisplay";
    public const string DropShipping = "dropShipping";
    public const string QualityInspection = "qualityInspection";
    public const string KittingAssembly = "kittingAssembly";
    public const string ProductPhotography = "productPhotography";
    public const string LastMileDelivery = "lastMileDelivery";
    public const string PalletDistribution = "palletDistribution";
    public const string FbaPrep = "fbaPrep";

    public static readonly IReadOnlyList<ServiceType> All =
    [
        new(Fulfilment, 10, "仓配一体", "Fulfilment (warehousing + distribution)",
            "入库、存储、拣货、包装、出库发运一体化服务。", "Inbound, storage, picking, packing and dispatch as one service.", false, null, null),
        new(LiveStreamStudio, 20, "仓内直播", "Live-stream studio",
            "仓内直播间，配备灯光、网络与样品，按时段预订。", "An in-warehouse studio with lighting, network and samples at hand, booked by the hour.",
            true, "直播时段", "studio hours"),
        new(Showroom, 30, "前展后仓", "Showroom (display in front, stock behind)",
            "前店展厅供买家看样、洽谈，后仓现货即时发货，按参观时段预约。", "A showroom where buyers see samples and negotiate, with stock shipped from the warehouse behind; visits booked by slot.",
            true, "展厅参观", "showroom visits"),
        new(AfterSalesRepair, 40, "售后维修", "After-sales repair",
            "本地检测、维修、翻新，按维修工位日预订。", "Local testing, repair and refurbishment, booked by repair-bench day.",
            true, "维修工位日", "repair bench days"),
        new(ReturnsRelabel, 50, "退换货/换标", "Returns & relabel",
            "退货接收、质检、换标重新上架或处置。", "Receiving returns, checking them, relabelling and restocking or disposing.", false, null, null),
        new(ConsolidationTransfer, 60, "中转/集拼", "Consolidation & transfer",
            "多票货物拼箱集运或中转分拨至其他仓库、平台仓。", "Consolidating shipments and transferring stock on to other warehouses or marketplace warehouses.", false, null, null),
        new(CustomsClearance, 70, "清关", "Customs clearance",
            "进口报关、缴税及单证处理。", "Import declarations, duties and taxes, and paperwork.", false, null, null),
        new(MarketingDisplay, 80, "营销展示", "Marketing display",
            "在仓内或门店陈列商品、开展推广活动。", "Displaying products and running promotions in the warehouse or its shop front.", false, null, null),
        new(DropShipping, 90, "一件代发", "One-piece drop-shipping",
            "按单拣货、单件发货给终端消费者。", "Picking and shipping single orders straight to consumers.", false, null, null),
        new(QualityInspection, 100, "质检", "Quality inspection",
            "到货抽检或全检、拍照记录并出具报告。", "Sample or full inspection on arrival, with photos and a report.", false, null, null),
        new(KittingAssembly, 110, "组装/套装", "Kitting & assembly",
            "组合套装、简单组装、加装说明书或配件。", "Making bundles, light assembly, adding manuals or accessories.", false, null, null),
        new(ProductPhotography, 120, "产品拍摄", "Product photography",
            "商品图、场景图及短视频拍摄。", "Product shots, lifestyle photos and short videos.", false, null, null),
        new(LastMileDelivery, 130, "尾程派送", "Last-mile delivery",
            "对接本地快递或自有车队完成末端派送。", "Final delivery through local carriers or the warehouse's own fleet.", false, null, null),
        new(PalletDistribution, 140, "B2B 托盘配送", "B2B pallet distribution",
            "整托、整车配送至零售商、批发商或平台仓。", "Pallet and full-truck deliveries to retailers, wholesalers or marketplace warehouses.", false, null, null),
        new(FbaPrep, 150, "平台入仓备货", "Marketplace inbound prep (FBA and similar)",
            "按亚马逊等平台要求贴标、包装、预约送仓。", "Labelling, packing and booking deliveries to Amazon FBA and similar marketplace warehouses.", false, null, null),
    ];
}
