using Blinds.Capture;
using Blinds.Lab;
using Blinds.Lab.Packets;
using Blinds.Protocols.Addressing;

namespace Blinds.Testing;

/// <summary>Captures as an attacker on the LAN would shape them, generated in memory (no attack files in the repository).</summary>
public static class HostileCaptures
{
    /// <summary>Nanoseconds since the epoch of a UTC date.</summary>
    public static long At(int year, int month = 1, int day = 1) => new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>
    /// A normal home (the scenario as the lab lives it) as pcapng, with extra packets stamped <c>Ns</c> written after
    /// the home's packet number <c>After</c> (0: before the first), each a small UDP packet from the lab's first device.
    /// </summary>
    public static byte[] HomeWithStrayStamps(Scenario scenario, params (int After, long Ns)[] strays)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(strays);
        var ms = new MemoryStream();
        var stray = Frames.Udp(40);
        using (var w = new PcapNgWriter(new KeepOpenStream(ms), LinkType.Ethernet))
        {
            var n = 0;
            WriteStrays(w, strays, 0, stray);
            new HomeSimulator(scenario).Run((t, f) =>
            {
                w.Write(t, f);
                WriteStrays(w, strays, ++n, stray);
            });
        }

        return ms.ToArray();
    }

    /// <summary>
    /// A MAC flood: <paramref name="packets"/> small UDP packets a millisecond apart, each from a random unicast MAC
    /// and a random 10/8 address to one remote service, after a minute of one ordinary device talking through the
    /// gateway. Seeded, so the same arguments give the same bytes.
    /// </summary>
    public static void MacFlood(Stream output, int packets, int seed, long startNs = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        var start = startNs == 0 ? At(2026, 1, 5) : startNs;
        var rng = new Random(seed);
        var buf = new byte[256];
        var payload = new byte[32];
        using var w = new PcapWriter(new KeepOpenStream(output), LinkType.Ethernet);
        for (var i = 0; i < 60; i++)
        {
            w.Write(start + (i * 1_000_000_000L), Frames.Udp(100, up: i % 2 == 0));
        }

        var t0 = start + 60_000_000_000L;
        for (var i = 0; i < packets; i++)
        {
            // Unicast (group bit clear), otherwise random: what a host randomising its MAC per frame sends.
            var mac = new MacAddress((((ulong)rng.NextInt64() & 0xffff_ffff_ffffUL) & ~0x0100_0000_0000UL) | 1);
            var ip = IpAddress.FromV4(0x0a00_0000u | (uint)rng.Next(1, 0x00ff_fffe));
            var n = FrameBuilder.Udp(buf, mac, Frames.GatewayMac, ip, (ushort)rng.Next(1024, 65535), Frames.RemoteIp, 443, payload);
            w.Write(t0 + (i * 1_000_000L), buf.AsSpan(0, n));
        }
    }

    /// <summary>A pcap of the lab's first device sending each of <paramref name="requests"/> (raw HTTP heads) in one TCP segment, a second apart.</summary>
    public static byte[] HttpRequests(params string[] requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var start = At(2026, 1, 5);
        return CaptureBytes.Pcap(requests.Select((r, i) =>
        {
            var head = System.Text.Encoding.Latin1.GetBytes(r);
            return (start + (i * 1_000_000_000L), Frames.Tcp(0x18, head.Length, up: true, head));
        }));
    }

    private static void WriteStrays(CaptureWriter w, (int After, long Ns)[] strays, int n, byte[] frame)
    {
        foreach (var (after, ns) in strays)
        {
            if (after == n)
            {
                w.Write(ns, frame);
            }
        }
    }
}
