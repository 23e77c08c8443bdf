namespace Blinds.Flows;

/// <summary>What a template field means to Blinds (the information elements it reads; all others are skipped).</summary>
internal enum FieldRole : byte
{
    None,
    Bytes,
    Packets,
    TotalBytes,
    TotalPackets,
    Protocol,
    SourcePort,
    DestinationPort,
    SourceV4,
    DestinationV4,
    SourceV6,
    DestinationV6,
    FirstUptimeMs,
    LastUptimeMs,
    StartSeconds,
    EndSeconds,
    StartMilliseconds,
    EndMilliseconds,
    StartNtp,
    EndNtp,
    SystemInitMs,
    SourceMac,
    DestinationMac,

    // The MACs after the exporter's own forwarding (v9 OUT_SRC_MAC 81, OUT_DST_MAC 57; IPFIX post*MacAddress):
    // softflowd -T ether sends 56 and 57. Used when the plain field (56, 80) is absent.
    PostSourceMac,
    PostDestinationMac,
}
