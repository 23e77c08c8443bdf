using System.Globalization;
using System.Text;

using Blinds.Capture;

using Blinds.Lab.Packets;

namespace Blinds.Lab;

/// <summary>Writes a scenario's capture and its ground truth (events and devices CSV) next to it.</summary>
public static class LabOutput
{
    /// <summary>
    /// Generates <paramref name="capturePath"/> (pcapng, or pcap when the name ends in .pcap) plus
    /// NAME.events.csv and NAME.devices.csv. Refuses to replace any existing file.
    /// </summary>
    /// <param name="scenario">The home.</param>
    /// <param name="capturePath">The new capture; the ground-truth files take its name.</param>
    /// <param name="snapLength">Cut frames to this many bytes (0: whole frames).</param>
    /// <param name="wanSide">Write what the ISP captures on the uplink (after the gateway's NAT) instead of the LAN.</param>
    public static LabResult Write(Scenario scenario, string capturePath, int snapLength = 0, bool wanSide = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(capturePath);
        var stem = capturePath.EndsWith(".pcapng", StringComparison.OrdinalIgnoreCase) ? capturePath[..^7]
            : capturePath.EndsWith(".pcap", StringComparison.OrdinalIgnoreCase) ? capturePath[..^5] : capturePath;
        var eventsPath = stem + ".events.csv";
        var devicesPath = stem + ".devices.csv";
        foreach (var p in new[] { capturePath, eventsPath, devicesPath })
        {
            if (File.Exists(p))
            {
                throw new IOException($"{p}: already exists; Blinds does not overwrite files");
            }
        }

        long packets = 0;
        IReadOnlyList<LabEvent> events;
        var simulator = new HomeSimulator(scenario);
        using (var stream = CaptureWriter.CreateNew(capturePath))
        using (CaptureWriter writer = capturePath.EndsWith(".pcap", StringComparison.OrdinalIgnoreCase)
            ? new PcapWriter(stream, LinkType.Ethernet, snapLength > 0 ? snapLength : 262144)
            : new PcapNgWriter(stream, LinkType.Ethernet, "Blinds lab " + scenario.Name, snapLength))
        {
            void Write(long t, ReadOnlySpan<byte> frame)
            {
                packets++;
                writer.Write(t, snapLength > 0 && frame.Length > snapLength ? frame[..snapLength] : frame, frame.Length);
            }

            events = simulator.Run(wanSide ? new WanSide(scenario, Write).OnFrame : Write);
        }

        using (var w = new StreamWriter(CaptureWriter.CreateNew(eventsPath), new UTF8Encoding(false)))
        {
            w.WriteLine("time,device,activity");
            foreach (var e in events)
            {
                w.WriteLine($"{DateTimeOffset.FromUnixTimeMilliseconds(e.TimeNs / 1_000_000).AddTicks(e.TimeNs % 1_000_000 / 100).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)},{Field(e.Device)},{Field(e.Activity)}");
            }
        }

        using (var w = new StreamWriter(CaptureWriter.CreateNew(devicesPath), new UTF8Encoding(false)))
        {
            // One row per MAC: a device that randomises its MAC has several rows with the same name.
            w.WriteLine("mac,name,type");
            foreach (var (d, _, mac) in simulator.MacsUsed)
            {
                w.WriteLine($"{mac},{Field(d.Name)},{System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(d.Kind.ToString())}");
            }
        }

        return new LabResult(capturePath, eventsPath, devicesPath, packets, events.Count);
    }

    // A scenario's names are the user's: quoted per RFC 4180 when they hold a comma, quote or line break, so the
    // devices and events files read back whole.
    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>What a lab run wrote.</summary>
/// <param name="CapturePath">The capture.</param>
/// <param name="EventsPath">Ground-truth activities.</param>
/// <param name="DevicesPath">Ground-truth devices.</param>
/// <param name="Packets">Packets written.</param>
/// <param name="Events">Activities played.</param>
public sealed record LabResult(string CapturePath, string EventsPath, string DevicesPath, long Packets, int Events);
