using System.Buffers.Binary;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Protocols.Dhcp;

/// <summary>
/// A DHCPv4 message: the fixed BOOTP fields and the options that identify a device (12 hostname, 50 requested
/// address, 53 message type, 55 parameter request list, 60 vendor class, 61 client id, 81 client FQDN). Spans point
/// into the packet.
/// </summary>
public readonly ref struct DhcpMessage
{
    /// <summary>1 request, 2 reply.</summary>
    public byte Op { get; init; }
    /// <summary>Transaction id.</summary>
    public uint TransactionId { get; init; }
    /// <summary>chaddr: the client's hardware address.</summary>
    public MacAddress ClientMac { get; init; }
    /// <summary>ciaddr.</summary>
    public IpAddress ClientIp { get; init; }
    /// <summary>yiaddr: the address the server gives.</summary>
    public IpAddress YourIp { get; init; }
    /// <summary>Option 53 (1 DISCOVER, 2 OFFER, 3 REQUEST, 4 DECLINE, 5 ACK, 6 NAK, 7 RELEASE, 8 INFORM); 0 if absent.</summary>
    public byte MessageType { get; init; }
    /// <summary>Option 50.</summary>
    public IpAddress RequestedIp { get; init; }
    /// <summary>Option 12.</summary>
    public ReadOnlySpan<byte> HostName { get; init; }
    /// <summary>Option 55: the order of requested options is a well-known OS/firmware fingerprint.</summary>
    public ReadOnlySpan<byte> ParameterList { get; init; }
    /// <summary>Option 60.</summary>
    public ReadOnlySpan<byte> VendorClass { get; init; }
    /// <summary>Option 61 (type byte included).</summary>
    public ReadOnlySpan<byte> ClientId { get; init; }
    /// <summary>Option 81's domain name part (after flags and the two rcodes).</summary>
    public ReadOnlySpan<byte> Fqdn { get; init; }

    /// <summary>Parses a BOOTP/DHCP payload. False when it is not DHCP or is cut before the options.</summary>
    public static bool TryParse(ReadOnlySpan<byte> p, out DhcpMessage message, AnomalyLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        message = default;
        if (p.Length < 240)
        {
            log.Add(ProtocolAnomalies.TruncatedDhcp);
            return false;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(p[236..]) != 0x63825363)
        {
            log.Add(ProtocolAnomalies.DhcpBadMagic);
            return false;
        }

        byte type = 0;
        IpAddress requested = default;
        ReadOnlySpan<byte> host = [], prl = [], vendor = [], clientId = [], fqdn = [];
        var pos = 240;
        while (pos < p.Length)
        {
            var code = p[pos];
            if (code == 255)
            {
                break;
            }

            if (code == 0)
            {
                pos++;
                continue;
            }

            if (pos + 1 >= p.Length || pos + 2 + p[pos + 1] > p.Length)
            {
                log.Add(ProtocolAnomalies.DhcpBadOption);
                break;
            }

            var v = p.Slice(pos + 2, p[pos + 1]);
            switch (code)
            {
                case 12: host = v; break;
                case 50 when v.Length == 4: requested = IpAddress.ReadV4(v); break;
                case 53 when v.Length >= 1: type = v[0]; break;
                case 55: prl = v; break;
                case 60: vendor = v; break;
                case 61: clientId = v; break;
                case 81 when v.Length > 3: fqdn = v[3..]; break;
                default: break;
            }

            pos += 2 + v.Length;
        }

        message = new DhcpMessage
        {
            Op = p[0],
            TransactionId = BinaryPrimitives.ReadUInt32BigEndian(p[4..]),
            ClientIp = IpAddress.ReadV4(p[12..]),
            YourIp = IpAddress.ReadV4(p[16..]),
            ClientMac = p[1] == 1 && p[2] == 6 ? MacAddress.Read(p[28..]) : default,
            MessageType = type,
            RequestedIp = requested,
            HostName = TrimNul(host),
            ParameterList = prl,
            VendorClass = TrimNul(vendor),
            ClientId = clientId,
            Fqdn = TrimNul(fqdn),
        };
        return true;
    }

    private static ReadOnlySpan<byte> TrimNul(ReadOnlySpan<byte> s)
    {
        var i = s.IndexOf((byte)0);
        return i >= 0 ? s[..i] : s;
    }
}
