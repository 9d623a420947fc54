using System.Text;

namespace Warehouse.Api.Tests.Reference;

/// <summary>The committed data files of Features/Reference/Data, read the plain way, to hold the served data against them.</summary>
public static class ReferenceFiles
{
    private static readonly string DataFolder = Path.Combine(FindRoot(), "src", "Warehouse.Api", "Features", "Reference", "Data");

    /// <summary>Rows of an RFC 4180 CSV file as dictionaries by header name.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string file)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var text = File.ReadAllText(Path.Combine(DataFolder, file));
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                if (record.Any(v => v.Length > 0)) records.Add(record);
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        var header = records[0];
        return records.Skip(1).Select(r => header.Select((name, i) => (name, value: r[i].Trim())).ToDictionary(p => p.name, p => p.value)).ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Warehouse.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Warehouse.sln above {AppContext.BaseDirectory}.");
    }
}
