using System.Buffers.Binary;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Protocols.Dns;

/// <summary>
/// DNS and mDNS messages (RFC 1035, RFC 6762): questions and answer/additional records, names with compression.
/// Compression pointers are followed at most 64 times and a name is capped at 255 bytes, so crafted loops end.
/// </summary>
public static class DnsParser
{
    /// <summary>Longest name in presentation form.</summary>
    public const int MaxNameLength = 255;
    private const int MaxJumps = 64;
    private const int MaxRecords = 512;

    /// <summary>Reads the header; false when the message is shorter than 12 bytes.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> m, out DnsHeader header)
    {
        header = default;
        if (m.Length < 12)
        {
            return false;
        }

        header = new DnsHeader(
            BinaryPrimitives.ReadUInt16BigEndian(m),
            BinaryPrimitives.ReadUInt16BigEndian(m[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(m[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(m[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(m[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(m[10..]));
        return true;
    }

    /// <summary>
    /// Walks the message, calling <paramref name="visitor"/> for every question and for answer and additional
    /// records (mDNS announces in both). Returns false when the message was cut or malformed part-way; what came
    /// before was still reported.
    /// </summary>
    public static bool Parse<TVisitor>(ReadOnlySpan<byte> m, TVisitor visitor, AnomalyLog log)
        where TVisitor : IDnsVisitor
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!TryReadHeader(m, out var h))
        {
            log.Add(ProtocolAnomalies.TruncatedDns);
            return false;
        }

        Span<byte> name = stackalloc byte[MaxNameLength];
        Span<byte> target = stackalloc byte[MaxNameLength];
        var pos = 12;
        for (var i = 0; i < h.Questions && i < MaxRecords; i++)
        {
            pos = ReadName(m, pos, name, out var len, log);
            if (pos < 0 || pos + 4 > m.Length)
            {
                if (pos >= 0)
                {
                    log.Add(ProtocolAnomalies.TruncatedDns);
                }

                return false;
            }

            visitor.OnQuestion(name[..len], BinaryPrimitives.ReadUInt16BigEndian(m[pos..]));
            pos += 4;
        }

        var records = h.Answers + h.Authorities + h.Additionals;
        for (var i = 0; i < records && i < MaxRecords; i++)
        {
            pos = ReadName(m, pos, name, out var len, log);
            if (pos < 0 || pos + 10 > m.Length)
            {
                if (pos >= 0)
                {
                    log.Add(ProtocolAnomalies.TruncatedDns);
                }

                return false;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(m[pos..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(m[(pos + 4)..]);
            var rdlen = BinaryPrimitives.ReadUInt16BigEndian(m[(pos + 8)..]);
            var rdata = pos + 10;
            if (rdata + rdlen > m.Length)
            {
                log.Add(ProtocolAnomalies.TruncatedDns);
                return false;
            }

            pos = rdata + rdlen;
            var inAuthority = i >= h.Answers && i < h.Answers + h.Authorities;
            if (inAuthority)
            {
                continue;
            }

            switch (type)
            {
                case DnsRecordType.A:
                    if (rdlen != 4)
                    {
                        log.Add(ProtocolAnomalies.DnsBadRecordLength);
                        break;
                    }

                    visitor.OnAnswer(name[..len], type, ttl, IpAddress.ReadV4(m[rdata..]), []);
                    break;
                case DnsRecordType.Aaaa:
                    if (rdlen != 16)
                    {
                        log.Add(ProtocolAnomalies.DnsBadRecordLength);
                        break;
                    }

                    visitor.OnAnswer(name[..len], type, ttl, IpAddress.ReadV6(m[rdata..]), []);
                    break;
                case DnsRecordType.Cname or DnsRecordType.Ptr or DnsRecordType.Srv:
                    var at = type == DnsRecordType.Srv ? rdata + 6 : rdata;
                    if (at > pos)
                    {
                        log.Add(ProtocolAnomalies.DnsBadRecordLength);
                        break;
                    }

                    if (ReadName(m, at, target, out var tlen, log) >= 0)
                    {
                        visitor.OnAnswer(name[..len], type, ttl, default, target[..tlen]);
                    }

                    break;
                default:
                    visitor.OnAnswer(name[..len], type, ttl, default, []);
                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads a possibly compressed name at <paramref name="offset"/> into <paramref name="dest"/> (lower-case, dotted,
    /// no trailing dot; the root is empty). Returns the offset after the name in the message, or -1.
    /// </summary>
    public static int ReadName(ReadOnlySpan<byte> m, int offset, Span<byte> dest, out int length, AnomalyLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        length = 0;
        var pos = offset;
        var after = -1;
        var jumps = 0;
        while (true)
        {
            if (pos >= m.Length)
            {
                log.Add(ProtocolAnomalies.TruncatedDns);
                return -1;
            }

            var b = m[pos];
            switch (b & 0xc0)
            {
                case 0x00:
                    if (b == 0)
                    {
                        return after >= 0 ? after : pos + 1;
                    }

                    if (pos + 1 + b > m.Length)
                    {
                        log.Add(ProtocolAnomalies.TruncatedDns);
                        return -1;
                    }

                    if (length + b + (length > 0 ? 1 : 0) > dest.Length)
                    {
                        log.Add(ProtocolAnomalies.DnsNameTooLong);
                        return -1;
                    }

                    if (length > 0)
                    {
                        dest[length++] = (byte)'.';
                    }

                    foreach (var c in m.Slice(pos + 1, b))
                    {
                        dest[length++] = c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c | 0x20) : c is >= 0x20 and < 0x7f ? c : (byte)'?';
                    }

                    pos += 1 + b;
                    break;
                case 0xc0:
                    if (pos + 1 >= m.Length)
                    {
                        log.Add(ProtocolAnomalies.TruncatedDns);
                        return -1;
                    }

                    if (++jumps > MaxJumps)
                    {
                        log.Add(ProtocolAnomalies.DnsLabelLoop);
                        return -1;
                    }

                    var ptr = ((b & 0x3f) << 8) | m[pos + 1];
                    if (after < 0)
                    {
                        after = pos + 2;
                    }

                    if (ptr >= m.Length)
                    {
                        log.Add(ProtocolAnomalies.DnsBadPointer);
                        return -1;
                    }

                    pos = ptr;
                    break;
                default:
                    log.Add(ProtocolAnomalies.DnsBadLabelType);
                    return -1;
            }
        }
    }
}
