using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Protocols.Tls;

/// <summary>
/// The plaintext parts of a TLS ClientHello that name the service: SNI and ALPN. Read from the first record of a
/// TCP segment only (no reassembly): a ClientHello split across segments is counted as truncated.
/// </summary>
public readonly ref struct TlsClientHello
{
    /// <summary>The server_name extension's host name.</summary>
    public ReadOnlySpan<byte> ServerName { get; init; }
    /// <summary>The first ALPN protocol offered (h2, http/1.1, mqtt...).</summary>
    public ReadOnlySpan<byte> Alpn { get; init; }
    /// <summary>The ClientHello's legacy_version (0x0303 for TLS 1.2 and 1.3).</summary>
    public ushort Version { get; init; }

    /// <summary>Quick check: a TLS handshake record carrying a ClientHello.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LooksLikeClientHello(ReadOnlySpan<byte> p) =>
        p.Length >= 6 && p[0] == 0x16 && p[1] == 3 && p[2] <= 4 && p[5] == 1;

    /// <summary>Parses the ClientHello; false when the payload is not one or is cut.</summary>
    public static bool TryParse(ReadOnlySpan<byte> p, out TlsClientHello hello, AnomalyLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        hello = default;
        if (!LooksLikeClientHello(p))
        {
            return false;
        }

        // record header (5) + handshake header (4) + version (2) + random (32)
        var pos = 5 + 4;
        if (p.Length < pos + 2 + 32 + 1)
        {
            log.Add(ProtocolAnomalies.TruncatedTls);
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(p[pos..]);
        pos += 2 + 32;
        if (!Skip8(p, ref pos) || !Skip16(p, ref pos) || !Skip8(p, ref pos))
        {
            log.Add(ProtocolAnomalies.TruncatedTls);
            return false;
        }

        ReadOnlySpan<byte> sni = default, alpn = default;
        if (pos + 2 <= p.Length)
        {
            var extEnd = pos + 2 + BinaryPrimitives.ReadUInt16BigEndian(p[pos..]);
            pos += 2;
            if (extEnd > p.Length)
            {
                log.Add(ProtocolAnomalies.TruncatedTls);
                extEnd = p.Length;
            }

            while (pos + 4 <= extEnd)
            {
                var type = BinaryPrimitives.ReadUInt16BigEndian(p[pos..]);
                var len = BinaryPrimitives.ReadUInt16BigEndian(p[(pos + 2)..]);
                var body = pos + 4;
                if (body + len > extEnd)
                {
                    break;
                }

                var ext = p.Slice(body, len);
                if (type == 0 && ext.Length >= 5 && ext[2] == 0)
                {
                    var nameLen = BinaryPrimitives.ReadUInt16BigEndian(ext[3..]);
                    if (5 + nameLen <= ext.Length)
                    {
                        sni = ext.Slice(5, nameLen);
                    }
                    else
                    {
                        log.Add(ProtocolAnomalies.BadTls);
                    }
                }
                else if (type == 16 && ext.Length >= 3 && 3 + ext[2] <= ext.Length)
                {
                    alpn = ext.Slice(3, ext[2]);
                }

                pos = body + len;
            }
        }

        hello = new TlsClientHello { ServerName = sni, Alpn = alpn, Version = version };
        return true;
    }

    private static bool Skip8(ReadOnlySpan<byte> p, ref int pos)
    {
        if (pos >= p.Length)
        {
            return false;
        }

        pos += 1 + p[pos];
        return pos <= p.Length;
    }

    private static bool Skip16(ReadOnlySpan<byte> p, ref int pos)
    {
        if (pos + 2 > p.Length)
        {
            return false;
        }

        pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(p[pos..]);
        return pos <= p.Length;
    }
}
