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
}
