using System.Runtime.CompilerServices;

using Blinds.Protocols.Addressing;

namespace Blinds.Traffic.Devices;

/// <summary>
/// One LAN station as the home sees it, keyed by its MAC: addresses, the names it gives itself (DHCP, mDNS, SSDP) and
/// asks for (DNS, TLS SNI, HTTP Host), and how much it sends and receives.
/// </summary>
public sealed class Device
{
    private readonly AddressList addresses = new();
    private IpAddress lastAddress;
    private readonly List<HttpRequestSample> httpSamples = [];

    /// <summary>Creates a device record.</summary>
    public Device(MacAddress mac) => Mac = mac;

    /// <summary>The device's MAC (for raw-IP captures without MACs, a synthetic one from its address).</summary>
    public MacAddress Mac { get; }

    /// <summary>True when this station forwards the home's internet traffic.</summary>
    public bool IsGateway { get; internal set; }

    /// <summary>Local IP addresses the device used or was given (at most 32).</summary>
    public IReadOnlyCollection<IpAddress> Addresses => addresses;

    /// <summary>DHCP option 12 values.</summary>
    public Counter DhcpHostNames { get; } = new(64);

    /// <summary>DHCP option 60 values.</summary>
    public Counter DhcpVendorClasses { get; } = new(64);

    /// <summary>DHCP option 55 lists as comma-separated option numbers.</summary>
    public Counter DhcpParameterLists { get; } = new(64);

    /// <summary>DHCP option 61 values in hex.</summary>
    public Counter DhcpClientIds { get; } = new(64);

    /// <summary>DHCP option 81 names.</summary>
    public Counter DhcpFqdns { get; } = new(64);

    /// <summary>Names the device asked DNS about.</summary>
    public Counter DnsQueries { get; } = new();

    /// <summary>Names the device asked about over mDNS (and LLMNR).</summary>
    public Counter MdnsQueries { get; } = new(1024);

    /// <summary>Names the device announced over mDNS.</summary>
    public Counter MdnsNames { get; } = new(256);

    /// <summary>TLS server names the device sent.</summary>
    public Counter TlsServerNames { get; } = new();

    /// <summary>TLS ALPN protocols the device offered.</summary>
    public Counter TlsAlpn { get; } = new(64);

    /// <summary>HTTP Host headers the device sent in the clear.</summary>
    public Counter HttpHosts { get; } = new();

    /// <summary>HTTP User-Agent headers the device sent.</summary>
    public Counter HttpUserAgents { get; } = new(256);

    /// <summary>The first plain-HTTP requests the device sent (at most <see cref="MaxHttpSamples"/>): what an observer on the LAN can read.</summary>
    public IReadOnlyList<HttpRequestSample> HttpSamples => httpSamples;

    /// <summary>Plain-HTTP requests carrying an Authorization header.</summary>
    public long HttpAuthorizationRequests { get; internal set; }

    /// <summary>Plain-HTTP requests.</summary>
    public long HttpRequests { get; internal set; }

    /// <summary>SSDP SERVER headers the device sent.</summary>
    public Counter SsdpServers { get; } = new(64);

    /// <summary>SSDP NT/ST values the device announced or searched for.</summary>
    public Counter SsdpTypes { get; } = new(256);

    /// <summary>SSDP messages the device sent.</summary>
    public long SsdpMessages { get; internal set; }

    /// <summary>Frames sent.</summary>
    public long PacketsSent { get; internal set; }

    /// <summary>Frames received (unicast to this MAC).</summary>
    public long PacketsReceived { get; internal set; }

    /// <summary>Bytes sent to remote addresses.</summary>
    public long BytesUp { get; internal set; }

    /// <summary>Bytes received from remote addresses.</summary>
    public long BytesDown { get; internal set; }

    /// <summary>Packets sent to remote addresses.</summary>
    public long PacketsUp { get; internal set; }

    /// <summary>Packets received from remote addresses.</summary>
    public long PacketsDown { get; internal set; }

    /// <summary>Bytes sent or received inside the home.</summary>
    public long BytesLocal { get; internal set; }

    /// <summary>Bytes sent in total (all frames).</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Bytes received in total (unicast frames to this MAC).</summary>
    public long BytesReceived { get; internal set; }

    /// <summary>Frames this MAC sent whose IP source was a remote address: the mark of a router.</summary>
    public long ForwardedFromRemote { get; internal set; }

    /// <summary>First frame, ns since the epoch.</summary>
    public long FirstSeenNs { get; internal set; } = long.MaxValue;

    /// <summary>Last frame, ns since the epoch.</summary>
    public long LastSeenNs { get; internal set; } = long.MinValue;

    /// <summary>Rate series of the device's remote traffic, when asked for.</summary>
    public Series.RateSeries? Rates { get; internal set; }

    /// <summary>
    /// Rate series of every frame the station sent (up) or was sent (down), local and undecodable ones included:
    /// what an eavesdropper on the radio can count. Built with <see cref="Rates"/>.
    /// </summary>
    public Series.RateSeries? FrameRates { get; internal set; }

    /// <summary>How many plain-HTTP requests a device keeps as evidence.</summary>
    public const int MaxHttpSamples = 64;

    /// <summary>True while the device keeps more samples: lets the caller skip building one it would drop.</summary>
    internal bool WantsHttpSample => httpSamples.Count < MaxHttpSamples;

    internal void AddHttpSample(HttpRequestSample sample)
    {
        if (WantsHttpSample)
        {
            httpSamples.Add(sample);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddAddress(IpAddress ip)
    {
        if (ip == lastAddress)
        {
            return; // the same address packet after packet: skip the set
        }

        lastAddress = ip;
        if (addresses.Count < AddressList.Capacity && !ip.IsGroup && ip != default && !(ip.IsV4 && ip.V4 == 0))
        {
            addresses.Add(ip);
        }
    }

    /// <summary>
    /// At most 32 distinct addresses in the order first seen (as the HashSet it replaces enumerated them: no
    /// removals), searched linearly. Not a HashSet: a framework generic over IpAddress (a Blinds value type) is
    /// JIT-compiled at every start (~15 methods), and this class, its enumerator included, is precompiled.
    /// </summary>
    private sealed class AddressList : IReadOnlyCollection<IpAddress>
    {
        public const int Capacity = 32;
        private IpAddress[] items = new IpAddress[2];

        public int Count { get; private set; }

        public void Add(IpAddress ip)
        {
            for (var i = 0; i < Count; i++)
            {
                if (items[i] == ip)
                {
                    return;
                }
            }

            if (Count == items.Length)
            {
                var grown = new IpAddress[Math.Min(Capacity, items.Length * 2)];
                for (var i = 0; i < Count; i++)
                {
                    grown[i] = items[i];
                }

                items = grown;
            }

            items[Count++] = ip;
        }

        public IEnumerator<IpAddress> GetEnumerator() => new Enumerator(items, Count);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Enumerator(IpAddress[] items, int count) : IEnumerator<IpAddress>
        {
            private int index = -1;

            public IpAddress Current => items[index];

            object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext() => ++index < count;

            public void Reset() => index = -1;

            public void Dispose()
            {
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Seen(long ts)
    {
        if (ts < FirstSeenNs)
        {
            FirstSeenNs = ts;
        }

        if (ts > LastSeenNs)
        {
            LastSeenNs = ts;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Mac.ToString();
}

/// <summary>One plain-HTTP request as sent (secrets included: presenters redact).</summary>
/// <param name="TimeNs">When.</param>
/// <param name="Server">Where to.</param>
/// <param name="Method">Method.</param>
/// <param name="Host">Host header.</param>
/// <param name="Target">Request target.</param>
/// <param name="Authorization">Authorization header value, if any.</param>
public sealed record HttpRequestSample(long TimeNs, Blinds.Protocols.Addressing.IpAddress Server, string Method, string? Host, string Target, string? Authorization);
