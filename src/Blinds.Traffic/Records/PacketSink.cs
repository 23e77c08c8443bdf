using Blinds.Traffic.Flows;

namespace Blinds.Traffic.Records;

/// <summary>A sink that wants packets only (defences, searches, replays): every other row is ignored.</summary>
public abstract class PacketSink : ITraceSink
{
    /// <inheritdoc/>
    public abstract void OnPacket(in PacketRow row);

    /// <inheritdoc/>
    public void OnFlow(FlowRecord flow)
    {
    }

    /// <inheritdoc/>
    public void OnDns(DnsRow row)
    {
    }

    /// <inheritdoc/>
    public void OnDhcp(DhcpRow row)
    {
    }

    /// <inheritdoc/>
    public void OnTls(TlsRow row)
    {
    }

    /// <inheritdoc/>
    public void OnHttp(HttpRow row)
    {
    }

    /// <inheritdoc/>
    public void OnSsdp(SsdpRow row)
    {
    }
}
