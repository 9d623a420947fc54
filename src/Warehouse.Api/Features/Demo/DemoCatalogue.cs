using Warehouse.Domain.Capacity;
using Warehouse.Domain.Warehouses;

namespace Warehouse.Api.Features.Demo;

/// <summary>
/// The facts the demo data is generated from: plausible Suzhou operators and real logistics cities, chosen so every
/// market group has warehouses. Everything generated from them is marked 演示 / demo.
/// </summary>
internal static class DemoCatalogue
{
    public sealed record Operator(string NameZh, string NameEn, string District, string CodeBody);

    /// <summary>A city where overseas warehouses cluster, with the local currency operators quote in.</summary>
    public sealed record Site(string Country, string CityZh, string City, double Latitude, double Longitude, string Currency, PriceBasis Basis, decimal LocalPrice);

    // 17-character bodies of unified social credit codes (check character added at run time); 演示 codes, not real companies.
    public static readonly Operator[] Operators =
    [
        new("苏州环球仓储有限公司", "Suzhou Global Warehousing Co., Ltd.", "SIP", "91320594MA1WHK001"),
        new("昆山丝路海外仓供应链有限公司", "Kunshan Silk Road Overseas Warehouse Supply Chain Co., Ltd.", "KS", "91320583MA1KHL002"),
        new("太仓港欧亚物流有限公司", "Taicang Port Eurasia Logistics Co., Ltd.", "TC", "91320585MA1TCE003"),
        new("张家港中欧班列国际货运有限公司", "Zhangjiagang CR Express International Freight Co., Ltd.", "ZJG", "91320582MA1JGG004"),
        new("常熟服装跨境仓配有限公司", "Changshu Apparel Cross-border Fulfilment Co., Ltd.", "CS", "91320581MA1CHF005"),
        new("吴江丝绸出海供应链有限公司", "Wujiang Silk Going-Global Supply Chain Co., Ltd.", "WJ", "91320509MA1WJT006"),
        new("吴中智造海外仓有限公司", "Wuzhong Smart Manufacturing Overseas Warehouse Co., Ltd.", "WZ", "91320506MA1WUA007"),
        new("相城跨境电商物流有限公司", "Xiangcheng Cross-border E-commerce Logistics Co., Ltd.", "XC", "91320507MA1XCK008"),
        new("姑苏老字号出海服务有限公司", "Gusu Heritage Brands Going-Global Services Co., Ltd.", "GS", "91320508MA1GHL009"),
        new("苏州高新区中东仓储有限公司", "Suzhou New District Middle East Warehousing Co., Ltd.", "SND", "91320505MA1HND010"),
        new("园区东盟海外仓运营有限公司", "SIP ASEAN Overseas Warehouse Operations Co., Ltd.", "SIP", "91320594MA1HEA011"),
        new("昆山电子跨境仓配有限公司", "Kunshan Electronics Cross-border Fulfilment Co., Ltd.", "KS", "91320583MA1KHE012"),
        new("苏州北美前置仓有限公司", "Suzhou North America Forward Warehouse Co., Ltd.", "SIP", "91320594MA1NAM013"),
        new("太仓俄中物流有限公司", "Taicang Russia-China Logistics Co., Ltd.", "TC", "91320585MA1RUC014"),
        new("苏州拉美海外仓有限公司", "Suzhou Latin America Overseas Warehouse Co., Ltd.", "WZ", "91320506MA1LAT015"),
    ];

    public static readonly Site[] Sites =
    [
        // EU and the CR Express corridor
        new("DE", "杜伊斯堡", "Duisburg", 51.4344, 6.7623, "EUR", PriceBasis.PerSquareMetreMonth, 9.5m),
        new("DE", "汉堡", "Hamburg", 53.5511, 9.9937, "EUR", PriceBasis.PerPalletWeek, 4.2m),
        new("NL", "鹿特丹", "Rotterdam", 51.9244, 4.4777, "EUR", PriceBasis.PerPalletDay, 0.65m),
        new("FR", "巴黎", "Paris", 48.8566, 2.3522, "EUR", PriceBasis.PerSquareMetreMonth, 11m),
        new("ES", "马德里", "Madrid", 40.4168, -3.7038, "EUR", PriceBasis.PerSquareMetreMonth, 7.8m),
        new("IT", "米兰", "Milan", 45.4642, 9.19, "EUR", PriceBasis.PerPalletWeek, 4.5m),
        // Central & Eastern Europe
        new("PL", "华沙", "Warsaw", 52.2297, 21.0122, "PLN", PriceBasis.PerSquareMetreMonth, 28m),
        new("PL", "马拉舍维奇", "Małaszewicze", 52.0333, 23.5333, "PLN", PriceBasis.PerPalletDay, 2.4m),
        new("HU", "布达佩斯", "Budapest", 47.4979, 19.0402, "HUF", PriceBasis.PerSquareMetreMonth, 2900m),
        new("CZ", "布拉格", "Prague", 50.0755, 14.4378, "CZK", PriceBasis.PerSquareMetreMonth, 180m),
        // Russia and Central Asia
        new("RU", "莫斯科", "Moscow", 55.7558, 37.6173, "RUB", PriceBasis.PerSquareMetreMonth, 650m),
        new("KZ", "阿拉木图", "Almaty", 43.2389, 76.8897, "KZT", PriceBasis.PerSquareMetreMonth, 3500m),
        new("UZ", "塔什干", "Tashkent", 41.2995, 69.2401, "USD", PriceBasis.PerSquareMetreMonth, 6.5m),
        // Middle East and the Gulf
        new("AE", "迪拜", "Dubai", 25.2048, 55.2708, "AED", PriceBasis.PerCubicMetreDay, 1.1m),
        new("SA", "利雅得", "Riyadh", 24.7136, 46.6753, "SAR", PriceBasis.PerSquareMetreMonth, 38m),
        new("TR", "伊斯坦布尔", "Istanbul", 41.0082, 28.9784, "USD", PriceBasis.PerPalletWeek, 5m),
        // Southeast Asia and RCEP
        new("TH", "曼谷", "Bangkok", 13.7563, 100.5018, "THB", PriceBasis.PerSquareMetreMonth, 190m),
        new("MY", "吉隆坡", "Kuala Lumpur", 3.139, 101.6869, "MYR", PriceBasis.PerSquareMetreMonth, 24m),
        new("VN", "胡志明市", "Ho Chi Minh City", 10.8231, 106.6297, "USD", PriceBasis.PerSquareMetreMonth, 5.2m),
        new("ID", "雅加达", "Jakarta", -6.2088, 106.8456, "USD", PriceBasis.PerPalletDay, 0.5m),
        new("PH", "马尼拉", "Manila", 14.5995, 120.9842, "PHP", PriceBasis.PerSquareMetreMonth, 320m),
        new("SG", "新加坡", "Singapore", 1.3521, 103.8198, "SGD", PriceBasis.PerPalletWeek, 7.5m),
        new("JP", "东京", "Tokyo", 35.6762, 139.6503, "JPY", PriceBasis.PerSquareMetreMonth, 1900m),
        new("KR", "仁川", "Incheon", 37.4563, 126.7052, "KRW", PriceBasis.PerSquareMetreMonth, 16000m),
        new("AU", "悉尼", "Sydney", -33.8688, 151.2093, "AUD", PriceBasis.PerPalletWeek, 6m),
        // North and Latin America
        new("US", "洛杉矶", "Los Angeles", 34.0522, -118.2437, "USD", PriceBasis.PerPalletDay, 0.75m),
        new("US", "新泽西", "Edison, New Jersey", 40.5187, -74.4121, "USD", PriceBasis.PerSquareMetreMonth, 14m),
        new("CA", "多伦多", "Toronto", 43.6532, -79.3832, "CAD", PriceBasis.PerSquareMetreMonth, 16m),
        new("MX", "墨西哥城", "Mexico City", 19.4326, -99.1332, "MXN", PriceBasis.PerSquareMetreMonth, 150m),
        new("BR", "圣保罗", "São Paulo", -23.5505, -46.6333, "BRL", PriceBasis.PerSquareMetreMonth, 32m),
        new("CL", "圣地亚哥", "Santiago", -33.4489, -70.6693, "USD", PriceBasis.PerPalletWeek, 4.8m),
    ];

    public static CapacityUnit UnitFor(PriceBasis basis) => basis switch
    {
        PriceBasis.PerPalletDay or PriceBasis.PerPalletWeek => CapacityUnit.PalletPosition,
        PriceBasis.PerCubicMetreDay => CapacityUnit.CubicMetre,
        _ => CapacityUnit.SquareMetre,
    };

    public static readonly StorageCondition[][] StorageMixes =
    [
        [StorageCondition.Ambient],
        [StorageCondition.Ambient, StorageCondition.HumidityControlled],
        [StorageCondition.Ambient, StorageCondition.Chilled],
        [StorageCondition.Ambient, StorageCondition.Chilled, StorageCondition.Frozen],
    ];

    public static readonly HandlingCapability[][] HandlingMixes =
    [
        [],
        [HandlingCapability.OversizeHeavy],
        [HandlingCapability.HazmatClass9LithiumBatteries],
        [HandlingCapability.GarmentsOnHanger],
        [HandlingCapability.Bonded, HandlingCapability.OversizeHeavy],
    ];
}
