namespace Blinds.Flows;

/// <summary>
/// A NetFlow v9 or IPFIX template: the fields of its records in order, each with its length (65535 for IPFIX
/// variable-length fields) and what Blinds reads from it. Built once when the template arrives, read per record.
/// </summary>
internal sealed class FlowTemplate
{
    /// <summary>IPFIX's marker for a variable-length field (RFC 7011 section 7).</summary>
    public const ushort VariableLength = 65535;

    public FlowTemplate(ushort[] lengths, FieldRole[] roles, bool isOptions)
    {
        Lengths = lengths;
        Roles = roles;
        IsOptions = isOptions;
        var fixedLength = 0;
        foreach (var l in lengths)
        {
            if (l == VariableLength)
            {
                fixedLength = -1;
                break;
            }

            fixedLength += l;
        }

        FixedLength = fixedLength;
        MinimumLength = lengths.Sum(l => l == VariableLength ? 1 : l);
        HasFlowFields = !isOptions
            && (roles.Contains(FieldRole.Bytes) || roles.Contains(FieldRole.TotalBytes))
            && (roles.Contains(FieldRole.SourceV4) || roles.Contains(FieldRole.SourceV6))
            && (roles.Contains(FieldRole.DestinationV4) || roles.Contains(FieldRole.DestinationV6));
        HasSystemInit = roles.Contains(FieldRole.SystemInitMs);
    }

    /// <summary>Field lengths in record order.</summary>
    public ushort[] Lengths { get; }

    /// <summary>Field meanings in record order.</summary>
    public FieldRole[] Roles { get; }

    /// <summary>An options template (records describe the exporter, not flows).</summary>
    public bool IsOptions { get; }

    /// <summary>Record length when every field is fixed, else -1.</summary>
    public int FixedLength { get; }

    /// <summary>The shortest a record can be (variable fields at one byte): what tells a record from set padding.</summary>
    public int MinimumLength { get; }

    /// <summary>True when records carry addresses and bytes: a flow.</summary>
    public bool HasFlowFields { get; }

    /// <summary>True when records carry systemInitTimeMilliseconds (the base for uptime-relative times).</summary>
    public bool HasSystemInit { get; }

    /// <summary>What an information element (enterprise 0) means to Blinds; NetFlow v9 shares the numbers below 128.</summary>
    public static FieldRole RoleOf(ushort element, ushort length) => element switch
    {
        1 => FieldRole.Bytes,
        2 => FieldRole.Packets,
        85 => FieldRole.TotalBytes,
        86 => FieldRole.TotalPackets,
        4 => FieldRole.Protocol,
        7 => FieldRole.SourcePort,
        11 => FieldRole.DestinationPort,
        8 when length == 4 => FieldRole.SourceV4,
        12 when length == 4 => FieldRole.DestinationV4,
        27 when length == 16 => FieldRole.SourceV6,
        28 when length == 16 => FieldRole.DestinationV6,
        22 => FieldRole.FirstUptimeMs,
        21 => FieldRole.LastUptimeMs,
        150 => FieldRole.StartSeconds,
        151 => FieldRole.EndSeconds,
        152 => FieldRole.StartMilliseconds,
        153 => FieldRole.EndMilliseconds,
        154 or 156 when length == 8 => FieldRole.StartNtp,
        155 or 157 when length == 8 => FieldRole.EndNtp,
        160 => FieldRole.SystemInitMs,
        56 when length == 6 => FieldRole.SourceMac,
        80 when length == 6 => FieldRole.DestinationMac,
        81 when length == 6 => FieldRole.PostSourceMac,
        57 when length == 6 => FieldRole.PostDestinationMac,
        _ => FieldRole.None,
    };
}
