using Microsoft.VisualBasic.FileIO;

namespace Blinds.Traffic.Tests;

/// <summary>One row of ../shared/data/INVENTORY.csv: what capinfos said about a capture.</summary>
public sealed record InventoryRow(string File, string Type, bool CapinfosOk, long? Packets, string Start, string End, string Encap);

public static class Inventory
{
    public static IReadOnlyList<InventoryRow> Load(string dataDir)
    {
        using var parser = new TextFieldParser(Path.Combine(dataDir, "INVENTORY.csv")) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        int Col(string name) => Array.IndexOf(header, name);
        var rows = new List<InventoryRow>();
        while (parser.ReadFields() is { } f)
        {
            rows.Add(new InventoryRow(
                Path.GetFullPath(Path.Combine(dataDir, f[Col("file")])),
                f[Col("type")],
                f[Col("capinfos_ok")] == "yes",
                long.TryParse(f[Col("packets")], out var n) ? n : null,
                f[Col("start_utc")],
                f[Col("end_utc")],
                f[Col("encap")]));
        }

        return rows;
    }
}
