using System.Buffers.Binary;

using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// Flow records replayed as the packets they stand for, at the flows' resolution: each flow's packets evenly spaced
/// over [start, end], each of the flow's mean size (the remainder spread one byte each over the first packets, so
/// totals stay exact). Written as a pcap of header-only Ethernet frames (the wire length keeps the size), so that
/// whatever replays captures (the defence simulator) can take flow records. The home side's MAC is the one the
/// exporter sent, else one made up from its address (locally administered); the far side's is the exporter's, else
/// a made-up gateway's. No payload, so no names: as with the flows themselves.
/// </summary>
public static class FlowPackets
{
    /// <summary>The MAC given to the remote side of flows whose exporter sent none: the home's gateway, made up.</summary>
    public static readonly MacAddress Gateway = new(0x02_00_00_00_00_01UL);

    private const int EthernetHeader = 14;
    private const int Snap = 128;

    /// <summary>
    /// Writes every flow with a home side (an address in <paramref name="home"/>, else a private one) to
    /// <paramref name="output"/> as a nanosecond pcap in time order; returns the packets written.
    /// </summary>
    public static long WritePcap(FlowLog flows, Stream output, IReadOnlySet<IpAddress>? home = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(output);
        bool IsHome(IpAddress a) => home?.Contains(a) ?? a.IsLocal;
        var list = flows.Flows.Where(f => f.Packets > 0 && (IsHome(f.SourceIp) || IsHome(f.DestinationIp))).ToArray();

        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b23c4d); // nanosecond pcap
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), Snap);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1); // Ethernet
        output.Write(header);

        // One pending packet per flow, merged by time: memory is O(flows), never O(packets).
        var queue = new PriorityQueue<(int Flow, long Index), (long TimeNs, int Flow)>();
        for (var i = 0; i < list.Length; i++)
        {
            queue.Enqueue((i, 0), (list[i].StartNs, i));
        }

        var record = new byte[16 + Snap];
        long written = 0;
        while (queue.TryDequeue(out var next, out var at))
        {
            var f = list[next.Flow];
            var size = f.Bytes / f.Packets + (next.Index < f.Bytes % f.Packets ? 1 : 0);
            var captured = Frame(f, IsHome(f.SourceIp), IsHome(f.DestinationIp), (int)Math.Clamp(size, 0, 65535), record.AsSpan(16), out var wire);
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(at.TimeNs / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(at.TimeNs % 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)captured);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)wire);
            output.Write(record, 0, 16 + captured);
            written++;
            if (next.Index + 1 < f.Packets)
            {
                var index = next.Index + 1;
                var time = f.StartNs + (long)((double)(f.EndNs - f.StartNs) * index / (f.Packets - 1));
                queue.Enqueue((next.Flow, index), (time, next.Flow));
            }
        }

        return written;
    }

    /// <summary>A MAC for a home address the exporter gave none for: locally administered, from the address.</summary>
    public static MacAddress MadeUpMac(IpAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        var n = address.Write(b);
        var tail = BinaryPrimitives.ReadUInt32BigEndian(b[(n - 4)..n]);
        return new MacAddress(0x06_00_00_00_00_00UL | tail);
    }

    // Headers only: Ethernet, IPv4 or IPv6 with the flow's mean size as its length, TCP (ACK) or UDP; the wire
    // length is what the packet was. Returns the captured length.
    private static int Frame(in FlowObservation f, bool srcHome, bool dstHome, int ipSize, Span<byte> frame, out int wire)
    {
        var v4 = f.SourceIp.IsV4;
        var ipHeader = v4 ? 20 : 40;
        var transport = f.Protocol switch { 6 => 20, 17 => 8, _ => 0 };
        ipSize = Math.Max(ipSize, ipHeader + transport);
        wire = EthernetHeader + ipSize;
        frame[..(EthernetHeader + ipHeader + transport)].Clear();
        Mac(f.DestinationMac, f.DestinationIp, dstHome).Write(frame);
        Mac(f.SourceMac, f.SourceIp, srcHome).Write(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], v4 ? (ushort)0x0800 : (ushort)0x86dd);
        var ip = frame[EthernetHeader..];
        if (v4)
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipSize);
            ip[8] = 64;
            ip[9] = f.Protocol;
            f.SourceIp.Write(ip[12..]);
            f.DestinationIp.Write(ip[16..]);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..20]));
        }
        else
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(ipSize - 40));
            ip[6] = f.Protocol;
            ip[7] = 64;
            f.SourceIp.Write(ip[8..]);
            f.DestinationIp.Write(ip[24..]);
        }

        var t = ip[ipHeader..];
        if (transport > 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t, f.SourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(t[2..], f.DestinationPort);
        }

        if (f.Protocol == 6)
        {
            t[12] = 0x50; // data offset 5 words
            t[13] = 0x10; // ACK: a packet in the middle of a connection
        }
        else if (f.Protocol == 17)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t[4..], (ushort)(ipSize - ipHeader));
        }

        return EthernetHeader + ipHeader + transport;
    }

    private static MacAddress Mac(ulong sent, IpAddress address, bool home) =>
        sent != 0 ? new MacAddress(sent) : home ? MadeUpMac(address) : Gateway;

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
