namespace Blinds.Reports.Export;

/// <summary>One connection as Zeek's conn.log has it, from one finished flow of the trace (docs/export.md: conn).</summary>
/// <param name="Uid">A stable id from the flow's start and 5-tuple ("C" and 11 base-62 digits), the same on every run.</param>
/// <param name="TimeNs">First packet.</param>
/// <param name="Duration">Seconds from first to last packet.</param>
/// <param name="Proto">tcp, udp, icmp, icmpv6 or the protocol number.</param>
/// <param name="Service">What the responder port or a TLS ClientHello in the flow says it is, else null.</param>
/// <param name="ConnState">Zeek's state, from the TCP flags seen and how the flow ended.</param>
/// <param name="OrigHost">Initiator's address.</param>
/// <param name="OrigPort">Initiator's port.</param>
/// <param name="RespHost">Responder's address.</param>
/// <param name="RespPort">Responder's port.</param>
/// <param name="OrigBytes">Frame bytes from the initiator.</param>
/// <param name="OrigPackets">Packets from the initiator.</param>
/// <param name="RespBytes">Frame bytes from the responder.</param>
/// <param name="RespPackets">Packets from the responder.</param>
/// <param name="DeviceMac">The home-side station.</param>
/// <param name="DeviceName">Its DHCP host name, when it gave one before the flow ended.</param>
/// <param name="ServerName">The far side's name: the TLS server name of this flow, else the DNS name that answered with its address.</param>
/// <param name="EndReason">Why the flow record ended (idle, active, closed, endofcapture, evicted).</param>
public sealed record ConnRow(
    string Uid,
    long TimeNs,
    double Duration,
    string Proto,
    string? Service,
    string ConnState,
    string OrigHost,
    long OrigPort,
    string RespHost,
    long RespPort,
    long OrigBytes,
    long OrigPackets,
    long RespBytes,
    long RespPackets,
    string? DeviceMac,
    string? DeviceName,
    string? ServerName,
    string EndReason);
