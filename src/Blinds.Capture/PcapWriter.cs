using System.Buffers.Binary;

namespace Blinds.Capture;

/// <summary>Writes classic little-endian pcap with nanosecond timestamps.</summary>
public sealed class PcapWriter : CaptureWriter
{
    private readonly byte[] header = new byte[16];
    private readonly bool nanosecond;

    /// <summary>Writes the file header.</summary>
    public PcapWriter(Stream output, LinkType linkType, int snapLength = 262144, bool nanosecond = true)
        : base(output)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.nanosecond = nanosecond;
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(h, nanosecond ? 0xa1b23c4d : 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)linkType);
        output.Write(h);
    }

    /// <inheritdoc/>
    public override void Write(long timestampNs, ReadOnlySpan<byte> data, int originalLength)
    {
        var sec = Math.DivRem(timestampNs, 1_000_000_000, out var ns);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)sec);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(nanosecond ? ns : ns / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)originalLength);
        Output.Write(header);
        Output.Write(data);
    }
}
