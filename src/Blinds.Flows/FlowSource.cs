namespace Blinds.Flows;

/// <summary>Which export format a flow observation came from.</summary>
public enum FlowSource
{
    /// <summary>Cisco NetFlow version 5 (fixed 48-byte IPv4 records).</summary>
    NetFlow5,

    /// <summary>NetFlow version 9 (RFC 3954, templates).</summary>
    NetFlow9,

    /// <summary>IPFIX (RFC 7011, templates).</summary>
    Ipfix,

    /// <summary>A Zeek conn.log row (one observation per direction).</summary>
    Zeek,
}
