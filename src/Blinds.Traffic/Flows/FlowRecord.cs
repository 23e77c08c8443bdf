using Blinds.Protocols.Addressing;

namespace Blinds.Traffic.Flows;

/// <summary>Why a flow record was emitted (NetFlow's end reasons).</summary>
public enum FlowEndReason : byte
{
    /// <summary>No packet for the idle timeout.</summary>
    Idle,
    /// <summary>Open longer than the active timeout: a record is emitted and the flow goes on in a new one.</summary>
    Active,
    /// <summary>TCP FIN in both directions or RST.</summary>
    Closed,
    /// <summary>The capture ended.</summary>
    EndOfCapture,
    /// <summary>The flow table was full and this was the least recently seen flow.</summary>
    Evicted,
}

/// <summary>
/// A finished bidirectional flow, oriented from its initiator (the sender of the first packet seen) to its responder.
/// </summary>
public sealed record FlowRecord(
    long FirstNs,
    long LastNs,
    byte Protocol,
    IpAddress InitiatorIp,
    ushort InitiatorPort,
    IpAddress ResponderIp,
    ushort ResponderPort,
    MacAddress InitiatorMac,
    MacAddress ResponderMac,
    long PacketsForward,
    long BytesForward,
    long PacketsBackward,
    long BytesBackward,
    byte TcpFlags,
    FlowEndReason EndReason);
