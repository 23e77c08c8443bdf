using System.Globalization;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Testing;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Traffic.Tests;

/// <summary>Every capture in ../shared/data, checked against what capinfos (Wireshark 4.0) reported in INVENTORY.csv.</summary>
public class CorpusTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Every_capture_reads_and_agrees_with_capinfos()
    {
        var data = SharedData.Require();
        var rows = Inventory.Load(data).Where(r => File.Exists(r.File)).ToArray();
        Assert.True(rows.Length > 1000, $"only {rows.Length} captures found in {data}");
        var problems = new List<string>();
        int compared = 0, refused = 0, stopped = 0, oddTimes = 0, spliced = 0;
        foreach (var row in rows)
        {
            Trace trace;
            try
            {
                trace = TraceBuilder.ReadFiles([row.File]);
            }
            catch (CaptureFormatException e)
            {
                // Only formats Blinds does not read (snoop, compressed pcapng variants) and files capinfos could not read either may be refused.
                refused++;
                if (row.CapinfosOk && row.Type is "pcap" or "pcapng" or "nsecpcap")
                {
                    problems.Add($"refused a file capinfos reads: {e.Message}");
                }

                continue;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                problems.Add($"{row.File}: {e.GetType().Name}: {e.Message}");
                continue;
            }

            var c = trace.Captures[0];
            if (c.StopError is not null)
            {
                stopped++;
            }

            if (!row.CapinfosOk || row.Packets is null)
            {
                continue;
            }

            compared++;
            if (c.Packets != row.Packets)
            {
                problems.Add($"{row.File}: {c.Packets} packets, capinfos {row.Packets} (stop: {c.StopError})");
                continue;
            }

            var firstDiffers = row.Start != "n/a" && row.Packets > 0 && c.FirstNs is { } first && Micro(first) != Micro(row.Start);
            var lastDiffers = row.End != "n/a" && row.Packets > 0 && c.LastNs is { } last && Micro(last) != Micro(row.End);
            if (!firstDiffers && !lastDiffers)
            {
                continue;
            }

            // capinfos keeps invalid fractions unnormalised (printing ".1000000" or negative microseconds), which also
            // upsets its earliest/latest when time runs backwards; Blinds carries the excess into the seconds, as
            // tcpdump -tt shows. Only files whose reading counted such timestamps may disagree, and they are counted.
            if (trace.Anomalies.Count(CaptureAnomalies.TimeWentBackwards) > 0 || trace.Anomalies.Count(CaptureAnomalies.PcapBadTimestampFraction) > 0)
            {
                oddTimes++;
                continue;
            }

            // Sample files spliced from captures years apart: the packets far from the bulk are left out
            // (time_outlier), so the kept first/last lie inside capinfos' range of all packets.
            if (c.TimeOutliers > 0 && string.CompareOrdinal(Micro(c.FirstNs!.Value), Micro(row.Start)) >= 0 && string.CompareOrdinal(Micro(c.LastNs!.Value), Micro(row.End)) <= 0)
            {
                spliced++;
                continue;
            }

            problems.Add($"{row.File}: first/last {Micro(c.FirstNs!.Value)} / {Micro(c.LastNs!.Value)}, capinfos {row.Start} / {row.End}");
        }

        output.WriteLine($"{rows.Length} captures: {compared} compared with capinfos ({oddTimes} with invalid or backward timestamps disagree on first/last only, {spliced} spliced from years apart keep their bulk), {refused} refused with a one-line error, {stopped} stopped early with a one-line error");
        foreach (var p in problems)
        {
            output.WriteLine(p);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} disagreements, first: {string.Join(" | ", problems.Take(5))}");
    }

    private static string Micro(long ns)
    {
        var s = Math.DivRem(ns, 1_000_000_000L, out var frac);
        if (frac < 0)
        {
            s--;
            frac += 1_000_000_000L;
        }

        return DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "." + (frac / 1000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static string Micro(string capinfos) => capinfos.Length > 26 ? capinfos[..26] : capinfos;
}
