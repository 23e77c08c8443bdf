namespace Blinds.Flows;

/// <summary>What an input file holds, as read from its content.</summary>
public enum FlowInputKind
{
    /// <summary>A packet capture of a home's own traffic (not flow records).</summary>
    PacketCapture,

    /// <summary>A packet capture of NetFlow/IPFIX export datagrams.</summary>
    ExportCapture,

    /// <summary>A Zeek log in TSV (with its #fields header) or JSON lines.</summary>
    ZeekLog,

    /// <summary>Neither a capture nor a Zeek log.</summary>
    Unknown,
}
