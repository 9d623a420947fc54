using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Warehouse.Api.Platform.Data;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Warehouse.Api.Platform.Data.Migrations
{
    /// <inheritdoc />
    public partial class Services : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_types",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name_zh = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_en = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    description_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    is_time_slotted = table.Column<bool>(type: "boolean", nullable: false),
                    slot_label_zh = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    slot_label_en = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_types", x => x.code);
                    table.CheckConstraint("ck_service_types_slot_labels", "is_time_slotted = (slot_label_zh IS NOT NULL) AND is_time_slotted = (slot_label_en IS NOT NULL)");
                });

            migrationBuilder.CreateTable(
                name: "service_offerings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_type_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description_zh = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    description_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    is_published = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    price_amount = table.Column<decimal>(type: "numeric(14,4)", precision: 14, scale: 4, nullable: false),
                    price_currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    price_unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_offerings", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_service_offerings_price_positive", "price_amount > 0");
                    table.ForeignKey(
                        name: "fk_service_offerings_overseas_warehouses_tenant_id_warehouse_id",
                        columns: x => new { x.tenant_id, x.warehouse_id },
                        principalTable: "overseas_warehouses",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_service_offerings_service_types_service_type_code",
                        column: x => x.service_type_code,
                        principalTable: "service_types",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_slots",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    booked = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_slots", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_service_slots_booked_within_capacity", "booked >= 0 AND booked <= capacity");
                    table.CheckConstraint("ck_service_slots_capacity_positive", "capacity > 0");
                    table.CheckConstraint("ck_service_slots_length", "ends_at > starts_at AND ends_at - starts_at <= interval '31 days'");
                    table.ForeignKey(
                        name: "fk_service_slots_service_offerings_tenant_id_service_id",
                        columns: x => new { x.tenant_id, x.service_id },
                        principalTable: "service_offerings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "service_types",
                columns: new[] { "code", "description_en", "description_zh", "is_time_slotted", "name_en", "name_zh", "position", "slot_label_en", "slot_label_zh" },
                values: new object[,]
                {
                    { "afterSalesRepair", "Local testing, repair and refurbishment, booked by repair-bench day.", "本地检测、维修、翻新，按维修工位日预订。", true, "After-sales repair", "售后维修", 40, "repair bench days", "维修工位日" },
                    { "consolidationTransfer", "Consolidating shipments and transferring stock on to other warehouses or marketplace warehouses.", "多票货物拼箱集运或中转分拨至其他仓库、平台仓。", false, "Consolidation & transfer", "中转/集拼", 60, null, null },
                    { "customsClearance", "Import declarations, duties and taxes, and paperwork.", "进口报关、缴税及单证处理。", false, "Customs clearance", "清关", 70, null, null },
                    { "dropShipping", "Picking and shipping single orders straight to consumers.", "按单拣货、单件发货给终端消费者。", false, "One-piece drop-shipping", "一件代发", 90, null, null },
                    { "fbaPrep", "Labelling, packing and booking deliveries to Amazon FBA and similar marketplace warehouses.", "按亚马逊等平台要求贴标、包装、预约送仓。", false, "Marketplace inbound prep (FBA and similar)", "平台入仓备货", 150, null, null },
                    { "fulfilment", "Inbound, storage, picking, packing and dispatch as one service.", "入库、存储、拣货、包装、出库发运一体化服务。", false, "Fulfilment (warehousing + distribution)", "仓配一体", 10, null, null },
                    { "kittingAssembly", "Making bundles, light assembly, adding manuals or accessories.", "组合套装、简单组装、加装说明书或配件。", false, "Kitting & assembly", "组装/套装", 110, null, null },
                    { "lastMileDelivery", "Final delivery through local carriers or the warehouse's own fleet.", "对接本地快递或自有车队完成末端派送。", false, "Last-mile delivery", "尾程派送", 130, null, null },
                    { "liveStreamStudio", "An in-warehouse studio with lighting, network and samples at hand, booked by the hour.", "仓内直播间，配备灯光、网络与样品，按时段预订。", true, "Live-stream studio", "仓内直播", 20, "studio hours", "直播时段" },
                    { "marketingDisplay", "Displaying products and running promotions in the warehouse or its shop front.", "在仓内或门店陈列商品、开展推广活动。", false, "Marketing display", "营销展示", 80, null, null },
                    { "palletDistribution", "Pallet and full-truck deliveries to retailers, wholesalers or marketplace warehouses.", "整托、整车配送至零售商、批发商或平台仓。", false, "B2B pallet distribution", "B2B 托盘配送", 140, null, null },
                    { "productPhotography", "Product shots, lifestyle photos and short videos.", "商品图、场景图及短视频拍摄。", false, "Product photography", "产品拍摄", 120, null, null },
                    { "qualityInspection", "Sample or full inspection on arrival, with photos and a report.", "到货抽检或全检、拍照记录并出具报告。", false, "Quality inspection", "质检", 100, null, null },
                    { "returnsRelabel", "Receiving returns, checking them, relabelling and restocking or disposing.", "退货接收、质检、换标重新上架或处置。", false, "Returns & relabel", "退换货/换标", 50, null, null },
                    { "showroom", "A showroom where buyers see samples and negotiate, with stock shipped from the warehouse behind; visits booked by slot.", "前店展厅供买家看样、洽谈，后仓现货即时发货，按参观时段预约。", true, "Showroom (display in front, stock behind)", "前展后仓", 30, "showroom visits", "展厅参观" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_service_offerings_service_type_code",
                table: "service_offerings",
                column: "service_type_code");

            migrationBuilder.CreateIndex(
                name: "ix_service_offerings_tenant_id_warehouse_id",
                table: "service_offerings",
                columns: new[] { "tenant_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_slots_tenant_id_service_id_starts_at",
                table: "service_slots",
                columns: new[] { "tenant_id", "service_id", "starts_at" });

            // Tenancy lock 3 on every new tenant-owned table (see Platform/Data/RowSecurity.cs).
            migrationBuilder.EnableTenantRowSecurity("service_offerings");
            migrationBuilder.EnableTenantRowSecurity("service_slots");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantRowSecurity("service_slots");
            migrationBuilder.DisableTenantRowSecurity("service_offerings");

            migrationBuilder.DropTable(
                name: "service_slots");

            migrationBuilder.DropTable(
                name: "service_offerings");

            migrationBuilder.DropTable(
                name: "service_types");
        }
    }
}
