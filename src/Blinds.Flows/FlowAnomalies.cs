using Blinds.Capture.Anomalies;

namespace Blinds.Flows;

/// <summary>Anomalies of flow records (stable ids, listed in docs/anomalies.md).</summary>
public static class FlowAnomalies
{
    /// <summary>A flow ending before it starts, or lasting over 31 days.</summary>
    public static readonly Anomaly TimeOutlier = Anomaly.Declare("flow_time_outlier", AnomalyKind.Malformed, "a flow record ends before it starts or lasts over 31 days (a wrong exporter clock or a forged record); left out");

    /// <summary>A flow record stamped far from the records' bulk, before 1990 or after tomorrow.</summary>
    public static readonly Anomaly StampOutlier = Anomaly.Declare("flow_stamp_outlier", AnomalyKind.Malformed, "a flow record stamped more than 183 days from the records' bulk (the median start) or, when the bulk lies between 1990 and now, starting before 1990 or ending after now + 1 day (a wrong exporter clock, a forged record, a jump of years); left out of streams, series and simulations");

    /// <summary>NetFlow v9 / IPFIX data set whose template has not been seen (from that exporter and domain).</summary>
    public static readonly Anomaly DataBeforeTemplate = Anomaly.Declare("flow_data_before_template", AnomalyKind.Unsupported, "a NetFlow v9 or IPFIX data set arrived before its template (per exporter and observation domain); its records were skipped");

    /// <summary>The exporter's sequence number jumped: export packets (or records) were lost on the way.</summary>
    public static readonly Anomaly SequenceGap = Anomaly.Declare("flow_sequence_gap", AnomalyKind.Truncated, "a NetFlow or IPFIX sequence number skipped ahead: export packets were lost between exporter and collector");

    /// <summary>A flow record, set or header cut short.</summary>
    public static readonly Anomaly TruncatedRecord = Anomaly.Declare("flow_truncated_record", AnomalyKind.Truncated, "a NetFlow or IPFIX header, set or record is cut short; the rest of that export packet was skipped");

    /// <summary>A set or template whose lengths cannot be.</summary>
    public static readonly Anomaly BadSet = Anomaly.Declare("flow_bad_set", AnomalyKind.Malformed, "a NetFlow v9 or IPFIX set or template with an impossible length or field; the rest of that export packet was skipped");

    /// <summary>A UDP payload on a flow-export port that is not NetFlow v5, v9 or IPFIX.</summary>
    public static readonly Anomaly UnknownVersion = Anomaly.Declare("flow_unknown_version", AnomalyKind.Unsupported, "a datagram on a flow-export port whose version is not NetFlow 5, 9 or IPFIX (10)");

    /// <summary>A template that lacks the fields a flow needs (addresses, bytes, packets).</summary>
    public static readonly Anomaly TemplateWithoutFlowFields = Anomaly.Declare("flow_template_without_flow_fields", AnomalyKind.Unsupported, "a NetFlow v9 or IPFIX template without addresses, bytes or packets; its records were skipped");

    /// <summary>A Zeek log line with the wrong number of fields or unreadable values.</summary>
    public static readonly Anomaly ZeekBadLine = Anomaly.Declare("zeek_bad_line", AnomalyKind.Malformed, "a Zeek log line with the wrong number of fields or a value that cannot be read; the line was skipped");

    /// <summary>A Zeek TSV log without its closing line: cut while being written or copied.</summary>
    public static readonly Anomaly ZeekTruncated = Anomaly.Declare("zeek_truncated_log", AnomalyKind.Truncated, "a Zeek TSV log ends without its #close line, or its last line is cut: the log was cut short");
}
