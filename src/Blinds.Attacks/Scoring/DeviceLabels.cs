using Blinds.Attacks.Kinds;
using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Scoring;

/// <summary>
/// Ground truth for devices: the lab's NAME.devices.csv, or a user's file of the same format (`mac,name,type`, one row
/// per MAC; several MACs may name one device), read as CSV (quoted names may hold commas and quotes; a header may
/// order the columns any way). See docs/lab.md.
/// </summary>
public static class DeviceLabels
{
    private static readonly string[] Columns = ["mac", "name", "type"];

    /// <summary>
    /// Reads a labels file once into names and kinds; throws <see cref="FormatException"/> with the file, line and
    /// column of the first bad row.
    /// </summary>
    public static DeviceLabelSet Load(string path)
    {
        var rows = ReadAll(path);
        return new DeviceLabelSet(
            rows.ToDictionary(d => d.Mac, d => d.Name),
            rows.Select(d => (d.Mac, Kind: DeviceKindText.Parse(d.Type))).Where(d => d.Kind != DeviceKind.Unknown).ToDictionary(d => d.Mac, d => d.Kind));
    }

    /// <summary>Reads a labels file; throws <see cref="FormatException"/> with the file, line and column of the first bad row.</summary>
    public static IReadOnlyDictionary<MacAddress, string> Read(string path) => ReadAll(path).ToDictionary(d => d.Mac, d => d.Name);

    /// <summary>
    /// The type column of a labels file (camera, plug, ...) as kinds, for the MACs whose type names one Blinds knows
    /// (<see cref="DeviceKindText.Parse"/>); other types leave the device to identification.
    /// </summary>
    public static IReadOnlyDictionary<MacAddress, DeviceKind> ReadTypes(string path) => Load(path).Kinds;

    /// <summary>Every row: MAC, name and type (null when empty).</summary>
    public static IReadOnlyList<(MacAddress Mac, string Name, string? Type)> ReadAll(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rows = new List<(MacAddress, string, string?)>();
        var seen = new HashSet<MacAddress>();
        foreach (var row in LabelFile.Rows(path, Columns, required: 2))
        {
            if (row.Values[0] is not { } macText || !MacAddress.TryParse(macText, out var mac))
            {
                throw row.Bad(0, "mac", $"must be a MAC address such as 50:c7:bf:00:fc:a3, got '{row.Values[0]}' (rows are mac,name[,type])");
            }

            if (row.Values[1] is not { Length: > 0 } name)
            {
                throw row.Bad(1, "name", "is missing (rows are mac,name[,type])");
            }

            if (!seen.Add(mac))
            {
                throw row.Bad(0, "mac", $"{mac} is labelled twice");
            }

            rows.Add((mac, name, row.Values[2] is { Length: > 0 } type ? type : null));
        }

        return rows;
    }
}
