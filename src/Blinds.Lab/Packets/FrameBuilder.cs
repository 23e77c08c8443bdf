using System.Buffers.Binary;

using Blinds.Protocols.Addressing;

namespace Blinds.Lab.Packets;

/// <summary>
/// Writes Ethernet/IPv4/UDP or TCP frames with correct lengths and checksums into a caller's buffer, so generated
/// captures decode the same in Blinds, tshark and tcpdump.
/// </summary>
public static class FrameBuilder
{
    /// <summary>Ethernet + IPv4 + UDP header bytes.</summary>
    public const int UdpOverhead = 14 + 20 + 8;

    /// <summary>Ethernet + IPv4 + TCP header bytes (no options).</summary>
    public const int TcpOverhead = 14 + 20 + 20;

    /// <summary>Writes a UDP datagram; returns the frame length.</summary>
    public static int Udp(Span<byte> frame, MacAddress srcMac, MacAddress dstMac, IpAddress src, ushort srcPort, IpAddress dst, ushort dstPort, ReadOnlySpan<byte> payload, byte ttl = 64, ushort ipId = 0)
    {
        var l4 = 8 + payload.Length;
        Ethernet(frame, srcMac, dstMac);
        IPv4(frame[14..], src, dst, 17, l4, ttl, ipId);
        var u = frame.Slice(34, l4);
        BinaryPrimitives.WriteUInt16BigEndian(u, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(u[2..], dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(u[4..], (ushort)l4);
        BinaryPrimitives.WriteUInt16BigEndian(u[6..], 0);
        payload.CopyTo(u[8..]);
        var sum = TransportChecksum(src, dst, 17, u);
        BinaryPrimitives.WriteUInt16BigEndian(u[6..], sum == 0 ? (ushort)0xffff : sum);
        return 34 + l4;
    }

    /// <summary>Writes a TCP segment; <paramref name="payloadLength"/> bytes of payload, taken from <paramref name="payload"/> then zero-filled.</summary>
    public static int Tcp(Span<byte> frame, MacAddress srcMac, MacAddress dstMac, IpAddress src, ushort srcPort, IpAddress dst, ushort dstPort, uint seq, uint ack, byte flags, ReadOnlySpan<byte> payload, int payloadLength, byte ttl = 64, ushort ipId = 0)
    {
        var l4 = 20 + payloadLength;
        Ethernet(frame, srcMac, dstMac);
        IPv4(frame[14..], src, dst, 6, l4, ttl, ipId);
        var t = frame.Slice(34, l4);
        BinaryPrimitives.WriteUInt16BigEndian(t, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(t[8..], ack);
        t[12] = 5 << 4;
        t[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(t[14..], 65535);
        BinaryPrimitives.WriteUInt32BigEndian(t[16..], 0);
        var body = t[20..];
        var n = Math.Min(payload.Length, payloadLength);
        payload[..n].CopyTo(body);
        body[n..].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(t[16..], TransportChecksum(src, dst, 6, t));
        return 34 + l4;
    }

    /// <summary>Writes an Ethernet header for IPv4.</summary>
    public static void Ethernet(Span<byte> frame, MacAddress src, MacAddress dst)
    {
        dst.Write(frame);
        src.Write(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);
    }

    /// <summary>
    /// Recomputes the IPv4 header checksum and the TCP or UDP checksum of an Ethernet + IPv4 frame after addresses
    /// were rewritten (the NAT of <see cref="WanSide"/>).
    /// </summary>
    public static void RefreshChecksums(Span<byte> frame)
    {
        var ip = frame[14..];
        var headerLength = (ip[0] & 0xf) * 4;
        var total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Fold(Sum(ip[..headerLength], 0)));
        var protocol = ip[9];
        var offset = protocol switch { 6 => 16, 17 => 6, _ => -1 };
        if (offset < 0 || total > ip.Length)
        {
            return;
        }

        var segment = ip[headerLength..total];
        var src = IpAddress.ReadV4(ip[12..]);
        var dst = IpAddress.ReadV4(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(segment[offset..], 0);
        var sum = TransportChecksum(src, dst, protocol, segment);
        BinaryPrimitives.WriteUInt16BigEndian(segment[offset..], protocol == 17 && sum == 0 ? (ushort)0xffff : sum);
    }

    private static void IPv4(Span<byte> h, IpAddress src, IpAddress dst, byte protocol, int l4Length, byte ttl, ushort id)
    {
        h[0] = 0x45;
        h[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)(20 + l4Length));
        BinaryPrimitives.WriteUInt16BigEndian(h[4..], id);
        BinaryPrimitives.WriteUInt16BigEndian(h[6..], 0x4000); // DF
        h[8] = ttl;
        h[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(h[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], src.V4);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], dst.V4);
        BinaryPrimitives.WriteUInt16BigEndian(h[10..], Fold(Sum(h[..20], 0)));
    }

    private static ushort TransportChecksum(IpAddress src, IpAddress dst, byte protocol, ReadOnlySpan<byte> segment)
    {
        ulong sum = (src.V4 >> 16) + (src.V4 & 0xffff) + (dst.V4 >> 16) + (dst.V4 & 0xffff) + protocol + (ulong)segment.Length;
        return Fold(Sum(segment, sum));
    }

    private static ulong Sum(ReadOnlySpan<byte> data, ulong sum)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        return sum;
    }

    private static ushort Fold(ulong sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
