using Blinds.Flows;

namespace Blinds.Reports.Export;

/// <summary>The table <c>blinds collect</c> writes: one row per exported flow record (docs/export.md).</summary>
public static class FlowRecordTables
{
    /// <summary>flow_records: one row per unidirectional NetFlow/IPFIX/Zeek flow.</summary>
    public static TableSchema<FlowObservation> FlowRecords { get; } = new("flow_records",
    [
        Column<FlowObservation>.Time("start", r => r.StartNs),
        Column<FlowObservation>.Time("end", r => r.EndNs),
        Column<FlowObservation>.Str("format", r => r.Source switch
        {
            FlowSource.NetFlow5 => "netflow5",
            FlowSource.NetFlow9 => "netflow9",
            FlowSource.Ipfix => "ipfix",
            _ => "zeek",
        }),
        Column<FlowObservation>.Str("src_ip", r => r.SourceIp.ToString()),
        Column<FlowObservation>.Int("src_port", r => r.SourcePort),
        Column<FlowObservation>.Str("dst_ip", r => r.DestinationIp.ToString()),
        Column<FlowObservation>.Int("dst_port", r => r.DestinationPort),
        Column<FlowObservation>.Int("protocol", r => r.Protocol),
        Column<FlowObservation>.Int("bytes", r => r.Bytes),
        Column<FlowObservation>.Int("packets", r => r.Packets),
        Column<FlowObservation>.Str("src_mac", r => r.SourceMac == 0 ? null : new Protocols.Addressing.MacAddress(r.SourceMac).ToString()),
        Column<FlowObservation>.Str("dst_mac", r => r.DestinationMac == 0 ? null : new Protocols.Addressing.MacAddress(r.DestinationMac).ToString()),
    ]);
}
