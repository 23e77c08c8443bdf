using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Protocols;

namespace Blinds.Flows;

/// <summary>
/// Finds NetFlow/IPFIX export datagrams in a pcap or pcapng (UDP to the usual collector ports) and decodes them.
/// The capture readers and the packet decoder do the framing; this only picks the payloads.
/// </summary>
public static class ExportCaptureReader
{
    /// <summary>UDP ports collectors listen on: NetFlow 2055, 9995, 9996; IPFIX 4739.</summary>
    public static readonly IReadOnlySet<ushort> CollectorPorts = new HashSet<ushort> { 2055, 4739, 9995, 9996 };

    /// <summary>True when a decoded packet is a UDP datagram to a collector port that starts like an export header.</summary>
    public static bool IsExportDatagram(in PacketInfo info, ReadOnlySpan<byte> packet) =>
        info.Protocol == PacketDecoder.Udp && info.HasPorts && !info.IsLaterFragment
        && CollectorPorts.Contains(info.DestinationPort)
        && NetFlowDecoder.LooksLikeExport(info.Payload(packet));

    /// <summary>Reads every export datagram of <paramref name="reader"/> into <paramref name="decoder"/>; other packets are skipped.</summary>
    public static long Read(CaptureReader reader, NetFlowDecoder decoder, IFlowSink sink)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(decoder);
        long datagrams = 0;
        var scratch = new AnomalyLog(); // the export packets' own IP/UDP oddities are not the flows' anomalies
        while (reader.TryRead(out var record))
        {
            var info = default(PacketInfo);
            var data = record.Data;
            if (!PacketDecoder.Decode(record.LinkType, data, ref info, scratch) || !IsExportDatagram(info, data))
            {
                continue;
            }

            datagrams++;
            decoder.Decode(info.Payload(data), info.SourceIp, sink, record.FileOffset);
        }

        return datagrams;
    }

    /// <summary>
    /// True when most of the first packets (ICMP aside: a collector that was not listening answers with port
    /// unreachable) are export datagrams: a capture taken at a collector rather than in a home.
    /// </summary>
    public static bool LooksLikeExportCapture(CaptureReader reader, int sample = 64)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int export = 0, other = 0;
        var scratch = new AnomalyLog();
        while (export + other < sample && reader.TryRead(out var record))
        {
            var info = default(PacketInfo);
            var data = record.Data;
            if (!PacketDecoder.Decode(record.LinkType, data, ref info, scratch) || info.Protocol is PacketDecoder.Icmp or PacketDecoder.Icmpv6)
            {
                continue;
            }

            if (IsExportDatagram(info, data))
            {
                export++;
            }
            else
            {
                other++;
            }
        }

        return export > 0 && export >= other;
    }
}
