namespace Blinds.Capture.Anomalies;

/// <summary>Anomalies of capture containers.</summary>
public static class CaptureAnomalies
{
    /// <summary>The file ended inside a record.</summary>
    public static readonly Anomaly TruncatedRecord = Anomaly.Declare("truncated_record", AnomalyKind.Truncated, "the file ends inside a packet record; the partial record was dropped");
    /// <summary>The file ended inside a file or section header.</summary>
    public static readonly Anomaly TruncatedHeader = Anomaly.Declare("truncated_file_header", AnomalyKind.Truncated, "the file ends inside its header");
    /// <summary>A pcap record longer than any snap length allows.</summary>
    public static readonly Anomaly PcapBadRecordLength = Anomaly.Declare("pcap_bad_record_length", AnomalyKind.Malformed, "a pcap record's captured length is impossible; reading stopped there");
    /// <summary>A pcap record whose captured length exceeds its original length.</summary>
    public static readonly Anomaly PcapCaplenOverOrig = Anomaly.Declare("pcap_caplen_over_origlen", AnomalyKind.Malformed, "captured length larger than the original length");
    /// <summary>A pcap record whose captured length exceeds the header's snap length.</summary>
    public static readonly Anomaly PcapCaplenOverSnaplen = Anomaly.Declare("pcap_caplen_over_snaplen", AnomalyKind.Malformed, "captured length larger than the file's snap length");
    /// <summary>A pcapng block length that is too small, unaligned, huge or not repeated at the end.</summary>
    public static readonly Anomaly PcapNgBadBlockLength = Anomaly.Declare("pcapng_bad_block_length", AnomalyKind.Malformed, "a pcapng block's length is impossible or its trailing copy differs; reading stopped there");
    /// <summary>A packet block naming an interface no IDB declared.</summary>
    public static readonly Anomaly PcapNgUnknownInterface = Anomaly.Declare("pcapng_unknown_interface", AnomalyKind.Malformed, "a packet names an interface that no interface description declared");
    /// <summary>A packet block whose captured length does not fit in the block.</summary>
    public static readonly Anomaly PcapNgBadCaptureLength = Anomaly.Declare("pcapng_bad_capture_length", AnomalyKind.Malformed, "a packet block's captured length does not fit in the block");
    /// <summary>A section header with an unknown byte-order magic.</summary>
    public static readonly Anomaly PcapNgBadByteOrder = Anomaly.Declare("pcapng_bad_byte_order_magic", AnomalyKind.Malformed, "a section header's byte-order magic is neither 1a2b3c4d nor 4d3c2b1a; reading stopped there");
    /// <summary>An option whose length runs past its block.</summary>
    public static readonly Anomaly PcapNgBadOption = Anomaly.Declare("pcapng_bad_option", AnomalyKind.Malformed, "an option's length runs past its block; the remaining options were ignored");
    /// <summary>A block type Blinds does not use (custom, decryption secrets, systemd journal...).</summary>
    public static readonly Anomaly PcapNgSkippedBlock = Anomaly.Declare("pcapng_skipped_block", AnomalyKind.Unsupported, "a pcapng block type Blinds does not use was skipped");
    /// <summary>A pcapng section of a major version other than 1.</summary>
    public static readonly Anomaly PcapNgUnsupportedVersion = Anomaly.Declare("pcapng_unsupported_version", AnomalyKind.Unsupported, "a section of a pcapng version other than 1.x; reading stopped there");
    /// <summary>A gzip, zstd or lz4 stream that is corrupt or cut (the id keeps its first name).</summary>
    public static readonly Anomaly GzipCorrupt = Anomaly.Declare("gzip_corrupt", AnomalyKind.Malformed, "the compressed (gzip, zstd, lz4) stream is corrupt or cut; reading stopped there");
    /// <summary>A pcap timestamp fraction of a second or more.</summary>
    public static readonly Anomaly PcapBadTimestampFraction = Anomaly.Declare("pcap_bad_timestamp_fraction", AnomalyKind.Malformed, "a pcap record's micro/nanosecond field is a second or more; the excess was carried into the seconds");
    /// <summary>Timestamps that go backwards.</summary>
    public static readonly Anomaly TimeWentBackwards = Anomaly.Declare("timestamp_went_backwards", AnomalyKind.Malformed, "a packet's timestamp is earlier than the one before it");
}
