using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Warehouse.Api.Features.Exports;

/// <summary>One column of an export: a stable key, the Chinese heading (default) and the English one (<c>?lang=en</c>).</summary>
public sealed record Column(string Key, string Zh, string En);

/// <summary>
/// A table written as CSV (UTF-8 with BOM so Excel reads Chinese correctly; RFC 4180 quoting; invariant numbers) or as
/// XLSX (one worksheet; numbers as numeric cells, text as inline strings, so no cell is ever a formula). In CSV a text
/// cell starting with = + - @ or a tab is prefixed with an apostrophe, so a spreadsheet does not run it as a formula.
/// Values: string, decimal, int, long, DateOnly (ISO yyyy-MM-dd), DateTimeOffset (ISO 8601, UTC), bool, or null (empty).
/// </summary>
public sealed class TableFile(string sheetName, IReadOnlyList<Column> columns)
{
    private readonly List<object?[]> rows = [];

    public IReadOnlyList<Column> Columns => columns;

    public void Add(params object?[] values)
    {
        if (values.Length != columns.Count) throw new ArgumentException($"Expected {columns.Count} values, got {values.Length}.");
        rows.Add(values);
    }

    private static string Heading(Column c, bool english) => english ? c.En : c.Zh;

    public byte[] ToCsv(bool english)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(c => Quote(Heading(c, english)))).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', row.Select(v => Quote(Text(v, csv: true)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public byte[] ToXlsx(bool english)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, columns.Select(c => (object?)Heading(c, english)).ToArray()));
            for (var i = 0; i < rows.Count; i++) data.Append(Row((uint)i + 2, rows[i]));
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, object?[] values)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Length; i++)
        {
            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(values[i] switch
            {
                null => new Cell { CellReference = reference },
                decimal or int or long => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Text(values[i], csv: false)) },
                _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Text(values[i], csv: false))) },
            });
        }
        return row;
    }

    /// <summary>A, B, … Z, AA, AB, …</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static string Text(object? value, bool csv) => value switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        long n => n.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s when csv && s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' => "'" + s,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Quote(string value)
        => value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
