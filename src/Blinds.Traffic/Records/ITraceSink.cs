using Blinds.Traffic.Flows;

namespace Blinds.Traffic.Records;

/// <summary>Receives the trace's rows while it is built, for exports that must not hold the capture in memory.</summary>
public interface ITraceSink
{
    /// <summary>Every packet.</summary>
    void OnPacket(in PacketRow row);

    /// <summary>Every finished flow.</summary>
    void OnFlow(FlowRecord flow);

    /// <summary>Every DNS/mDNS question and answer.</summary>
    void OnDns(DnsRow row);

    /// <summary>Every DHCP message.</summary>
    void OnDhcp(DhcpRow row);

    /// <summary>Every TLS ClientHello.</summary>
    void OnTls(TlsRow row);

    /// <summary>Every HTTP request head.</summary>
    void OnHttp(HttpRow row);

    /// <summary>Every SSDP message.</summary>
    void OnSsdp(SsdpRow row);
}
