using System.Buffers.Binary;
using System.Globalization;
using System.Text;

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

    private OuiDatabase()
    {
    }

    /// <summary>Entries loaded.</summary>
    public int Count => byLength.Sum(d => d.Count);

    /// <summary>True when a Wireshark manuf file was merged in.</summary>
    public bool HasWireshark { get; private set; }

    /// <summary>Loads every entry of the shipped IEEE list and, when given, a Wireshark manuf file.</summary>
    public static OuiDatabase Load(string? manufPath) => Load(manufPath, (Wanted?)null);

    /// <summary>
    /// Loads only the entries that can match <paramref name="macs"/>: a report about a dozen devices then scans the
    /// lists once instead of building a 100,000-entry table (a third of a small run's time otherwise).
    /// </summary>
    public static OuiDatabase For(IEnumerable<MacAddress> macs, string? manufPath = null)
    {
        ArgumentNullException.ThrowIfNull(macs);
        return For(macs.ToArray(), manufPath);
    }

    /// <summary>As <see cref="For(IEnumerable{MacAddress}, string?)"/>, from an array (no span or enumerator over a value type to JIT at start).</summary>
    public static OuiDatabase For(MacAddress[] macs, string? manufPath = null)
    {
        ArgumentNullException.ThrowIfNull(macs);
        var wanted = new Wanted();
        for (var i = 0; i < macs.Length; i++)
        {
            foreach (var bits in Bits)
            {
                wanted.Add(Key(bits, macs[i].Value >> (48 - bits)));
            }
        }

        return Load(manufPath ?? (File.Exists(SystemManufPath) ? SystemManufPath : null), wanted);
    }

    /// <summary>As <see cref="For(IEnumerable{MacAddress}, string?)"/>, from a span.</summary>
    public static OuiDatabase For(ReadOnlySpan<MacAddress> macs, string? manufPath = null) => For(macs.ToArray(), manufPath);

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

    // The IEEE list comes from the table the build made of it (OuiTable.targets: sorted keys, names each once), binary
    // searched in place for the wanted keys: inflating the 1.4 MB list and scanning its 46,000 lines was a tenth of a
    // small command's start-up. Wireshark's manuf is read as UTF-8 bytes, line by line, and only the lines a report can
    // use become strings.
    private static OuiDatabase Load(string? manufPath, Wanted? wanted)
    {
        var db = new OuiDatabase();
        using (var table = IeeeTable.Open())
        {
            if (wanted is null)
            {
                table.AddAll(db);
            }
            else
            {
                foreach (var key in wanted.Keys)
                {
                    if (table.Find(key) is { } name)
                    {
                        db.byLength[Slot((int)(key >> 48))!.Value][key & 0xffff_ffff_ffffUL] = name;
                    }
                }
            }
        }

        if (manufPath is not null)
        {
            db.MergeManuf(manufPath, wanted);
        }

        return db;
    }

    /// <summary>
    /// The resource <c>Blinds.ieee-oui.bin</c> (format in OuiTable.targets): the keys are read at once (370 KB) and
    /// searched; a name is read only for a key found.
    /// </summary>
    private sealed class IeeeTable : IDisposable
    {
        private const int HeaderBytes = 12;
        private readonly Stream stream;
        private readonly byte[] keys; // little-endian ulongs, read in place (no MemoryMarshal cast: a generic to JIT)
        private readonly int count;
        private readonly int names;

        private IeeeTable(Stream stream)
        {
            this.stream = stream;
            Span<byte> header = stackalloc byte[HeaderBytes];
            stream.ReadExactly(header);
            count = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            names = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            if (!header[..4].SequenceEqual("OUI1"u8) || count < 0 || names < 0 || stream.Length < HeaderBytes + (12L * count) + (4L * (names + 1)))
            {
                throw new InvalidOperationException("the IEEE OUI table in the assembly is damaged");
            }

            keys = new byte[8 * count];
            stream.ReadExactly(keys);
        }

        private long NumbersAt => HeaderBytes + (8L * count);

        private long OffsetsAt => NumbersAt + (4L * count);

        private long NamesAt => OffsetsAt + (4L * (names + 1));

        public static IeeeTable Open() => new(typeof(OuiDatabase).Assembly.GetManifestResourceStream("Blinds.ieee-oui.bin")
            ?? throw new InvalidOperationException("the IEEE OUI table is missing from the assembly"));

        /// <summary>The name of the entry with <paramref name="key"/>, or null.</summary>
        public string? Find(ulong key)
        {
            // Binary search by hand: MemoryExtensions.BinarySearch over ulong is a generic the JIT compiles at start.
            int lo = 0, hi = count - 1;
            while (lo <= hi)
            {
                var mid = (int)((uint)(lo + hi) >> 1);
                var at = Key(mid);
                if (at == key)
                {
                    Span<byte> number = stackalloc byte[4];
                    stream.Position = NumbersAt + (4L * mid);
                    stream.ReadExactly(number);
                    return Name(BinaryPrimitives.ReadInt32LittleEndian(number));
                }

                if (at < key)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return null;
        }

        /// <summary>Adds every entry to <paramref name="db"/>.</summary>
        public void AddAll(OuiDatabase db)
        {
            stream.Position = NumbersAt;
            var rest = new byte[stream.Length - NumbersAt];
            stream.ReadExactly(rest);
            var decoded = new string?[names];
            for (var i = 0; i < count; i++)
            {
                var n = BinaryPrimitives.ReadInt32LittleEndian(rest.AsSpan(4 * i));
                if (decoded[n] is null)
                {
                    var offsets = rest.AsSpan((int)(OffsetsAt - NumbersAt) + (4 * n));
                    var at = (int)(NamesAt - NumbersAt) + BinaryPrimitives.ReadInt32LittleEndian(offsets);
                    decoded[n] = Encoding.UTF8.GetString(rest, at, BinaryPrimitives.ReadInt32LittleEndian(offsets[4..]) - BinaryPrimitives.ReadInt32LittleEndian(offsets));
                }

                var key = Key(i);
                db.byLength[Slot((int)(key >> 48))!.Value][key & 0xffff_ffff_ffffUL] = decoded[n]!;
            }
        }

        private ulong Key(int i) => BinaryPrimitives.ReadUInt64LittleEndian(keys.AsSpan(8 * i));

        private string Name(int n)
        {
            Span<byte> offsets = stackalloc byte[8];
            stream.Position = OffsetsAt + (4L * n);
            stream.ReadExactly(offsets);
            var start = BinaryPrimitives.ReadInt32LittleEndian(offsets);
            var bytes = new byte[BinaryPrimitives.ReadInt32LittleEndian(offsets[4..]) - start];
            stream.Position = NamesAt + start;
            stream.ReadExactly(bytes);
            return Encoding.UTF8.GetString(bytes);
        }

        public void Dispose() => stream.Dispose();
    }

    // The next line of rest (without its line break), as StreamReader.ReadLine gives it; false when rest is used up.
    private static bool NextLine(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        if (rest.IsEmpty)
        {
            line = default;
            return false;
        }

        var newline = rest.IndexOfAny((byte)'\n', (byte)'\r');
        line = newline >= 0 ? rest[..newline] : rest;
        rest = newline < 0 ? default : rest[newline] == (byte)'\r' && newline + 1 < rest.Length && rest[newline + 1] == (byte)'\n' ? rest[(newline + 2)..] : rest[(newline + 1)..];
        return true;
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> text) => text.StartsWith("\uFEFF"u8) ? text[3..] : text;

    private void MergeManuf(string path, Wanted? wanted)
    {
        Span<char> hex = stackalloc char[12];
        var remaining = WithoutBom(File.ReadAllBytes(path));
        var chars = new char[256];
        while (NextLine(ref remaining, out var bytes))
        {
            if (wanted is not null && !wanted.MayMatch(bytes))
            {
                continue;
            }

            if (Encoding.UTF8.GetMaxCharCount(bytes.Length) > chars.Length)
            {
                chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            }

            ReadOnlySpan<char> line = chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, chars));
            var tab = line.IndexOf('\t');
            if (line.IsEmpty || line[0] == '#' || tab <= 0)
            {
                continue;
            }

            var addr = line[..tab];
            var bits = 24;
            var slash = addr.IndexOf('/');
            if (slash > 0)
            {
                if (!int.TryParse(addr[(slash + 1)..], CultureInfo.InvariantCulture, out bits))
                {
                    continue;
                }

                addr = addr[..slash];
            }

            var n = 0;
            foreach (var c in addr)
            {
                if (char.IsAsciiHexDigit(c) && n < hex.Length)
                {
                    hex[n++] = c;
                }
            }

            if (Slot(bits) is not { } slot || n * 4 < bits || !ulong.TryParse(hex[..((bits + 3) / 4)], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var prefix))
            {
                continue;
            }

            if (wanted is not null && !wanted.Contains(Key(bits, prefix)))
            {
                continue;
            }

            // Columns: prefix, short name, long name (optionally followed by a # comment).
            var rest = line[(tab + 1)..];
            var tab2 = rest.IndexOf('\t');
            var name = tab2 >= 0 ? rest[(tab2 + 1)..] : rest;
            var hash = name.IndexOf('#');
            if (hash >= 0)
            {
                name = name[..hash];
            }

            name = name.Trim();
            if (name.IsEmpty)
            {
                name = (tab2 >= 0 ? rest[..tab2] : rest).Trim();
            }

            byLength[slot].TryAdd(prefix, name.ToString());
        }

        HasWireshark = true;
    }

    /// <summary>
    /// The keys a report can use (the IEEE table is searched for them), and a byte-level test that skips a line of
    /// Wireshark's manuf before it is decoded or parsed: every prefix length a line can have (24, 28 or 36 bits)
    /// starts with the 24-bit OUI, so a line whose first six hex digits (before its tab; separators skipped as the
    /// parser skips them) are no wanted MAC's OUI cannot match.
    /// Hex digits are ASCII, one byte each in UTF-8, so the bytes give the same digits as the decoded line.
    /// </summary>
    private sealed class Wanted
    {
        // Open-addressing sets of ulong, hand-written: HashSet<ulong> is not precompiled by ReadyToRun (a framework
        // generic over a value type) and JIT-compiling it was a fifth of this lookup's start-up.
        private ulong[] keys = new ulong[64];
        private ulong[] ouis = new ulong[64];
        private int keyCount;
        private int ouiCount;
        private bool zeroOui;

        public void Add(ulong key)
        {
            if (Insert(ref keys, ref keyCount, key))
            {
                var bits = (int)(key >> 48);
                var oui = (key & 0xffff_ffff_ffffUL) >> (bits - 24);
                if (oui == 0)
                {
                    zeroOui = true;
                }
                else
                {
                    Insert(ref ouis, ref ouiCount, oui);
                }
            }
        }

        // Keys are never 0 (the prefix length sits in bits 48 and up), so 0 marks an empty slot.
        public bool Contains(ulong key) => Find(keys, key);

        /// <summary>Every key added (in no particular order).</summary>
        public IEnumerable<ulong> Keys
        {
            get
            {
                foreach (var key in keys)
                {
                    if (key != 0)
                    {
                        yield return key;
                    }
                }
            }
        }

        private static bool Find(ulong[] set, ulong value)
        {
            var mask = set.Length - 1;
            for (var i = Slot(value, mask); set[i] != 0; i = (i + 1) & mask)
            {
                if (set[i] == value)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Insert(ref ulong[] set, ref int count, ulong value)
        {
            if (Find(set, value))
            {
                return false;
            }

            if ((count + 1) * 2 > set.Length)
            {
                var old = set;
                set = new ulong[old.Length * 2];
                foreach (var v in old)
                {
                    if (v != 0)
                    {
                        Place(set, v);
                    }
                }
            }

            Place(set, value);
            count++;
            return true;
        }

        private static void Place(ulong[] set, ulong value)
        {
            var mask = set.Length - 1;
            var i = Slot(value, mask);
            while (set[i] != 0)
            {
                i = (i + 1) & mask;
            }

            set[i] = value;
        }

        private static int Slot(ulong value, int mask) => (int)((value * 0x9E3779B97F4A7C15UL) >> 40) & mask;

        public bool MayMatch(ReadOnlySpan<byte> line)
        {
            ulong oui = 0;
            var digits = 0;
            foreach (var b in line)
            {
                if (b == (byte)'\t')
                {
                    break;
                }

                var v = b is >= (byte)'0' and <= (byte)'9' ? b - '0' : (b | 0x20) is >= 'a' and <= 'f' ? (b | 0x20) - 'a' + 10 : -1;
                if (v >= 0)
                {
                    oui = (oui << 4) | (uint)v;
                    if (++digits == 6)
                    {
                        return oui == 0 ? zeroOui : Find(ouis, oui);
                    }
                }
            }

            // Fewer than six digits: no parser can take a prefix from it, but let them decide.
            return true;
        }
    }

    private static ulong Key(int bits, ulong prefix) => ((ulong)bits << 48) | prefix;

    private static int? Slot(int bits) => bits switch { 24 => 0, 28 => 1, 36 => 2, _ => null };
}
