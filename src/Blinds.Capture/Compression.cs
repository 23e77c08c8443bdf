namespace Blinds.Capture;

/// <summary>How a capture file is compressed; Wireshark writes and reads all three.</summary>
public enum Compression
{
    /// <summary>Not compressed.</summary>
    None,
    /// <summary>gzip (RFC 1952), any number of members.</summary>
    Gzip,
    /// <summary>Zstandard frames.</summary>
    Zstd,
    /// <summary>LZ4 frames.</summary>
    Lz4,
}
