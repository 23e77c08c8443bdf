using Blinds.Attacks.Scoring;
using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Protocols;
using Blinds.Testing;
using Blinds.Traffic;

namespace Blinds.Fuzz;

/// <summary>
/// One target per input Blinds reads. A target throws (and AFL records a crash) on any exception other than the
/// documented one-line input errors, and checks cheap invariants beyond "no crash".
/// Flow-record inputs (NetFlow/IPFIX datagrams, flow files, Zeek logs) are <see cref="FlowTargets"/>.
/// </summary>
public static class Targets
{
    /// <summary>Targets by name (the first argument).</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["capture"] = Capture,
        ["decoder"] = Decoder,
        ["devices-csv"] = bytes => LabelFile(bytes, p => DeviceLabels.Read(p)),
        ["events-csv"] = bytes => LabelFile(bytes, p => EventLabels.Read(p)),
        ["netflow"] = FlowTargets.NetFlow,
        ["flow-file"] = FlowTargets.FlowFile,
        ["zeek"] = FlowTargets.Zeek,
    };

    /// <summary>Small valid inputs for <paramref name="target"/> generated here (the seed corpus of targets that ../shared/data has no inputs for), by file name.</summary>
    public static IReadOnlyDictionary<string, byte[]> Seeds(string target) => target switch
    {
        "devices-csv" => new Dictionary<string, byte[]>
        {
            ["devices.csv"] = "mac,name,type\n00:17:88:24:76:ff,hue bridge,hub\n\"18:b4:30:aa:bb:01\",\"Nest cam, hallway\",camera\n"u8.ToArray(),
            ["reordered.csv"] = "type,name,mac\nplug,\"lamp [hall]\",50:c7:bf:00:fc:a3\n"u8.ToArray(),
        },
        "events-csv" => new Dictionary<string, byte[]>
        {
            ["events.csv"] = "time,device,activity\n2026-01-05T06:30:00Z,hue bridge,toggle\n2026-01-05T06:31:00.5Z,\"Nest cam, hallway\",motion\n"u8.ToArray(),
        },
        _ => FlowTargets.Seeds(target),
    };

    /// <summary>
    /// A capture file (any format, compressed or not) read into a trace. Invariant: reading it through a stream that
    /// returns 7 bytes at a time gives the same packets, bytes and anomalies as reading it whole.
    /// </summary>
    public static void Capture(byte[] bytes)
    {
        var whole = Read(new MemoryStream(bytes));
        var chunked = Read(new ChunkedStream(bytes, 7));
        if (whole != chunked)
        {
            throw new InvalidOperationException($"chunked read differs from whole read: {chunked} vs {whole}");
        }
    }

    /// <summary>Raw packet bytes for each link type: the first byte picks the link type, the rest is the packet.</summary>
    public static void Decoder(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return;
        }

        LinkType[] links = [LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Ieee80211, LinkType.Ieee80211Radiotap, LinkType.Null];
        var info = default(PacketInfo);
        var log = new AnomalyLog();
        var packet = bytes.AsSpan(1);
        if (PacketDecoder.Decode(links[bytes[0] % links.Length], packet, ref info, log) && info.IpVersion != 0 && info.PayloadLength > 0)
        {
            // The payload the decoder reports must lie inside the packet.
            _ = info.Payload(packet);
        }
    }

    private static string Read(Stream stream)
    {
        var builder = new TraceBuilder(new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true, NowNs = 1_800_000_000_000_000_000 });
        try
        {
            using var reader = CaptureReader.Open(stream, builder.Log, "fuzz");
            builder.Read(reader);
        }
        catch (CaptureFormatException e)
        {
            return "refused: " + e.Message;
        }

        var trace = builder.Build();
        return $"{trace.Packets} packets, {trace.Devices.Count} devices, {trace.Streams.Count} streams, {trace.FlowCount} flows, anomalies {string.Join(",", trace.Anomalies.Entries.Select(e => $"{e.Anomaly.Id}={e.Count}"))}";
    }

    // Label files are read from paths, as the CLI does; their documented failure is a FormatException naming file and line.
    private static void LabelFile(byte[] bytes, Action<string> read)
    {
        var path = Path.Combine(Path.GetTempPath(), $"blinds-fuzz-{Environment.ProcessId}.csv");
        File.WriteAllBytes(path, bytes);
        try
        {
            read(path);
        }
        catch (FormatException)
        {
        }
        finally
        {
            File.Delete(path);
        }
    }
}
