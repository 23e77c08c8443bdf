using System.Runtime.CompilerServices;

using Blinds.Protocols.Addressing;

namespace Blinds.Traffic.Devices;

/// <summary>
/// The traffic between one device and one remote service address (paper 000, section 4.1): the unit whose rate an
/// observer reads. Named after the DNS answer or TLS SNI that pointed at the address, when there was one.
/// </summary>
public sealed class ServiceStream
{
    internal ServiceStream(MacAddress device, IpAddress remote) => (Device, Remote) = (device, remote);

    /// <summary>The LAN device.</summary>
    public MacAddress Device { get; }

    /// <summary>The remote service address.</summary>
    public IpAddress Remote { get; }

    /// <summary>The service name from DNS or SNI, filled in when the trace is built.</summary>
    public string? Name { get; internal set; }

    // Where the stream first appeared: the tie-break that keeps the trace's stream order stable under List.Sort.
    internal int Order { get; set; }

    // A stream talks to one or two services: a few inline slots keep the per-packet count free of hashing.
    private readonly int[] serviceKeys = new int[4];
    private readonly long[] serviceCounts = new long[4];
    private int serviceCount;

    /// <summary>The most used remote services as "tcp/443", "udp/123"...</summary>
    public IReadOnlyList<string> TopServices(int n) =>
        Enumerable.Range(0, serviceCount)
            .OrderByDescending(i => serviceCounts[i]).ThenBy(i => serviceKeys[i]).Take(n)
            .Select(i => ServiceName(serviceKeys[i])).ToArray();

    /// <summary>Counts a packet to a remote port; ports beyond the fourth distinct one are not counted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddService(byte protocol, ushort port)
    {
        var key = (protocol << 16) | port;
        for (var i = 0; i < serviceCount; i++)
        {
            if (serviceKeys[i] == key)
            {
                serviceCounts[i]++;
                return;
            }
        }

        if (serviceCount < serviceKeys.Length)
        {
            serviceKeys[serviceCount] = key;
            serviceCounts[serviceCount++] = 1;
        }
    }

    /// <summary>"tcp/443" for a key of protocol &lt;&lt; 16 | port.</summary>
    internal static string ServiceName(int key) => $"{ProtocolName(key >> 16)}/{key & 0xffff}";

    private static string ProtocolName(int protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        58 => "icmpv6",
        _ => $"ip{protocol}",
    };

    /// <summary>Bytes the device sent on this stream.</summary>
    public long BytesUp { get; internal set; }

    /// <summary>Bytes the device received on this stream.</summary>
    public long BytesDown { get; internal set; }

    /// <summary>Packets sent.</summary>
    public long PacketsUp { get; internal set; }

    /// <summary>Packets received.</summary>
    public long PacketsDown { get; internal set; }

    /// <summary>First packet.</summary>
    public long FirstNs { get; internal set; }

    /// <summary>Last packet.</summary>
    public long LastNs { get; internal set; }

    /// <summary>Per-bin rates, when asked for.</summary>
    public Series.RateSeries? Rates { get; internal set; }
}
