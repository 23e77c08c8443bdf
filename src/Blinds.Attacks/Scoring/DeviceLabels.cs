using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Scoring;

/// <summary>
/// Ground truth for devices: the lab's NAME.devices.csv, or a user's file of the same format (`mac,name,type`, one row
/// per MAC; several MACs may name one device). See docs/lab.md.
/// </summary>
public static class DeviceLabels
{
    /// <summary>Reads a labels file; throws <see cref="FormatException"/> with the file and line of the first bad row.</summary>
    public static IReadOnlyDictionary<MacAddress, string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var labels = new Dictionary<MacAddress, string>();
        foreach (var (lineNumber, line, fields) in LabelFile.Rows(path, "mac,"))
        {
            if (fields.Length < 2 || !MacAddress.TryParse(fields[0], out var mac) || fields[1].Trim().Length == 0)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'mac,name[,type]', got '{line}'");
            }

            if (!labels.TryAdd(mac, fields[1].Trim()))
            {
                throw new FormatException($"{path}:{lineNumber}: {mac} is labelled twice");
            }
        }

        return labels;
    }

    /// <summary>The type column of a labels file (camera, plug, ...) for the MACs that have one.</summary>
    public static IReadOnlyDictionary<MacAddress, string> ReadTypes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var types = new Dictionary<MacAddress, string>();
        foreach (var (_, _, fields) in LabelFile.Rows(path, "mac,"))
        {
            if (fields.Length >= 3 && MacAddress.TryParse(fields[0], out var mac) && fields[2].Trim().Length > 0)
            {
                types.TryAdd(mac, fields[2].Trim());
            }
        }

        return types;
    }
}
