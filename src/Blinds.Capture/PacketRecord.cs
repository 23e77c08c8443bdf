namespace Blinds.Capture;

/// <summary>
/// One packet as a capture file holds it. <see cref="Data"/> points into the reader's buffer and is only valid
/// until the next read: this is what lets a reader hand out millions of packets without allocating.
/// </summary>
public readonly ref struct PacketRecord
{
    /// <summary>Creates a record.</summary>
    public PacketRecord(ReadOnlySpan<byte> data, long timestampNs, int originalLength, int interfaceId, LinkType linkType, long fileOffset)
    {
        Data = data;
        TimestampNs = timestampNs;
        OriginalLength = originalLength;
        InterfaceId = interfaceId;
        LinkType = linkType;
        FileOffset = fileOffset;
    }

    /// <summary>The captured bytes (possibly cut by the snap length).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Capture time in nanoseconds since the Unix epoch, UTC.</summary>
    public long TimestampNs { get; }

    /// <summary>The length of the packet on the wire; larger than <c>Data.Length</c> when the capture cut it.</summary>
    public int OriginalLength { get; }

    /// <summary>The number of the interface (pcapng) that saw the packet; 0 in classic pcap.</summary>
    public int InterfaceId { get; }

    /// <summary>The link-layer type of the packet's interface.</summary>
    public LinkType LinkType { get; }

    /// <summary>Byte offset of the record in the (decompressed) file, for error messages.</summary>
    public long FileOffset { get; }

    /// <summary>True when the snap length cut the packet.</summary>
    public bool IsSnapped => Data.Length < OriginalLength;
}
