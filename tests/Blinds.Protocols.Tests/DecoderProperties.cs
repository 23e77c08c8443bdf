using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;
using Blinds.Protocols.Dhcp;
using Blinds.Protocols.Dns;
using Blinds.Protocols.Http;
using Blinds.Protocols.Ssdp;
using Blinds.Protocols.Tls;
using Blinds.Testing;

using FsCheck.Xunit;

namespace Blinds.Protocols.Tests;

/// <summary>Any bytes fed to any decoder end in a result or a counted anomaly, never an exception.</summary>
public class DecoderProperties
{
    private static readonly LinkType[] Links = [LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, LinkType.Loop, LinkType.Ieee80211, LinkType.Ieee80211Radiotap, LinkType.IPv6, (LinkType)147];

    private sealed class Sink : IDnsVisitor
    {
        public int Count { get; private set; }

        public void OnQuestion(ReadOnlySpan<byte> name, ushort type) => Count += name.Length + 1;

        public void OnAnswer(ReadOnlySpan<byte> owner, ushort type, uint ttl, IpAddress address, ReadOnlySpan<byte> target) => Count += owner.Length + target.Length + 1;
    }

    [Property(MaxTest = 2000)]
    public void Packet_decoder_never_throws(byte[] bytes, byte link)
    {
        var info = default(PacketInfo);
        PacketDecoder.Decode(Links[link % Links.Length], bytes, ref info, new AnomalyLog());
        if (info.PayloadLength > 0)
        {
            _ = info.Payload(bytes); // the payload slice must lie inside the packet
        }
    }

    [Property(MaxTest = 2000)]
    public void Packet_decoder_survives_corrupted_real_frames(byte[] noise, int at)
    {
        var f = Frames.Tcp(0x18, 40);
        for (var i = 0; i < noise.Length; i++)
        {
            f[(int)((uint)(at + i) % (uint)f.Length)] ^= noise[i];
        }

        var info = default(PacketInfo);
        PacketDecoder.Decode(LinkType.Ethernet, f, ref info, new AnomalyLog());
        _ = info.Payload(f);
    }

    [Property(MaxTest = 2000)]
    public void Application_decoders_never_throw(byte[] bytes)
    {
        var log = new AnomalyLog();
        DnsParser.Parse(bytes, new Sink(), log);
        DhcpMessage.TryParse(bytes, out _, log);
        TlsClientHello.TryParse(bytes, out _, log);
        HttpRequest.TryParse(bytes, out _, log);
        SsdpMessage.TryParse(bytes, out _);
        byte[] tls = [0x16, 0x03, 0x01, 0x00, 0x40, 0x01, .. bytes];
        TlsClientHello.TryParse(tls, out _, log);
        byte[] dns = [0, 1, 0x81, 0x80, 0, 2, 0, 3, 0, 0, 0, 1, .. bytes];
        DnsParser.Parse(dns, new Sink(), log);
    }
}
