using Blinds.Attacks.Identification;
using Blinds.Protocols.Addressing;

using Xunit;

namespace Blinds.Attacks.Tests;

public class OuiDatabaseTests
{
    private static readonly OuiDatabase Ieee = OuiDatabase.Load(null);

    // The shipped list as the repository holds it: the build turns it into the table the assembly embeds
    // (OuiTable.targets), so these tests read the list with a parser of their own and compare.
    private static readonly string IeeeListPath = Path.Combine(Blinds.Testing.SharedData.RepositoryRoot, "src", "Blinds.Attacks", "Identification", "Data", "ieee-oui.tsv.gz");

    [Theory]
    [InlineData("00:17:88:24:76:ff", "Philips Lighting BV")]        // MA-L
    [InlineData("b8:27:eb:00:00:01", "Raspberry Pi Foundation")]    // MA-L
    [InlineData("00:55:da:1f:00:00", "KoolPOS Inc.")]               // MA-M: 28 bits beat the 24-bit block
    [InlineData("00:1b:c5:00:10:00", "OpenRB.com, Direct SIA")]     // MA-S / IAB: 36 bits
    public void Longest_prefix_wins(string mac, string vendor) => Assert.Equal(vendor, Ieee.Lookup(MacAddress.Parse(mac)));

    [Fact]
    public void Randomised_macs_have_no_vendor() => Assert.Null(Ieee.Lookup(MacAddress.Parse("02:17:88:24:76:ff")));

    [SkippableFact]
    public void The_2022_ieee_list_misses_newer_blocks_that_wireshark_knows()
    {
        var imilab = MacAddress.Parse("78:df:72:24:69:4d"); // Xiaobai camera (REPORT.md)
        Assert.Null(Ieee.Lookup(imilab));
        Skip.IfNot(File.Exists(OuiDatabase.SystemManufPath), "Wireshark's manuf is not installed (tshark brings it)");
        var both = OuiDatabase.For([imilab]);
        Assert.True(both.HasWireshark);
        Assert.Contains("Imilab", both.Lookup(imilab), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Targeted_loading_finds_the_same_vendors_as_full_loading()
    {
        MacAddress[] macs = [MacAddress.Parse("00:17:88:24:76:ff"), MacAddress.Parse("00:55:da:1f:00:00"), MacAddress.Parse("00:1b:c5:00:10:00")];
        var targeted = OuiDatabase.For(macs);
        Assert.Equal(macs.Select(Ieee.Lookup), macs.Select(targeted.Lookup)); // IEEE names win over Wireshark's
        Assert.InRange(targeted.Count, 3, 9); // only the prefixes these MACs can match, not the 46,000 of the list
    }

    /// <summary>
    /// Issue 16 item 6: the shipped list is a binary table built at build time now (and manuf is read as bytes, not a
    /// string per line); every entry of the list must come out as the line-by-line reading gave it (UTF-8 names
    /// included, the last line for a prefix winning).
    /// </summary>
    [Fact]
    public void Byte_reading_gives_every_entry_the_line_by_line_reading_gave()
    {
        var expected = new Dictionary<(int Bits, ulong Prefix), string>();
        using (var s = File.OpenRead(IeeeListPath))
        using (var gz = new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            while (reader.ReadLine() is { } line)
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (!line.StartsWith('#') && tab > 0 && tab * 4 is 24 or 28 or 36)
                {
                    expected[(tab * 4, Convert.ToUInt64(line[..tab], 16))] = line[(tab + 1)..];
                }
            }
        }

        Assert.True(expected.Count > 40_000);
        Assert.Contains(expected.Values, v => v.Any(c => c > 127)); // names beyond ASCII are part of the check
        var full = OuiDatabase.Load(null);
        Assert.Equal(expected.Count, full.Count);
        foreach (var ((bits, prefix), name) in expected)
        {
            // The entry's first address, unless a longer prefix in the list claims it (then the longer one answers).
            var mac = new MacAddress(prefix << (48 - bits));
            if (!mac.IsLocallyAdministered && !new[] { 28, 36 }.Any(longer => longer > bits && expected.ContainsKey((longer, mac.Value >> (48 - longer)))))
            {
                Assert.Equal(name, full.Lookup(mac));
            }
        }
    }

    /// <summary>
    /// Issue 16 item 6: targeted loading skips list lines by their first bytes before parsing them; for MACs from
    /// every block of both lists (and random ones), in small random batches as reports ask, it must answer exactly
    /// as the full parser does.
    /// </summary>
    [Fact]
    public void Targeted_loading_answers_as_the_full_parser_for_macs_from_every_block()
    {
        var manuf = File.Exists(OuiDatabase.SystemManufPath) ? OuiDatabase.SystemManufPath : null;
        var full = OuiDatabase.Load(manuf);
        var macs = new List<MacAddress>();
        using (var s = File.OpenRead(IeeeListPath))
        using (var gz = new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            while (reader.ReadLine() is { } line)
            {
                macs.AddRange(FirstAndLast(line));
            }
        }

        if (manuf is not null)
        {
            foreach (var line in File.ReadLines(manuf))
            {
                macs.AddRange(FirstAndLast(line));
            }
        }

        var random = new Random(16);
        for (var i = 0; i < 2000; i++)
        {
            macs.Add(new MacAddress((ulong)random.NextInt64(0, 1L << 48)));
        }

        Assert.True(macs.Count > 90_000);
        var everything = OuiDatabase.For(macs, manuf);
        Assert.Equal(macs.Select(full.Lookup), macs.Select(everything.Lookup));
        for (var batch = 0; batch < 150; batch++)
        {
            var some = Enumerable.Range(0, 12).Select(_ => macs[random.Next(macs.Count)]).ToArray();
            Assert.Equal(some.Select(full.Lookup), some.Select(OuiDatabase.For(some, manuf).Lookup));
        }
    }

    // The first and last address of the block a list line names (its hex digits before the tab, padded to 48 bits).
    private static IEnumerable<MacAddress> FirstAndLast(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (line.StartsWith('#') || tab <= 0)
        {
            yield break;
        }

        var hex = new string(line[..tab].Split('/')[0].Where(char.IsAsciiHexDigit).Take(12).ToArray());
        if (hex.Length < 6)
        {
            yield break;
        }

        yield return new MacAddress(Convert.ToUInt64(hex.PadRight(12, '0'), 16));
        yield return new MacAddress(Convert.ToUInt64(hex.PadRight(12, 'f'), 16));
    }
}
