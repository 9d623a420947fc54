using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReferenceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "countries",
                columns: table => new
                {
                    alpha2 = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    alpha3 = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    numeric_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name_en = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    region_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    region_name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    region_name_zh = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    subregion_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    subregion_name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    subregion_name_zh = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    intermediate_region_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    intermediate_region_name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    intermediate_region_name_zh = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_countries", x => x.alpha2);
                });

            migrationBuilder.CreateTable(
                name: "currencies",
                columns: table => new
                {
                    code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    minor_units = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_currencies", x => x.code);
                    table.CheckConstraint("ck_currencies_minor_units", "minor_units BETWEEN 0 AND 4");
                });

            migrationBuilder.CreateTable(
                name: "industry_belts",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    district_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    name_en = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    export_target_2026_cny_100m = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    handling_needs = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_industry_belts", x => x.code);
                    table.ForeignKey(
                        name: "fk_industry_belts_districts_district_code",
                        column: x => x.district_code,
                        principalTable: "districts",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "market_groups",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_groups", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "hubs",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    name_en = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name_zh = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    country_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    location = table.Column<Point>(type: "geography (point, 4326)", nullable: false),
                    role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    precision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hubs", x => x.code);
                    table.ForeignKey(
                        name: "fk_hubs_countries_country_code",
                        column: x => x.country_code,
                        principalTable: "countries",
                        principalColumn: "alpha2",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exchange_rates",
                columns: table => new
                {
                    currency_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    cny_per_unit = table.Column<decimal>(type: "numeric(18,8)", precision: 18, scale: 8, nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rates", x => new { x.currency_code, x.as_of });
                    table.CheckConstraint("ck_exchange_rates_not_base", "currency_code <> 'CNY'");
                    table.CheckConstraint("ck_exchange_rates_positive", "cny_per_unit > 0");
                    table.ForeignKey(
                        name: "fk_exchange_rates_currencies_currency_code",
                        column: x => x.currency_code,
                        principalTable: "currencies",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "market_group_members",
                columns: table => new
                {
                    group_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    country_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_group_members", x => new { x.group_code, x.country_code });
                    table.ForeignKey(
                        name: "fk_market_group_members_countries_country_code",
                        column: x => x.country_code,
                        principalTable: "countries",
                        principalColumn: "alpha2",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_market_group_members_market_groups_group_code",
                        column: x => x.group_code,
                        principalTable: "market_groups",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "countries",
                columns: new[] { "alpha2", "alpha3", "intermediate_region_code", "intermediate_region_name_en", "intermediate_region_name_zh", "name_en", "name_zh", "numeric_code", "region_code", "region_name_en", "region_name_zh", "subregion_code", "subregion_name_en", "subregion_name_zh" },
                values: new object[,]
                {
                    { "AD", "AND", null, null, null, "Andorra", "安道尔", "020", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "AE", "ARE", null, null, null, "United Arab Emirates", "阿联酋", "784", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "AF", "AFG", null, null, null, "Afghanistan", "阿富汗", "004", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "AG", "ATG", "029", "Caribbean", "加勒比", "Antigua and Barbuda", "安提瓜和巴布达", "028", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "AI", "AIA", "029", "Caribbean", "加勒比", "Anguilla", "安圭拉", "660", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "AL", "ALB", null, null, null, "Albania", "阿尔巴尼亚", "008", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "AM", "ARM", null, null, null, "Armenia", "亚美尼亚", "051", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "AO", "AGO", "017", "Middle Africa", "中非", "Angola", "安哥拉", "024", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "AQ", "ATA", null, null, null, "Antarctica", "南极洲", "010", null, null, null, null, null, null },
                    { "AR", "ARG", "005", "South America", "南美洲", "Argentina", "阿根廷", "032", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "AS", "ASM", null, null, null, "American Samoa", "美属萨摩亚", "016", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "AT", "AUT", null, null, null, "Austria", "奥地利", "040", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "AU", "AUS", null, null, null, "Australia", "澳大利亚", "036", "009", "Oceania", "大洋洲", "053", "Australia and New Zealand", "澳大利亚和新西兰" },
                    { "AW", "ABW", "029", "Caribbean", "加勒比", "Aruba", "阿鲁巴", "533", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "AX", "ALA", null, null, null, "Åland Islands", "奥兰", "248", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "AZ", "AZE", null, null, null, "Azerbaijan", "阿塞拜疆", "031", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "BA", "BIH", null, null, null, "Bosnia and Herzegovina", "波黑", "070", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "BB", "BRB", "029", "Caribbean", "加勒比", "Barbados", "巴巴多斯", "052", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "BD", "BGD", null, null, null, "Bangladesh", "孟加拉国", "050", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "BE", "BEL", null, null, null, "Belgium", "比利时", "056", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "BF", "BFA", "011", "Western Africa", "西非", "Burkina Faso", "布基纳法索", "854", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "BG", "BGR", null, null, null, "Bulgaria", "保加利亚", "100", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "BH", "BHR", null, null, null, "Bahrain", "巴林", "048", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "BI", "BDI", "014", "Eastern Africa", "东非", "Burundi", "布隆迪", "108", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "BJ", "BEN", "011", "Western Africa", "西非", "Benin", "贝宁", "204", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "BL", "BLM", "029", "Caribbean", "加勒比", "Saint Barthélemy", "圣巴泰勒米", "652", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "BM", "BMU", null, null, null, "Bermuda", "百慕大", "060", "019", "Americas", "美洲", "021", "Northern America", "北美洲" },
                    { "BN", "BRN", null, null, null, "Brunei Darussalam", "文莱", "096", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "BO", "BOL", "005", "South America", "南美洲", "Bolivia", "玻利维亚", "068", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "BQ", "BES", "029", "Caribbean", "加勒比", "Bonaire, Sint Eustatius and Saba", "荷兰加勒比区", "535", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "BR", "BRA", "005", "South America", "南美洲", "Brazil", "巴西", "076", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "BS", "BHS", "029", "Caribbean", "加勒比", "Bahamas", "巴哈马", "044", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "BT", "BTN", null, null, null, "Bhutan", "不丹", "064", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "BV", "BVT", "005", "South America", "南美洲", "Bouvet Island", "布韦岛", "074", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "BW", "BWA", "018", "Southern Africa", "南部非洲", "Botswana", "博茨瓦纳", "072", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "BY", "BLR", null, null, null, "Belarus", "白俄罗斯", "112", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "BZ", "BLZ", "013", "Central America", "中美洲", "Belize", "伯利兹", "084", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "CA", "CAN", null, null, null, "Canada", "加拿大", "124", "019", "Americas", "美洲", "021", "Northern America", "北美洲" },
                    { "CC", "CCK", null, null, null, "Cocos (Keeling) Islands", "科科斯（基林）群岛", "166", "009", "Oceania", "大洋洲", "053", "Australia and New Zealand", "澳大利亚和新西兰" },
                    { "CD", "COD", "017", "Middle Africa", "中非", "Democratic Republic of the Congo", "刚果（金）", "180", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "CF", "CAF", "017", "Middle Africa", "中非", "Central African Republic", "中非", "140", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "CG", "COG", "017", "Middle Africa", "中非", "Republic of the Congo", "刚果（布）", "178", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "CH", "CHE", null, null, null, "Switzerland", "瑞士", "756", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "CI", "CIV", "011", "Western Africa", "西非", "Côte d'Ivoire", "科特迪瓦", "384", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "CK", "COK", null, null, null, "Cook Islands", "库克群岛", "184", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "CL", "CHL", "005", "South America", "南美洲", "Chile", "智利", "152", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "CM", "CMR", "017", "Middle Africa", "中非", "Cameroon", "喀麦隆", "120", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "CN", "CHN", null, null, null, "China", "中国", "156", "142", "Asia", "亚洲", "030", "Eastern Asia", "东亚" },
                    { "CO", "COL", "005", "South America", "南美洲", "Colombia", "哥伦比亚", "170", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "CR", "CRI", "013", "Central America", "中美洲", "Costa Rica", "哥斯达黎加", "188", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "CU", "CUB", "029", "Caribbean", "加勒比", "Cuba", "古巴", "192", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "CV", "CPV", "011", "Western Africa", "西非", "Cape Verde", "佛得角", "132", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "CW", "CUW", "029", "Caribbean", "加勒比", "Curaçao", "库拉索", "531", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "CX", "CXR", null, null, null, "Christmas Island", "圣诞岛", "162", "009", "Oceania", "大洋洲", "053", "Australia and New Zealand", "澳大利亚和新西兰" },
                    { "CY", "CYP", null, null, null, "Cyprus", "塞浦路斯", "196", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "CZ", "CZE", null, null, null, "Czechia", "捷克", "203", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "DE", "DEU", null, null, null, "Germany", "德国", "276", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "DJ", "DJI", "014", "Eastern Africa", "东非", "Djibouti", "吉布提", "262", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "DK", "DNK", null, null, null, "Denmark", "丹麦", "208", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "DM", "DMA", "029", "Caribbean", "加勒比", "Dominica", "多米尼克", "212", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "DO", "DOM", "029", "Caribbean", "加勒比", "Dominican Republic", "多米尼加", "214", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "DZ", "DZA", null, null, null, "Algeria", "阿尔及利亚", "012", "002", "Africa", "非洲", "015", "Northern Africa", "北非" },
                    { "EC", "ECU", "005", "South America", "南美洲", "Ecuador", "厄瓜多尔", "218", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "EE", "EST", null, null, null, "Estonia", "爱沙尼亚", "233", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "EG", "EGY", null, null, null, "Egypt", "埃及", "818", "002", "Africa", "非洲", "015", "Northern Africa", "北非" },
                    { "EH", "ESH", null, null, null, "Western Sahara", "阿拉伯撒哈拉民主共和国", "732", "002", "Africa", "非洲", "015", "Northern Africa", "北非" },
                    { "ER", "ERI", "014", "Eastern Africa", "东非", "Eritrea", "厄立特里亚", "232", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "ES", "ESP", null, null, null, "Spain", "西班牙", "724", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "ET", "ETH", "014", "Eastern Africa", "东非", "Ethiopia", "埃塞俄比亚", "231", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "FI", "FIN", null, null, null, "Finland", "芬兰", "246", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "FJ", "FJI", null, null, null, "Fiji", "斐济", "242", "009", "Oceania", "大洋洲", "054", "Melanesia", "美拉尼西亚" },
                    { "FK", "FLK", "005", "South America", "南美洲", "Falkland Islands (Malvinas)", "福克兰群岛", "238", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "FM", "FSM", null, null, null, "Micronesia, Federated States of", "密克罗尼西亚联邦", "583", "009", "Oceania", "大洋洲", "057", "Micronesia", "密克罗尼西亚" },
                    { "FO", "FRO", null, null, null, "Faroe Islands", "法罗群岛", "234", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "FR", "FRA", null, null, null, "France", "法国", "250", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "GA", "GAB", "017", "Middle Africa", "中非", "Gabon", "加蓬", "266", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "GB", "GBR", null, null, null, "United Kingdom", "英国", "826", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "GD", "GRD", "029", "Caribbean", "加勒比", "Grenada", "格林纳达", "308", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "GE", "GEO", null, null, null, "Georgia", "格鲁吉亚", "268", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "GF", "GUF", "005", "South America", "南美洲", "French Guiana", "法属圭亚那", "254", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "GG", "GGY", null, null, null, "Guernsey", "根西", "831", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "GH", "GHA", "011", "Western Africa", "西非", "Ghana", "加纳", "288", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "GI", "GIB", null, null, null, "Gibraltar", "直布罗陀", "292", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "GL", "GRL", null, null, null, "Greenland", "格陵兰", "304", "019", "Americas", "美洲", "021", "Northern America", "北美洲" },
                    { "GM", "GMB", "011", "Western Africa", "西非", "The Gambia", "冈比亚", "270", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "GN", "GIN", "011", "Western Africa", "西非", "Guinea", "几内亚", "324", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "GP", "GLP", "029", "Caribbean", "加勒比", "Guadeloupe", "瓜德罗普", "312", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "GQ", "GNQ", "017", "Middle Africa", "中非", "Equatorial Guinea", "赤道几内亚", "226", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "GR", "GRC", null, null, null, "Greece", "希腊", "300", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "GS", "SGS", "005", "South America", "南美洲", "South Georgia and the South Sandwich Islands", "南乔治亚和南桑威奇群岛", "239", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "GT", "GTM", "013", "Central America", "中美洲", "Guatemala", "危地马拉", "320", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "GU", "GUM", null, null, null, "Guam", "关岛", "316", "009", "Oceania", "大洋洲", "057", "Micronesia", "密克罗尼西亚" },
                    { "GW", "GNB", "011", "Western Africa", "西非", "Guinea-Bissau", "几内亚比绍", "624", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "GY", "GUY", "005", "South America", "南美洲", "Guyana", "圭亚那", "328", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "HK", "HKG", null, null, null, "Hong Kong, China", "中国香港", "344", "142", "Asia", "亚洲", "030", "Eastern Asia", "东亚" },
                    { "HM", "HMD", null, null, null, "Heard Island and McDonald Islands", "赫德岛和麦克唐纳群岛", "334", "009", "Oceania", "大洋洲", "053", "Australia and New Zealand", "澳大利亚和新西兰" },
                    { "HN", "HND", "013", "Central America", "中美洲", "Honduras", "洪都拉斯", "340", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "HR", "HRV", null, null, null, "Croatia", "克罗地亚", "191", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "HT", "HTI", "029", "Caribbean", "加勒比", "Haiti", "海地", "332", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "HU", "HUN", null, null, null, "Hungary", "匈牙利", "348", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "ID", "IDN", null, null, null, "Indonesia", "印尼", "360", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "IE", "IRL", null, null, null, "Ireland", "爱尔兰", "372", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "IL", "ISR", null, null, null, "Israel", "以色列", "376", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "IM", "IMN", null, null, null, "Isle of Man", "马恩岛", "833", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "IN", "IND", null, null, null, "India", "印度", "356", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "IO", "IOT", "014", "Eastern Africa", "东非", "British Indian Ocean Territory", "英属印度洋领地", "086", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "IQ", "IRQ", null, null, null, "Iraq", "伊拉克", "368", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "IR", "IRN", null, null, null, "Iran", "伊朗", "364", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "IS", "ISL", null, null, null, "Iceland", "冰岛", "352", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "IT", "ITA", null, null, null, "Italy", "意大利", "380", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "JE", "JEY", null, null, null, "Jersey", "泽西", "832", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "JM", "JAM", "029", "Caribbean", "加勒比", "Jamaica", "牙买加", "388", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "JO", "JOR", null, null, null, "Jordan", "约旦", "400", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "JP", "JPN", null, null, null, "Japan", "日本", "392", "142", "Asia", "亚洲", "030", "Eastern Asia", "东亚" },
                    { "KE", "KEN", "014", "Eastern Africa", "东非", "Kenya", "肯尼亚", "404", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "KG", "KGZ", null, null, null, "Kyrgyzstan", "吉尔吉斯斯坦", "417", "142", "Asia", "亚洲", "143", "Central Asia", "中亚" },
                    { "KH", "KHM", null, null, null, "Cambodia", "柬埔寨", "116", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "KI", "KIR", null, null, null, "Kiribati", "基里巴斯", "296", "009", "Oceania", "大洋洲", "057", "Micronesia", "密克罗尼西亚" },
                    { "KM", "COM", "014", "Eastern Africa", "东非", "Comoros", "科摩罗", "174", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "KN", "KNA", "029", "Caribbean", "加勒比", "Saint Kitts and Nevis", "圣基茨和尼维斯", "659", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "KP", "PRK", null, null, null, "North Korea", "朝鲜", "408", "142", "Asia", "亚洲", "030", "Eastern Asia", "东亚" },
                    { "KR", "KOR", null, null, null, "South Korea", "韩国", "410", "142", "Asia", "亚洲", "030", "Eastern Asia", "东亚" },
                    { "KW", "KWT", null, null, null, "Kuwait", "科威特", "414", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "KY", "CYM", "029", "Caribbean", "加勒比", "Cayman Islands", "开曼群岛", "136", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "KZ", "KAZ", null, null, null, "Kazakhstan", "哈萨克斯坦", "398", "142", "Asia", "亚洲", "143", "Central Asia", "中亚" },
                    { "LA", "LAO", null, null, null, "Lao People's Democratic Republic", "老挝", "418", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "LB", "LBN", null, null, null, "Lebanon", "黎巴嫩", "422", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "LC", "LCA", "029", "Caribbean", "加勒比", "Saint Lucia", "圣卢西亚", "662", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "LI", "LIE", null, null, null, "Liechtenstein", "列支敦士登", "438", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "LK", "LKA", null, null, null, "Sri Lanka", "斯里兰卡", "144", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "LR", "LBR", "011", "Western Africa", "西非", "Liberia", "利比里亚", "430", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "LS", "LSO", "018", "Southern Africa", "南部非洲", "Lesotho", "莱索托", "426", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "LT", "LTU", null, null, null, "Lithuania", "立陶宛", "440", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "LU", "LUX", null, null, null, "Luxembourg", "卢森堡", "442", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "LV", "LVA", null, null, null, "Latvia", "拉脱维亚", "428", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "LY", "LBY", null, null, null, "Libya", "利比亚", "434", "002", "Africa", "非洲", "015", "Northern Africa", "北非" },
                    { "MA", "MAR", null, null, null, "Morocco", "摩洛哥", "504", "002", "Africa", "非洲", "015", "Northern Africa", "北非" },
                    { "MC", "MCO", null, null, null, "Monaco", "摩纳哥", "492", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "MD", "MDA", null, null, null, "Moldova, Republic of", "摩尔多瓦", "498", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "ME", "MNE", null, null, null, "Montenegro", "黑山", "499", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "MF", "MAF", "029", "Caribbean", "加勒比", "Saint Martin (French part)", "法属圣马丁", "663", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "MG", "MDG", "014", "Eastern Africa", "东非", "Madagascar", "马达加斯加", "450", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "MH", "MHL", null, null, null, "Marshall Islands", "马绍尔群岛", "584", "009", "Oceania", "大洋洲", "057", "Micronesia", "密克罗尼西亚" },
                    { "MK", "MKD", null, null, null, "North Macedonia", "北马其顿", "807", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "ML", "MLI", "011", "Western Africa", "西非", "Mali", "马里", "466", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "MM", "MMR", null, null, null, "Myanmar", "缅甸", "104", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "MN", "MNG", null, null, null, "Mongolia", "蒙古", "496", "142", "Asia", "亚洲", "030", "Eastern Asia", "东亚" },
                    { "MO", "MAC", null, null, null, "Macao, China", "中国澳门", "446", "142", "Asia", "亚洲", "030", "Eastern Asia", "东亚" },
                    { "MP", "MNP", null, null, null, "Northern Mariana Islands", "北马里亚纳群岛", "580", "009", "Oceania", "大洋洲", "057", "Micronesia", "密克罗尼西亚" },
                    { "MQ", "MTQ", "029", "Caribbean", "加勒比", "Martinique", "马提尼克", "474", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "MR", "MRT", "011", "Western Africa", "西非", "Mauritania", "毛里塔尼亚", "478", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "MS", "MSR", "029", "Caribbean", "加勒比", "Montserrat", "蒙特塞拉特", "500", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "MT", "MLT", null, null, null, "Malta", "马耳他", "470", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "MU", "MUS", "014", "Eastern Africa", "东非", "Mauritius", "毛里求斯", "480", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "MV", "MDV", null, null, null, "Maldives", "马尔代夫", "462", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "MW", "MWI", "014", "Eastern Africa", "东非", "Malawi", "马拉维", "454", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "MX", "MEX", "013", "Central America", "中美洲", "Mexico", "墨西哥", "484", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "MY", "MYS", null, null, null, "Malaysia", "马来西亚", "458", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "MZ", "MOZ", "014", "Eastern Africa", "东非", "Mozambique", "莫桑比克", "508", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "NA", "NAM", "018", "Southern Africa", "南部非洲", "Namibia", "纳米比亚", "516", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "NC", "NCL", null, null, null, "New Caledonia", "新喀里多尼亚", "540", "009", "Oceania", "大洋洲", "054", "Melanesia", "美拉尼西亚" },
                    { "NE", "NER", "011", "Western Africa", "西非", "Niger", "尼日尔", "562", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "NF", "NFK", null, null, null, "Norfolk Island", "诺福克岛", "574", "009", "Oceania", "大洋洲", "053", "Australia and New Zealand", "澳大利亚和新西兰" },
                    { "NG", "NGA", "011", "Western Africa", "西非", "Nigeria", "尼日利亚", "566", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "NI", "NIC", "013", "Central America", "中美洲", "Nicaragua", "尼加拉瓜", "558", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "NL", "NLD", null, null, null, "Netherlands", "荷兰", "528", "150", "Europe", "欧洲", "155", "Western Europe", "西欧" },
                    { "NO", "NOR", null, null, null, "Norway", "挪威", "578", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "NP", "NPL", null, null, null, "Nepal", "尼泊尔", "524", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "NR", "NRU", null, null, null, "Nauru", "瑙鲁", "520", "009", "Oceania", "大洋洲", "057", "Micronesia", "密克罗尼西亚" },
                    { "NU", "NIU", null, null, null, "Niue", "纽埃", "570", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "NZ", "NZL", null, null, null, "New Zealand", "新西兰", "554", "009", "Oceania", "大洋洲", "053", "Australia and New Zealand", "澳大利亚和新西兰" },
                    { "OM", "OMN", null, null, null, "Oman", "阿曼", "512", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "PA", "PAN", "013", "Central America", "中美洲", "Panama", "巴拿马", "591", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "PE", "PER", "005", "South America", "南美洲", "Peru", "秘鲁", "604", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "PF", "PYF", null, null, null, "French Polynesia", "法属波利尼西亚", "258", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "PG", "PNG", null, null, null, "Papua New Guinea", "巴布亚新几内亚", "598", "009", "Oceania", "大洋洲", "054", "Melanesia", "美拉尼西亚" },
                    { "PH", "PHL", null, null, null, "Philippines", "菲律宾", "608", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "PK", "PAK", null, null, null, "Pakistan", "巴基斯坦", "586", "142", "Asia", "亚洲", "034", "Southern Asia", "南亚" },
                    { "PL", "POL", null, null, null, "Poland", "波兰", "616", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "PM", "SPM", null, null, null, "Saint Pierre and Miquelon", "圣皮埃尔和密克隆", "666", "019", "Americas", "美洲", "021", "Northern America", "北美洲" },
                    { "PN", "PCN", null, null, null, "Pitcairn", "皮特凯恩群岛", "612", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "PR", "PRI", "029", "Caribbean", "加勒比", "Puerto Rico", "波多黎各", "630", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "PS", "PSE", null, null, null, "Palestine", "巴勒斯坦", "275", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "PT", "PRT", null, null, null, "Portugal", "葡萄牙", "620", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "PW", "PLW", null, null, null, "Palau", "帕劳", "585", "009", "Oceania", "大洋洲", "057", "Micronesia", "密克罗尼西亚" },
                    { "PY", "PRY", "005", "South America", "南美洲", "Paraguay", "巴拉圭", "600", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "QA", "QAT", null, null, null, "Qatar", "卡塔尔", "634", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "RE", "REU", "014", "Eastern Africa", "东非", "Reunion", "留尼汪", "638", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "RO", "ROU", null, null, null, "Romania", "罗马尼亚", "642", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "RS", "SRB", null, null, null, "Serbia", "塞尔维亚", "688", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "RU", "RUS", null, null, null, "Russia", "俄罗斯", "643", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "RW", "RWA", "014", "Eastern Africa", "东非", "Rwanda", "卢旺达", "646", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "SA", "SAU", null, null, null, "Saudi Arabia", "沙特阿拉伯", "682", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "SB", "SLB", null, null, null, "Solomon Islands", "所罗门群岛", "090", "009", "Oceania", "大洋洲", "054", "Melanesia", "美拉尼西亚" },
                    { "SC", "SYC", "014", "Eastern Africa", "东非", "Seychelles", "塞舌尔", "690", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "SD", "SDN", null, null, null, "Sudan", "苏丹", "729", "002", "Africa", "非洲", "015", "Northern Africa", "北非" },
                    { "SE", "SWE", null, null, null, "Sweden", "瑞典", "752", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "SG", "SGP", null, null, null, "Singapore", "新加坡", "702", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "SH", "SHN", "011", "Western Africa", "西非", "Saint Helena", "圣赫勒拿、阿森松和特里斯坦-达库尼亚", "654", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "SI", "SVN", null, null, null, "Slovenia", "斯洛文尼亚", "705", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "SJ", "SJM", null, null, null, "Svalbard and Jan Mayen", "斯瓦尔巴和扬马延", "744", "150", "Europe", "欧洲", "154", "Northern Europe", "北欧" },
                    { "SK", "SVK", null, null, null, "Slovakia", "斯洛伐克", "703", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "SL", "SLE", "011", "Western Africa", "西非", "Sierra Leone", "塞拉利昂", "694", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "SM", "SMR", null, null, null, "San Marino", "圣马力诺", "674", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "SN", "SEN", "011", "Western Africa", "西非", "Senegal", "塞内加尔", "686", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "SO", "SOM", "014", "Eastern Africa", "东非", "Somalia", "索马里", "706", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "SR", "SUR", "005", "South America", "南美洲", "Suriname", "苏里南", "740", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "SS", "SSD", "014", "Eastern Africa", "东非", "South Sudan", "南苏丹", "728", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "ST", "STP", "017", "Middle Africa", "中非", "Sao Tome and Principe", "圣多美和普林西比", "678", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "SV", "SLV", "013", "Central America", "中美洲", "El Salvador", "萨尔瓦多", "222", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "SX", "SXM", "029", "Caribbean", "加勒比", "Sint Maarten (Dutch part)", "荷属圣马丁", "534", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "SY", "SYR", null, null, null, "Syrian Arab Republic", "叙利亚", "760", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "SZ", "SWZ", "018", "Southern Africa", "南部非洲", "Eswatini", "斯威士兰", "748", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "TC", "TCA", "029", "Caribbean", "加勒比", "Turks and Caicos Islands", "特克斯和凯科斯群岛", "796", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "TD", "TCD", "017", "Middle Africa", "中非", "Chad", "乍得", "148", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "TF", "ATF", "014", "Eastern Africa", "东非", "French Southern Territories", "法属南部领地", "260", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "TG", "TGO", "011", "Western Africa", "西非", "Togo", "多哥", "768", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "TH", "THA", null, null, null, "Thailand", "泰国", "764", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "TJ", "TJK", null, null, null, "Tajikistan", "塔吉克斯坦", "762", "142", "Asia", "亚洲", "143", "Central Asia", "中亚" },
                    { "TK", "TKL", null, null, null, "Tokelau", "托克劳", "772", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "TL", "TLS", null, null, null, "Timor-Leste", "东帝汶", "626", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "TM", "TKM", null, null, null, "Turkmenistan", "土库曼斯坦", "795", "142", "Asia", "亚洲", "143", "Central Asia", "中亚" },
                    { "TN", "TUN", null, null, null, "Tunisia", "突尼斯", "788", "002", "Africa", "非洲", "015", "Northern Africa", "北非" },
                    { "TO", "TON", null, null, null, "Tonga", "汤加", "776", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "TR", "TUR", null, null, null, "Türkiye", "土耳其", "792", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "TT", "TTO", "029", "Caribbean", "加勒比", "Trinidad and Tobago", "特立尼达和多巴哥", "780", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "TV", "TUV", null, null, null, "Tuvalu", "图瓦卢", "798", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "TW", "TWN", null, null, null, "Taiwan, China", "中国台湾", "158", "142", "Asia", "亚洲", "030", "Eastern Asia", "东亚" },
                    { "TZ", "TZA", "014", "Eastern Africa", "东非", "Tanzania", "坦桑尼亚", "834", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "UA", "UKR", null, null, null, "Ukraine", "乌克兰", "804", "150", "Europe", "欧洲", "151", "Eastern Europe", "东欧" },
                    { "UG", "UGA", "014", "Eastern Africa", "东非", "Uganda", "乌干达", "800", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "UM", "UMI", null, null, null, "United States Minor Outlying Islands", "美国本土外小岛屿", "581", "009", "Oceania", "大洋洲", "057", "Micronesia", "密克罗尼西亚" },
                    { "US", "USA", null, null, null, "United States", "美国", "840", "019", "Americas", "美洲", "021", "Northern America", "北美洲" },
                    { "UY", "URY", "005", "South America", "南美洲", "Uruguay", "乌拉圭", "858", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "UZ", "UZB", null, null, null, "Uzbekistan", "乌兹别克斯坦", "860", "142", "Asia", "亚洲", "143", "Central Asia", "中亚" },
                    { "VA", "VAT", null, null, null, "Holy See (Vatican City State)", "梵蒂冈", "336", "150", "Europe", "欧洲", "039", "Southern Europe", "南欧" },
                    { "VC", "VCT", "029", "Caribbean", "加勒比", "Saint Vincent and the Grenadines", "圣文森特和格林纳丁斯", "670", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "VE", "VEN", "005", "South America", "南美洲", "Venezuela", "委内瑞拉", "862", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "VG", "VGB", "029", "Caribbean", "加勒比", "Virgin Islands, British", "英属维尔京群岛", "092", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "VI", "VIR", "029", "Caribbean", "加勒比", "Virgin Islands, U.S.", "美属维尔京群岛", "850", "019", "Americas", "美洲", "419", "Latin America and the Caribbean", "拉丁美洲和加勒比" },
                    { "VN", "VNM", null, null, null, "Vietnam", "越南", "704", "142", "Asia", "亚洲", "035", "South-eastern Asia", "东南亚" },
                    { "VU", "VUT", null, null, null, "Vanuatu", "瓦努阿图", "548", "009", "Oceania", "大洋洲", "054", "Melanesia", "美拉尼西亚" },
                    { "WF", "WLF", null, null, null, "Wallis and Futuna", "瓦利斯和富图纳", "876", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "WS", "WSM", null, null, null, "Samoa", "萨摩亚", "882", "009", "Oceania", "大洋洲", "061", "Polynesia", "波利尼西亚" },
                    { "YE", "YEM", null, null, null, "Yemen", "也门", "887", "142", "Asia", "亚洲", "145", "Western Asia", "西亚" },
                    { "YT", "MYT", "014", "Eastern Africa", "东非", "Mayotte", "马约特", "175", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "ZA", "ZAF", "018", "Southern Africa", "南部非洲", "South Africa", "南非", "710", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "ZM", "ZMB", "014", "Eastern Africa", "东非", "Zambia", "赞比亚", "894", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" },
                    { "ZW", "ZWE", "014", "Eastern Africa", "东非", "Zimbabwe", "津巴布韦", "716", "002", "Africa", "非洲", "202", "Sub-Saharan Africa", "撒哈拉以南非洲" }
                });

            migrationBuilder.InsertData(
                table: "currencies",
                columns: new[] { "code", "minor_units", "name_en", "name_zh" },
                values: new object[,]
                {
                    { "AED", 2, "UAE dirham", "阿联酋迪拉姆" },
                    { "AUD", 2, "Australian dollar", "澳大利亚元" },
                    { "BGN", 2, "Bulgarian lev", "保加利亚列弗" },
                    { "BRL", 2, "Brazilian real", "巴西雷亚尔" },
                    { "CAD", 2, "Canadian dollar", "加拿大元" },
                    { "CHF", 2, "Swiss franc", "瑞士法郎" },
                    { "CNY", 2, "Chinese yuan renminbi", "人民币" },
                    { "CZK", 2, "Czech koruna", "捷克克朗" },
                    { "DKK", 2, "Danish krone", "丹麦克朗" },
                    { "EUR", 2, "Euro", "欧元" },
                    { "GBP", 2, "Pound sterling", "英镑" },
                    { "HKD", 2, "Hong Kong dollar", "港元" },
                    { "HUF", 2, "Hungarian forint", "匈牙利福林" },
                    { "IDR", 2, "Indonesian rupiah", "印尼盾" },
                    { "JPY", 0, "Japanese yen", "日元" },
                    { "KRW", 0, "South Korean won", "韩元" },
                    { "KZT", 2, "Kazakhstani tenge", "哈萨克斯坦坚戈" },
                    { "MXN", 2, "Mexican peso", "墨西哥比索" },
                    { "MYR", 2, "Malaysian ringgit", "马来西亚林吉特" },
                    { "NOK", 2, "Norwegian krone", "挪威克朗" },
                    { "NZD", 2, "New Zealand dollar", "新西兰元" },
                    { "PHP", 2, "Philippine peso", "菲律宾比索" },
                    { "PLN", 2, "Polish zloty", "波兰兹罗提" },
                    { "QAR", 2, "Qatari riyal", "卡塔尔里亚尔" },
                    { "RON", 2, "Romanian leu", "罗马尼亚列伊" },
                    { "RSD", 2, "Serbian dinar", "塞尔维亚第纳尔" },
                    { "RUB", 2, "Russian ruble", "俄罗斯卢布" },
                    { "SAR", 2, "Saudi riyal", "沙特里亚尔" },
                    { "SEK", 2, "Swedish krona", "瑞典克朗" },
                    { "SGD", 2, "Singapore dollar", "新加坡元" },
                    { "THB", 2, "Thai baht", "泰铢" },
                    { "TRY", 2, "Turkish lira", "土耳其里拉" },
                    { "USD", 2, "US dollar", "美元" },
                    { "UZS", 2, "Uzbekistani sum", "乌兹别克斯坦苏姆" },
                    { "VND", 0, "Vietnamese dong", "越南盾" }
                });

            migrationBuilder.InsertData(
                table: "industry_belts",
                columns: new[] { "code", "district_code", "export_target_2026_cny_100m", "handling_needs", "name_en", "name_zh" },
                values: new object[,]
                {
                    { "CS-TEX", "CS", 100m, new[] { "garments on hanger", "returns & relabel", "small parcels (9610)" }, "Textiles & apparel", "纺织服装" },
                    { "GS-DRESS", "GS", 30m, new[] { "garments on hanger", "small parcels (9610)", "showroom" }, "Wedding & evening dresses", "婚纱礼服" },
                    { "KS-BABY", "KS", 70m, new[] { "food-contact & hygiene compliance", "returns", "live-stream studio" }, "Maternal, baby & child health", "孕童健康" },
                    { "SIP-HOME", "SIP", 100m, new[] { "oversize / heavy", "showroom (前展后仓)", "assembly & repair" }, "Home & office furniture", "家居办公" },
                    { "SND-PV", "SND", 50m, new[] { "hazmat class 9 (lithium batteries)", "heavy pallets", "installer network" }, "Photovoltaics & new energy", "光伏新能源" },
                    { "TC-AUTO", "TC", 30m, new[] { "small-parts picking", "returns", "CR Express rail first leg" }, "Auto parts & accessories", "汽车配件配饰" },
                    { "WJ-SILK", "WJ", 50m, new[] { "humidity-controlled", "B2B sample showroom" }, "Silk fabrics", "丝绸面料" },
                    { "WZ-APPL", "WZ", 50m, new[] { "after-sales repair (售后维修)", "returns", "lithium batteries" }, "Smart home appliances", "智能家电" },
                    { "XC-HOME", "XC", 30m, new[] { "oversize", "live-stream studio" }, "Healthy home products", "健康家居" },
                    { "ZJG-MACH", "ZJG", 30m, new[] { "heavy / oversize", "spare parts", "repair" }, "Plastics & beverage machinery", "塑饮机械" }
                });

            migrationBuilder.InsertData(
                table: "market_groups",
                columns: new[] { "code", "name_en", "name_zh", "note" },
                values: new object[,]
                {
                    { "CEE", "Central & Eastern Europe", "中东欧", "EU-CEE-11 plus the Western Balkans" },
                    { "CENTRAL_ASIA", "Central Asia", "中亚", "UN M49 region 143" },
                    { "EU", "European Union", "欧盟", "27 members" },
                    { "GCC", "Gulf Cooperation Council", "海湾国家", null },
                    { "LATAM", "Latin America", "拉美", null },
                    { "MIDEAST", "Middle East", "中东", "GCC six plus the wider region; not an M49 region" },
                    { "NORTH_AMERICA", "North America", "北美", null },
                    { "RCEP", "RCEP members", "RCEP成员国", "15 members" },
                    { "RU", "Russia", "俄罗斯", null },
                    { "SEA", "Southeast Asia", "东南亚", "UN M49 region 035" }
                });

            migrationBuilder.InsertData(
                table: "exchange_rates",
                columns: new[] { "as_of", "currency_code", "cny_per_unit", "created_at", "created_by", "source" },
                values: new object[,]
                {
                    { new DateOnly(2026, 11, 2), "AED", 1.9330m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "AUD", 4.6500m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "BGN", 4.2181m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "BRL", 1.3100m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "CAD", 5.0800m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "CHF", 8.8500m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "CZK", 0.3400m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "DKK", 1.1050m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "EUR", 8.2500m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "GBP", 9.4000m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "HKD", 0.9130m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "HUF", 0.021300m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "IDR", 0.00042800m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "JPY", 0.04700m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "KRW", 0.005000m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "KZT", 0.013600m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "MXN", 0.3850m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "MYR", 1.6900m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "NOK", 0.7000m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "NZD", 4.0800m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "PHP", 0.1210m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "PLN", 1.9400m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "QAR", 1.9500m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "RON", 1.6200m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "RSD", 0.07050m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "RUB", 0.08800m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "SAR", 1.8930m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "SEK", 0.7500m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "SGD", 5.4800m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "THB", 0.2190m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "TRY", 0.1680m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "USD", 7.1000m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "UZS", 0.00059000m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" },
                    { new DateOnly(2026, 11, 2), "VND", 0.00027000m, new DateTimeOffset(new DateTime(2026, 11, 2, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, "seed: approximate, for demo only — replace with official rates" }
                });

            migrationBuilder.InsertData(
                table: "hubs",
                columns: new[] { "code", "country_code", "kind", "location", "name_en", "name_zh", "precision", "role" },
                values: new object[,]
                {
                    { "AE-JEA", "AE", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (55.06 25.01)"), "Dubai Jebel Ali", "迪拜杰贝阿里", "Approx", "sea port (Middle East)" },
                    { "AT-VIE", "AT", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (16.373 48.208)"), "Vienna", "维也纳", "City", "Central Europe hub" },
                    { "AU-SYD", "AU", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (151.21 -33.87)"), "Sydney", "悉尼", "City", "sea port (RCEP)" },
                    { "AZ-BAK", "AZ", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (49.4 39.95)"), "Baku Alat", "巴库阿拉特", "Approx", "Middle Corridor (Caspian)" },
                    { "BE-ANR", "BE", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (4.4 51.26)"), "Antwerp", "安特卫普", "Approx", "sea port" },
                    { "BR-SSZ", "BR", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (-46.33 -23.96)"), "Santos", "桑托斯", "Approx", "sea port (Latin America)" },
                    { "BY-BRE", "BY", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (23.69 52.1)"), "Brest", "布列斯特", "Approx", "gauge change (status varies)" },
                    { "BY-MSQ", "BY", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (27.56 53.9)"), "Minsk", "明斯克", "City", "Belarus hub" },
                    { "CN-AKL", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (82.57 45.17)"), "Alashankou", "阿拉山口", "Approx", "border crossing (to KZ)" },
                    { "CN-CGO", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (113.86 34.76)"), "Zhengzhou Putian", "郑州圃田", "Approx", "CR Express origin" },
                    { "CN-CKG", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (106.55 29.56)"), "Chongqing Tuanjiecun", "重庆团结村", "Approx", "CR Express origin" },
                    { "CN-CTU", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (104.25 30.88)"), "Chengdu Qingbaijiang", "成都青白江", "Approx", "CR Express origin" },
                    { "CN-ERL", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (111.98 43.65)"), "Erenhot", "二连浩特", "Approx", "border crossing (to MN)" },
                    { "CN-HRG", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (80.41 44.21)"), "Khorgos (China side)", "霍尔果斯", "Terminal", "border crossing (to KZ)" },
                    { "CN-MZL", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (117.43 49.6)"), "Manzhouli", "满洲里", "Approx", "border crossing (to RU)" },
                    { "CN-SFH", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (131.15 44.4)"), "Suifenhe", "绥芬河", "Approx", "border crossing (to RU)" },
                    { "CN-SUZ", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (120.585 31.299)"), "Suzhou", "苏州", "City", "CR Express origin (Suzhou-Europe service)" },
                    { "CN-WUH", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (114.15 30.62)"), "Wuhan Wujiashan", "武汉吴家山", "Approx", "CR Express origin" },
                    { "CN-XIA", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (109.05 34.4)"), "Xi'an International Port", "西安国际港", "Terminal", "CR Express origin" },
                    { "CN-YIW", "CN", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (120.08 29.31)"), "Yiwu", "义乌", "Approx", "CR Express origin" },
                    { "CZ-PRG", "CZ", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (14.44 50.08)"), "Prague", "布拉格", "City", "CEE hub" },
                    { "DE-DUI", "DE", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (6.76 51.43)"), "Duisburg", "杜伊斯堡", "City", "main EU terminal" },
                    { "DE-HAM", "DE", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (9.99 53.55)"), "Hamburg", "汉堡", "City", "main EU terminal / port" },
                    { "ES-MAD", "ES", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (-3.7 40.42)"), "Madrid", "马德里", "City", "EU terminal" },
                    { "FR-LYS", "FR", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (4.84 45.76)"), "Lyon", "里昂", "City", "EU terminal" },
                    { "GB-FXT", "GB", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (1.35 51.96)"), "Felixstowe", "费利克斯托", "Approx", "sea port" },
                    { "GE-POT", "GE", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (41.67 42.15)"), "Poti", "波季", "Approx", "Middle Corridor (Black Sea)" },
                    { "GE-TBS", "GE", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (44.79 41.72)"), "Tbilisi", "第比利斯", "City", "Middle Corridor" },
                    { "HU-BUD", "HU", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (19.04 47.498)"), "Budapest", "布达佩斯", "City", "CEE hub" },
                    { "ID-JKT", "ID", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (106.88 -6.1)"), "Jakarta Tanjung Priok", "雅加达丹戎不碌", "Approx", "sea port (Southeast Asia)" },
                    { "IT-MIL", "IT", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (9.19 45.46)"), "Milan", "米兰", "City", "EU terminal" },
                    { "JP-TYO", "JP", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (139.77 35.62)"), "Tokyo", "东京", "Approx", "sea port (RCEP)" },
                    { "KR-PUS", "KR", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (129.04 35.1)"), "Busan", "釜山", "Approx", "sea port (RCEP)" },
                    { "KZ-AKT", "KZ", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (51.23 43.61)"), "Aktau", "阿克套", "Approx", "Middle Corridor (Caspian)" },
                    { "KZ-ALA", "KZ", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (76.89 43.24)"), "Almaty", "阿拉木图", "City", "Central Asia hub" },
                    { "KZ-DOS", "KZ", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (82.48 45.25)"), "Dostyk", "多斯特克", "Approx", "gauge change" },
                    { "KZ-HOR", "KZ", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (80.244 44.197)"), "Khorgos Gateway (Altynkol)", "霍尔果斯东门", "Terminal", "gauge change / dry port" },
                    { "MX-MEX", "MX", "Air", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (-99.13 19.43)"), "Mexico City", "墨西哥城", "City", "inland hub (Latin America)" },
                    { "MY-PKG", "MY", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (101.39 3)"), "Port Klang", "巴生港", "Approx", "sea port (Southeast Asia)" },
                    { "NL-RTM", "NL", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (4.14 51.95)"), "Rotterdam", "鹿特丹", "Approx", "sea port" },
                    { "NL-TIL", "NL", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (5.09 51.56)"), "Tilburg", "蒂尔堡", "City", "EU terminal" },
                    { "PH-MNL", "PH", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (120.98 14.6)"), "Manila", "马尼拉", "City", "sea port (Southeast Asia)" },
                    { "PL-LOD", "PL", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (19.46 51.76)"), "Lodz", "罗兹", "City", "CEE hub" },
                    { "PL-MAL", "PL", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (23.531 52.024)"), "Malaszewicze", "马拉舍维奇", "Terminal", "gauge change (EU entry)" },
                    { "PL-WAW", "PL", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (21.01 52.23)"), "Warsaw", "华沙", "City", "CEE hub" },
                    { "QA-DOH", "QA", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (51.61 25.01)"), "Doha Hamad", "多哈哈马德港", "Approx", "sea port (Middle East)" },
                    { "RU-MOW", "RU", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (36.57 55.23)"), "Moscow (Vorsino)", "莫斯科(沃尔西诺)", "Approx", "Russia hub" },
                    { "RU-ZBK", "RU", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (117.32 49.64)"), "Zabaikalsk", "后贝加尔斯克", "Approx", "gauge change" },
                    { "SA-JED", "SA", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (39.19 21.49)"), "Jeddah", "吉达", "City", "sea port (Middle East)" },
                    { "SA-RUH", "SA", "Air", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (46.68 24.71)"), "Riyadh", "利雅得", "City", "inland hub (Middle East)" },
                    { "SG-SIN", "SG", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (103.85 1.29)"), "Singapore", "新加坡", "City", "sea port (Southeast Asia)" },
                    { "TH-BKK", "TH", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (100.88 13.08)"), "Bangkok / Laem Chabang", "曼谷/林查班", "Approx", "sea port (Southeast Asia)" },
                    { "TR-IST", "TR", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (28.97 41.01)"), "Istanbul", "伊斯坦布尔", "City", "Middle Corridor terminus" },
                    { "US-LAX", "US", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (-118.22 33.75)"), "Los Angeles / Long Beach", "洛杉矶/长滩", "Approx", "sea port (North America)" },
                    { "US-NYC", "US", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (-74.04 40.67)"), "New York / New Jersey", "纽约/新泽西", "Approx", "sea port (North America)" },
                    { "UZ-TAS", "UZ", "Rail", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (69.24 41.3)"), "Tashkent", "塔什干", "City", "Central Asia hub" },
                    { "VN-SGN", "VN", "Port", (NetTopologySuite.Geometries.Point)new NetTopologySuite.IO.WKTReader().Read("SRID=4326;POINT (106.63 10.82)"), "Ho Chi Minh City", "胡志明市", "City", "sea port (Southeast Asia)" }
                });

            migrationBuilder.InsertData(
                table: "market_group_members",
                columns: new[] { "country_code", "group_code" },
                values: new object[,]
                {
                    { "AL", "CEE" },
                    { "BA", "CEE" },
                    { "BG", "CEE" },
                    { "CZ", "CEE" },
                    { "EE", "CEE" },
                    { "HR", "CEE" },
                    { "HU", "CEE" },
                    { "LT", "CEE" },
                    { "LV", "CEE" },
                    { "ME", "CEE" },
                    { "MK", "CEE" },
                    { "PL", "CEE" },
                    { "RO", "CEE" },
                    { "RS", "CEE" },
                    { "SI", "CEE" },
                    { "SK", "CEE" },
                    { "KG", "CENTRAL_ASIA" },
                    { "KZ", "CENTRAL_ASIA" },
                    { "TJ", "CENTRAL_ASIA" },
                    { "TM", "CENTRAL_ASIA" },
                    { "UZ", "CENTRAL_ASIA" },
                    { "AT", "EU" },
                    { "BE", "EU" },
                    { "BG", "EU" },
                    { "CY", "EU" },
                    { "CZ", "EU" },
                    { "DE", "EU" },
                    { "DK", "EU" },
                    { "EE", "EU" },
                    { "ES", "EU" },
                    { "FI", "EU" },
                    { "FR", "EU" },
                    { "GR", "EU" },
                    { "HR", "EU" },
                    { "HU", "EU" },
                    { "IE", "EU" },
                    { "IT", "EU" },
                    { "LT", "EU" },
                    { "LU", "EU" },
                    { "LV", "EU" },
                    { "MT", "EU" },
                    { "NL", "EU" },
                    { "PL", "EU" },
                    { "PT", "EU" },
                    { "RO", "EU" },
                    { "SE", "EU" },
                    { "SI", "EU" },
                    { "SK", "EU" },
                    { "AE", "GCC" },
                    { "BH", "GCC" },
                    { "KW", "GCC" },
                    { "OM", "GCC" },
                    { "QA", "GCC" },
                    { "SA", "GCC" },
                    { "AR", "LATAM" },
                    { "BO", "LATAM" },
                    { "BR", "LATAM" },
                    { "CL", "LATAM" },
                    { "CO", "LATAM" },
                    { "CR", "LATAM" },
                    { "CU", "LATAM" },
                    { "DO", "LATAM" },
                    { "EC", "LATAM" },
                    { "GT", "LATAM" },
                    { "HN", "LATAM" },
                    { "MX", "LATAM" },
                    { "NI", "LATAM" },
                    { "PA", "LATAM" },
                    { "PE", "LATAM" },
                    { "PY", "LATAM" },
                    { "SV", "LATAM" },
                    { "UY", "LATAM" },
                    { "VE", "LATAM" },
                    { "AE", "MIDEAST" },
                    { "BH", "MIDEAST" },
                    { "EG", "MIDEAST" },
                    { "IL", "MIDEAST" },
                    { "IQ", "MIDEAST" },
                    { "IR", "MIDEAST" },
                    { "JO", "MIDEAST" },
                    { "KW", "MIDEAST" },
                    { "LB", "MIDEAST" },
                    { "OM", "MIDEAST" },
                    { "PS", "MIDEAST" },
                    { "QA", "MIDEAST" },
                    { "SA", "MIDEAST" },
                    { "SY", "MIDEAST" },
                    { "TR", "MIDEAST" },
                    { "YE", "MIDEAST" },
                    { "CA", "NORTH_AMERICA" },
                    { "MX", "NORTH_AMERICA" },
                    { "US", "NORTH_AMERICA" },
                    { "AU", "RCEP" },
                    { "BN", "RCEP" },
                    { "CN", "RCEP" },
                    { "ID", "RCEP" },
                    { "JP", "RCEP" },
                    { "KH", "RCEP" },
                    { "KR", "RCEP" },
                    { "LA", "RCEP" },
                    { "MM", "RCEP" },
                    { "MY", "RCEP" },
                    { "NZ", "RCEP" },
                    { "PH", "RCEP" },
                    { "SG", "RCEP" },
                    { "TH", "RCEP" },
                    { "VN", "RCEP" },
                    { "RU", "RU" },
                    { "BN", "SEA" },
                    { "ID", "SEA" },
                    { "KH", "SEA" },
                    { "LA", "SEA" },
                    { "MM", "SEA" },
                    { "MY", "SEA" },
                    { "PH", "SEA" },
                    { "SG", "SEA" },
                    { "TH", "SEA" },
                    { "TL", "SEA" },
                    { "VN", "SEA" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_countries_alpha3",
                table: "countries",
                column: "alpha3",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_countries_numeric_code",
                table: "countries",
                column: "numeric_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hubs_country_code_kind",
                table: "hubs",
                columns: new[] { "country_code", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_hubs_location",
                table: "hubs",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_industry_belts_district_code",
                table: "industry_belts",
                column: "district_code");

            migrationBuilder.CreateIndex(
                name: "ix_market_group_members_country_code",
                table: "market_group_members",
                column: "country_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exchange_rates");

            migrationBuilder.DropTable(
                name: "hubs");

            migrationBuilder.DropTable(
                name: "industry_belts");

            migrationBuilder.DropTable(
                name: "market_group_members");

            migrationBuilder.DropTable(
                name: "currencies");

            migrationBuilder.DropTable(
                name: "countries");

            migrationBuilder.DropTable(
                name: "market_groups");
        }
    }
}
