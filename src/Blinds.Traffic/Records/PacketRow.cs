using Blinds.Protocols.Addressing;

namespace Blinds.Traffic.Records;

/// <summary>One packet's metadata as the trace classified it. A struct passed by reference: writing the packets table allocates nothing per row.</summary>
public readonly record struct PacketRow(
    long TimeNs,
    int WireLength,
    int CapturedLength,
    MacAddress SourceMac,
    MacAddress DestinationMac,
    byte IpVersion,
    IpAddress SourceIp,
    IpAddress DestinationIp,
    byte Protocol,
    ushort SourcePort,
    ushort DestinationPort,
    byte TcpFlags,
    Direction Direction,
    MacAddress Device);
