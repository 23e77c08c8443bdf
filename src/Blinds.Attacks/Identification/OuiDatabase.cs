using System.Globalization;
using System.IO.Compression;
using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Identification;

/// <summary>
/// MAC prefix to vendor, from the IEEE registry (MA-L 24-bit, MA-M 28-bit, MA-S and IAB 36-bit; shipped inside
/// Blinds) and Wireshark's manuf (read from /usr/share/wireshark/manuf when installed: it is GPL data and newer).
/// The longest matching prefix wins; IEEE's full organisation name is preferred, Wireshark fills the gaps.
/// Locally administered addresses (randomised MACs) have no vendor.
/// </summary>
public sealed class OuiDatabase
{
    /// <summary>Where Debian's libwireshark-data puts manuf.</summary>
    public const string SystemManufPath = "/usr/share/wireshark/manuf";

    private readonly Dictionary<ulong, string>[] byLength =
    [
        new Dictionary<ulong, string>(), // 24 bits
        new Dictionary<ulong, string>(), // 28 bits
        new Dictionary<ulong, string>(), // 36 bits
    ];

    private static readonly int[] Bits = [36, 28, 24];
    private static readonly Lazy<OuiDatabase> DefaultInstance = new(() => Load(File.Exists(SystemManufPath) ? SystemManufPath : null));

    private OuiDatabase()
    {
    }

    /// <summary>The shipped IEEE list plus the system's Wireshark manuf, if any; loaded once.</summary>
    public static OuiDatabase Default => DefaultInstance.Value;

    /// <summary>Entries loaded.</summary>
    public int Count => byLength.Sum(d => d.Count);

    /// <summary>True when a Wireshark manuf file was merged in.</summary>
    public bool HasWireshark { get; private set; }

    /// <summary>Loads the shipped IEEE list and, when given, a Wireshark manuf file.</summary>
    public static OuiDatabase Load(string? manufPath)
    {
        var db = new OuiDatabase();
        using (var s = typeof(OuiDatabase).Assembly.GetManifestResourceStream("Blinds.ieee-oui.tsv.gz")
            ?? throw new InvalidOperationException("the IEEE OUI list is missing from the assembly"))
        using (var gz = new GZipStream(s, CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }

                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab <= 0)
                {
                    continue;
                }

                var hex = line.AsSpan(0, tab);
                var bits = hex.Length * 4;
                if (ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var prefix) && Slot(bits) is { } slot)
                {
                    db.byLength[slot][prefix] = line[(tab + 1)..];
                }
            }
        }

        if (manufPath is not null)
        {
            db.MergeManuf(manufPath);
        }

        return db;
    }

    /// <summary>The vendor of <paramref name="mac"/>, or null (unknown, or locally administered).</summary>
    public string? Lookup(MacAddress mac)
    {
        if (mac.IsLocallyAdministered)
        {
            return null;
        }

        foreach (var bits in Bits)
        {
            if (byLength[Slot(bits)!.Value].TryGetValue(mac.Value >> (48 - bits), out var name))
            {
                return name;
            }
        }

        return null;
    }

    private void MergeManuf(string path)
    {
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.AsSpan();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var fields = raw.Split('\t');
            if (fields.Length < 2)
            {
                continue;
            }

            var addr = fields[0];
            var bits = 24;
            var slash = addr.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                if (!int.TryParse(addr.AsSpan(slash + 1), CultureInfo.InvariantCulture, out bits))
                {
                    continue;
                }

                addr = addr[..slash];
            }

            var hex = addr.Replace(":", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
            if (Slot(bits) is not { } slot || hex.Length * 4 < bits || !ulong.TryParse(hex.AsSpan(0, (bits + 3) / 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var prefix))
            {
                continue;
            }

            var name = fields.Length > 2 && fields[2].Length > 0 ? fields[2].Split('#')[0].Trim() : fields[1].Trim();
            byLength[slot].TryAdd(prefix, name);
        }

        HasWireshark = true;
    }

    private static int? Slot(int bits) => bits switch { 24 => 0, 28 => 1, 36 => 2, _ => null };
}
