using Microsoft.AspNetCore.Http.HttpResults;
using Warehouse.Api.Features.Certification;
using Warehouse.Api.Features.CityProgress;
using Warehouse.Api.Features.Subsidies;
using Warehouse.Api.Platform.Data;
using Warehouse.Api.Platform.Tenancy;
using Warehouse.Domain.Certification;
using Warehouse.Domain.Organisations;

namespace Warehouse.Api.Features.Exports;

/// <summary>
/// The bureau's reports as files: progress to the area target, certifications and a programme's subsidies, as CSV
/// (UTF-8 with BOM) or XLSX, with Chinese column headings by default and English with <c>?lang=en</c>. The figures are
/// those of the matching JSON endpoints, computed by the same code.
/// </summary>
public static class ExportEndpoints
{
    public static void MapExports(this IEndpointRouteBuilder api)
    {
        var exports = api.MapGroup("/exports").WithTags("Exports").WithAccess(Access.Members(OrganisationKind.Bureau));
        const string Formats = " ?format=csv (default) or xlsx; ?lang=zh (default) or en for the column headings.";
        exports.MapGet("/progress", Progress)
            .WithSummary("Progress to the area target: the city total and every breakdown of /api/city-progress (?asOf=)." + Formats);
        exports.MapGet("/certifications", Certifications).WithSummary("Every certificate with its operator, warehouse, validity and state (?programmeId=)." + Formats);
        exports.MapGet("/subsidies/{programmeId:guid}", Subsidies).WithSummary("A programme's subsidy lines and total, as /api/subsidies/programmes/{programmeId}." + Formats);
    }

    private sealed record Options(bool Xlsx, bool English);

    private static (Options?, ValidationProblem?) Parse(string? format, string? lang)
    {
        var errors = new Dictionary<string, string[]>();
        var f = (format ?? "csv").Trim().ToLowerInvariant();
        var l = (lang ?? "zh").Trim().ToLowerInvariant();
        if (f is not ("csv" or "xlsx")) errors["format"] = ["csv or xlsx."];
        if (l is not ("zh" or "en")) errors["lang"] = ["zh or en."];
        return errors.Count > 0 ? (null, TypedResults.ValidationProblem(errors)) : (new Options(f == "xlsx", l == "en"), null);
    }

    private static IResult File(TableFile table, Options options, string name)
        => options.Xlsx
            ? TypedResults.File(table.ToXlsx(options.English), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx")
            : TypedResults.File(table.ToCsv(options.English), "text/csv; charset=utf-8", name + ".csv");

    public static readonly IReadOnlyList<Column> ProgressColumns =
    [
        new("breakdown", "分类", "Breakdown"), new("code", "代码", "Code"), new("nameZh", "名称", "Name (Chinese)"), new("nameEn", "英文名称", "Name (English)"),
        new("operators", "运营企业数", "Operators"), new("warehouses", "海外仓数", "Warehouses"),
        new("existingM2", "既有面积(㎡)", "Existing area (m²)"), new("inUseM2", "在用面积(㎡)", "In use (m²)"),
        new("underConstructionM2", "在建面积(㎡)", "Under construction (m²)"), new("percentOfTarget", "目标完成率(%)", "% of target"),
        new("asOf", "截至日期", "As of"),
    ];

    public static async Task<IResult> Progress(string? format, string? lang, DateOnly? asOf, WarehouseDb db, Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
        IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var (options, invalid) = Parse(format, lang);
        if (options is null) return invalid!;
        var progress = await CityProgressEndpoints.ReadAsync(asOf, db, cache, configuration, clock, ct);
        var table = new TableFile(options.English ? "Progress" : "进度", ProgressColumns);
        table.Add("total", "SZ", "苏州市", "Suzhou", progress.Operators, progress.Warehouses, progress.ExistingM2, progress.InUseM2,
            progress.UnderConstructionM2, progress.PercentOfTarget, progress.AsOf);
        table.Add("target", "target", "目标", "Target", null, null, progress.TargetM2, null, null, 100m, CityProgressEndpoints.Deadline);
        foreach (var (name, slices) in new[] { ("district", progress.ByDistrict), ("country", progress.ByCountry), ("marketGroup", progress.ByMarketGroup),
                     ("operator", progress.ByOperator), ("yearOpened", progress.ByYearOpened) })
            foreach (var s in slices)
                table.Add(name, s.Code, s.NameZh, s.NameEn, s.Operators, s.Warehouses, s.ExistingM2, s.InUseM2, s.UnderConstructionM2, null, progress.AsOf);
        return File(table, options, $"progress-{(progress.AsOf ?? progress.RequestedAsOf):yyyy-MM-dd}");
    }

    public static readonly IReadOnlyList<Column> CertificationColumns =
    [
        new("certificateNumber", "证书编号", "Certificate number"), new("level", "级别", "Level"), new("programmeYear", "批次年度", "Programme year"),
        new("programmeName", "认定批次", "Programme"), new("programmeVersion", "批次版本", "Programme version"),
        new("operator", "海外仓运营企业", "Operator"), new("creditCode", "统一社会信用代码", "Credit code"), new("district", "板块", "District"),
        new("warehouse", "海外仓", "Warehouse"), new("country", "国家", "Country"), new("city", "城市", "City"),
        new("validFrom", "有效期起", "Valid from"), new("validUntil", "有效期止", "Valid until"), new("state", "状态", "State"),
        new("issuedAt", "签发时间", "Issued at"), new("revokedAt", "撤销时间", "Revoked at"), new("revokedReason", "撤销原因", "Revocation reason"),
    ];

    public static async Task<IResult> Certifications(string? format, string? lang, Guid? programmeId, WarehouseDb db, TimeProvider clock, CancellationToken ct)
    {
        var (options, invalid) = Parse(format, lang);
        if (options is null) return invalid!;
        var certificates = await Review.CertificatesAsync(db, clock, programmeId, null, ct);
        var table = new TableFile(options.English ? "Certifications" : "认定", CertificationColumns);
        foreach (var e in certificates)
        {
            var c = e.Certificate;
            table.Add(c.Number, Level(c.Level, options.English), c.ProgrammeYear, options.English ? c.ProgrammeNameEn ?? c.ProgrammeNameZh : c.ProgrammeNameZh,
                c.ProgrammeVersion, options.English ? e.Operator.LegalNameEn ?? e.Operator.LegalNameZh : e.Operator.LegalNameZh, e.Operator.CreditCode,
                e.Operator.DistrictCode, options.English ? e.Warehouse.NameEn ?? e.Warehouse.NameZh : e.Warehouse.NameZh, e.Warehouse.CountryCode, e.Warehouse.City,
                c.ValidFrom, c.ValidUntil, c.State, c.IssuedAt, c.RevokedAt, c.RevokedReason);
        }
        return File(table, options, "certifications");
    }

    public static readonly IReadOnlyList<Column> SubsidyColumns =
    [
        new("certificateNumber", "证书编号", "Certificate number"), new("operator", "海外仓运营企业", "Operator"), new("warehouse", "海外仓", "Warehouse"),
        new("equipment", "设备投入", "Equipment"), new("lease", "租赁投入", "Lease"), new("renovation", "装修投入", "Renovation"), new("it", "信息系统投入", "IT systems"),
        new("other", "其他投入", "Other"), new("eligibleInvestmentCny", "可补贴投资(元)", "Eligible investment (CNY)"),
        new("excludedInvestmentCny", "不计入投资(元)", "Excluded investment (CNY)"), new("rateAmountCny", "按比例金额(元)", "Rate × eligible (CNY)"),
        new("capped", "是否封顶", "Capped"), new("requestedCny", "应补金额(元)", "Requested (CNY)"), new("allocatedCny", "核定补贴(元)", "Allocated (CNY)"),
        new("arithmetic", "计算过程", "Arithmetic"),
    ];

    public static async Task<IResult> Subsidies(Guid programmeId, string? format, string? lang, WarehouseDb db, CancellationToken ct)
    {
        var subsidies = await ProgrammeSubsidies.ComputeAsync(db, programmeId, ct);
        if (subsidies is null) return TypedResults.NotFound();
        var (options, invalid) = Parse(format, lang);
        if (options is null) return invalid!;
        var table = new TableFile(options.English ? "Subsidies" : "补贴", SubsidyColumns);
        foreach (var l in subsidies.Lines)
        {
            decimal Of(InvestmentCategory category) => l.InvestmentByCategory.Where(c => c.Category == category).Sum(c => c.AmountCny);
            table.Add(l.CertificateNumber, options.English ? l.Operator.LegalNameEn ?? l.Operator.LegalNameZh : l.Operator.LegalNameZh,
                options.English ? l.Warehouse.NameEn ?? l.Warehouse.NameZh : l.Warehouse.NameZh,
                Of(InvestmentCategory.Equipment), Of(InvestmentCategory.Lease), Of(InvestmentCategory.Renovation), Of(InvestmentCategory.It), Of(InvestmentCategory.Other),
                l.EligibleInvestmentCny, l.ExcludedInvestmentCny, l.RateAmountCny, l.Capped, l.RequestedCny, l.AllocatedCny, l.Arithmetic);
        }
        table.Add("total", options.English ? "Total" : "合计", null, null, null, null, null, null,
            subsidies.Lines.Sum(l => l.EligibleInvestmentCny), subsidies.Lines.Sum(l => l.ExcludedInvestmentCny), subsidies.Lines.Sum(l => l.RateAmountCny),
            null, subsidies.TotalRequestedCny, subsidies.TotalAllocatedCny, subsidies.Explanation);
        return File(table, options, $"subsidies-{subsidies.Year}-{(subsidies.Level == CertificationLevel.Municipal ? "M" : "P")}");
    }

    private static string Level(CertificationLevel level, bool english) => level switch
    {
        CertificationLevel.Municipal => english ? "municipal" : "市级",
        _ => english ? "provincial" : "省级",
    };
}
