using System.Buffers.Binary;
using System.Text;

using Blinds.Protocols.Addressing;

namespace Blinds.Lab.Packets;

/// <summary>Writes application payloads as real devices send them: DNS, DHCP, TLS ClientHello, HTTP, SSDP.</summary>
public static class AppPayloads
{
    /// <summary>A DNS query for one A record; returns the length.</summary>
    public static int DnsQuery(Span<byte> p, ushort id, string name, ushort type = 1)
    {
        ArgumentNullException.ThrowIfNull(name);
        BinaryPrimitives.WriteUInt16BigEndian(p, id);
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], 0x0100); // RD
        BinaryPrimitives.WriteUInt16BigEndian(p[4..], 1);
        p[6..12].Clear();
        var n = 12 + WriteName(p[12..], name);
        BinaryPrimitives.WriteUInt16BigEndian(p[n..], type);
        BinaryPrimitives.WriteUInt16BigEndian(p[(n + 2)..], 1);
        return n + 4;
    }

    /// <summary>
    /// A DNS response: the question, optionally a CNAME from the question to <paramref name="cname"/>, then one A
    /// record per address owned by the last name. Uses compression pointers like real servers.
    /// </summary>
    public static int DnsResponse(Span<byte> p, ushort id, string name, string? cname, IReadOnlyList<IpAddress> addresses, uint ttl = 300)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(addresses);
        BinaryPrimitives.WriteUInt16BigEndian(p, id);
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], 0x8180);
        BinaryPrimitives.WriteUInt16BigEndian(p[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(p[6..], (ushort)(addresses.Count + (cname is null ? 0 : 1)));
        p[8..12].Clear();
        var n = 12 + WriteName(p[12..], name);
        BinaryPrimitives.WriteUInt16BigEndian(p[n..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(p[(n + 2)..], 1);
        n += 4;
        var owner = (ushort)0xc00c; // pointer to the question name
        if (cname is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(p[n..], owner);
            BinaryPrimitives.WriteUInt16BigEndian(p[(n + 2)..], 5);
            BinaryPrimitives.WriteUInt16BigEndian(p[(n + 4)..], 1);
            BinaryPrimitives.WriteUInt32BigEndian(p[(n + 6)..], ttl);
            var targetAt = n + 12;
            var len = WriteName(p[targetAt..], cname);
            BinaryPrimitives.WriteUInt16BigEndian(p[(n + 10)..], (ushort)len);
            owner = (ushort)(0xc000 | targetAt);
            n = targetAt + len;
        }

        foreach (var a in addresses)
        {
            BinaryPrimitives.WriteUInt16BigEndian(p[n..], owner);
            BinaryPrimitives.WriteUInt16BigEndian(p[(n + 2)..], 1);
            BinaryPrimitives.WriteUInt16BigEndian(p[(n + 4)..], 1);
            BinaryPrimitives.WriteUInt32BigEndian(p[(n + 6)..], ttl);
            BinaryPrimitives.WriteUInt16BigEndian(p[(n + 10)..], 4);
            BinaryPrimitives.WriteUInt32BigEndian(p[(n + 12)..], a.V4);
            n += 16;
        }

        return n;
    }

    /// <summary>An mDNS announcement: one A record for <paramref name="name"/> (cache-flush set).</summary>
    public static int MdnsAnnouncement(Span<byte> p, string name, IpAddress address)
    {
        BinaryPrimitives.WriteUInt16BigEndian(p, 0);
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], 0x8400);
        BinaryPrimitives.WriteUInt16BigEndian(p[4..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(p[6..], 1);
        p[8..12].Clear();
        var n = 12 + WriteName(p[12..], name);
        BinaryPrimitives.WriteUInt16BigEndian(p[n..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(p[(n + 2)..], 0x8001);
        BinaryPrimitives.WriteUInt32BigEndian(p[(n + 4)..], 120);
        BinaryPrimitives.WriteUInt16BigEndian(p[(n + 8)..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(p[(n + 10)..], address.V4);
        return n + 14;
    }

    /// <summary>A DHCP DISCOVER (type 1) or REQUEST (type 3) from a client; returns the length.</summary>
    public static int DhcpClient(Span<byte> p, byte messageType, uint xid, MacAddress mac, string? hostName, string? vendorClass, ReadOnlySpan<byte> parameterList, IpAddress requested)
    {
        p[..240].Clear();
        p[0] = 1;
        p[1] = 1;
        p[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(p[4..], xid);
        mac.Write(p[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(p[236..], 0x63825363);
        var n = 240;
        n = Option(p, n, 53, [messageType]);
        Span<byte> clientId = stackalloc byte[7];
        clientId[0] = 1;
        mac.Write(clientId[1..]);
        n = Option(p, n, 61, clientId);
        if (requested != default)
        {
            Span<byte> ip = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(ip, requested.V4);
            n = Option(p, n, 50, ip);
        }

        if (hostName is not null)
        {
            n = Option(p, n, 12, Encoding.ASCII.GetBytes(hostName));
        }

        if (vendorClass is not null)
        {
            n = Option(p, n, 60, Encoding.ASCII.GetBytes(vendorClass));
        }

        n = Option(p, n, 55, parameterList);
        p[n++] = 255;
        return n;
    }

    /// <summary>A DHCP OFFER (2) or ACK (5) from the server.</summary>
    public static int DhcpServer(Span<byte> p, byte messageType, uint xid, MacAddress mac, IpAddress yourIp, IpAddress server)
    {
        p[..240].Clear();
        p[0] = 2;
        p[1] = 1;
        p[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(p[4..], xid);
        BinaryPrimitives.WriteUInt32BigEndian(p[16..], yourIp.V4);
        mac.Write(p[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(p[236..], 0x63825363);
        var n = Option(p, 240, 53, [messageType]);
        Span<byte> ip = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(ip, server.V4);
        n = Option(p, n, 54, ip);
        BinaryPrimitives.WriteUInt32BigEndian(ip, 86400);
        n = Option(p, n, 51, ip);
        p[n++] = 255;
        return n;
    }

    /// <summary>A TLS 1.2/1.3 ClientHello record with SNI and ALPN; returns the length.</summary>
    public static int TlsClientHello(Span<byte> p, string serverName, string? alpn, Random rng)
    {
        ArgumentNullException.ThrowIfNull(serverName);
        ArgumentNullException.ThrowIfNull(rng);
        var sni = Encoding.ASCII.GetBytes(serverName);
        var n = 0;
        p[n++] = 0x16;
        p[n++] = 3;
        p[n++] = 1;
        var recordLen = n;
        n += 2;
        p[n++] = 1; // ClientHello
        var helloLen = n;
        n += 3;
        p[n++] = 3;
        p[n++] = 3;
        rng.NextBytes(p.Slice(n, 32));
        n += 32;
        p[n++] = 32;
        rng.NextBytes(p.Slice(n, 32));
        n += 32;
        ReadOnlySpan<byte> suites = [0x13, 0x01, 0x13, 0x02, 0x13, 0x03, 0xc0, 0x2b, 0xc0, 0x2f, 0xc0, 0x2c, 0xc0, 0x30];
        BinaryPrimitives.WriteUInt16BigEndian(p[n..], (ushort)suites.Length);
        suites.CopyTo(p[(n + 2)..]);
        n += 2 + suites.Length;
        p[n++] = 1;
        p[n++] = 0;
        var extLen = n;
        n += 2;
        // server_name
        BinaryPrimitives.WriteUInt16BigEndian(p[n..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(p[(n + 2)..], (ushort)(sni.Length + 5));
        BinaryPrimitives.WriteUInt16BigEndian(p[(n + 4)..], (ushort)(sni.Length + 3));
        p[n + 6] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(p[(n + 7)..], (ushort)sni.Length);
        sni.CopyTo(p[(n + 9)..]);
        n += 9 + sni.Length;
        if (alpn is not null)
        {
            var a = Encoding.ASCII.GetBytes(alpn);
            BinaryPrimitives.WriteUInt16BigEndian(p[n..], 16);
            BinaryPrimitives.WriteUInt16BigEndian(p[(n + 2)..], (ushort)(a.Length + 3));
            BinaryPrimitives.WriteUInt16BigEndian(p[(n + 4)..], (ushort)(a.Length + 1));
            p[n + 6] = (byte)a.Length;
            a.CopyTo(p[(n + 7)..]);
            n += 7 + a.Length;
        }

        BinaryPrimitives.WriteUInt16BigEndian(p[extLen..], (ushort)(n - extLen - 2));
        var hl = n - helloLen - 3;
        p[helloLen] = (byte)(hl >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(p[(helloLen + 1)..], (ushort)hl);
        BinaryPrimitives.WriteUInt16BigEndian(p[recordLen..], (ushort)(n - 5));
        return n;
    }

    /// <summary>An HTTP/1.1 request head.</summary>
    public static int HttpRequest(Span<byte> p, string method, string target, string host, string? userAgent) =>
        Encoding.ASCII.GetBytes($"{method} {target} HTTP/1.1\r\nHost: {host}\r\n{(userAgent is null ? string.Empty : $"User-Agent: {userAgent}\r\n")}Accept: */*\r\n\r\n", p);

    /// <summary>An SSDP NOTIFY ssdp:alive.</summary>
    public static int SsdpNotify(Span<byte> p, string location, string notificationType, string usn, string server) =>
        Encoding.ASCII.GetBytes($"NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=100\r\nLOCATION: {location}\r\nSERVER: {server}\r\nNTS: ssdp:alive\r\nNT: {notificationType}\r\nUSN: {usn}\r\n\r\n", p);

    /// <summary>Writes a DNS name in wire form; returns its length.</summary>
    public static int WriteName(Span<byte> p, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = 0;
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            p[n++] = (byte)label.Length;
            n += Encoding.ASCII.GetBytes(label, p[n..]);
        }

        p[n++] = 0;
        return n;
    }

    private static int Option(Span<byte> p, int n, byte code, ReadOnlySpan<byte> value)
    {
        p[n] = code;
        p[n + 1] = (byte)value.Length;
        value.CopyTo(p[(n + 2)..]);
        return n + 2 + value.Length;
    }
}
