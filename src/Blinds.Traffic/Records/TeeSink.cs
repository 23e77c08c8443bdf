using Blinds.Traffic.Flows;

namespace Blinds.Traffic.Records;

/// <summary>
/// Two sinks fed by one read, in order: e.g. the batch's lake tables and the audit's <see cref="PacketLog"/>, so that
/// a home's capture is read once for both.
/// </summary>
/// <param name="first">Gets every row first.</param>
/// <param name="second">Then gets the same row.</param>
public sealed class TeeSink(ITraceSink first, ITraceSink second) : ITraceSink
{
    private readonly ITraceSink first = first ?? throw new ArgumentNullException(nameof(first));
    private readonly ITraceSink second = second ?? throw new ArgumentNullException(nameof(second));

    /// <inheritdoc/>
    public void OnPacket(in PacketRow row)
    {
        first.OnPacket(row);
        second.OnPacket(row);
    }

    /// <inheritdoc/>
    public void OnFlow(FlowRecord flow)
    {
        first.OnFlow(flow);
        second.OnFlow(flow);
    }

    /// <inheritdoc/>
    public void OnDns(DnsRow row)
    {
        first.OnDns(row);
        second.OnDns(row);
    }

    /// <inheritdoc/>
    public void OnDhcp(DhcpRow row)
    {
        first.OnDhcp(row);
        second.OnDhcp(row);
    }

    /// <inheritdoc/>
    public void OnTls(TlsRow row)
    {
        first.OnTls(row);
        second.OnTls(row);
    }

    /// <inheritdoc/>
    public void OnHttp(HttpRow row)
    {
        first.OnHttp(row);
        second.OnHttp(row);
    }

    /// <inheritdoc/>
    public void OnSsdp(SsdpRow row)
    {
        first.OnSsdp(row);
        second.OnSsdp(row);
    }
}
