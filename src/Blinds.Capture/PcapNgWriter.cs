using System.Buffers.Binary;
using System.Text;

namespace Blinds.Capture;

/// <summary>Writes little-endian pcapng: one section, one interface with nanosecond resolution, enhanced packet blocks.</summary>
public sealed class PcapNgWriter : CaptureWriter
{
    private readonly byte[] block = new byte[28];
    private static readonly byte[] Padding = new byte[4];

    /// <summary>Writes the section header and one interface description.</summary>
    public PcapNgWriter(Stream output, LinkType linkType, string application = "Blinds", int snapLength = 0)
        : base(output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(application);
        var app = Encoding.UTF8.GetBytes(application);
        var appPadded = (app.Length + 3) & ~3;
        var shbLength = 28 + 4 + appPadded + 4 + 4;
        var shb = new byte[shbLength];
        BinaryPrimitives.WriteUInt32LittleEndian(shb, 0x0A0D0D0A);
        BinaryPrimitives.WriteUInt32LittleEndian(shb.AsSpan(4), (uint)shbLength);
        BinaryPrimitives.WriteUInt32LittleEndian(shb.AsSpan(8), 0x1A2B3C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(shb.AsSpan(12), 1);
        BinaryPrimitives.WriteInt64LittleEndian(shb.AsSpan(16), -1);
        BinaryPrimitives.WriteUInt16LittleEndian(shb.AsSpan(24), 4); // shb_userappl
        BinaryPrimitives.WriteUInt16LittleEndian(shb.AsSpan(26), (ushort)app.Length);
        app.CopyTo(shb, 28);
        BinaryPrimitives.WriteUInt32LittleEndian(shb.AsSpan(shbLength - 4), (uint)shbLength);
        output.Write(shb);

        Span<byte> idb = stackalloc byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(idb, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[4..], 32);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[8..], (ushort)linkType);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[12..], (uint)snapLength);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[16..], 9); // if_tsresol
        BinaryPrimitives.WriteUInt16LittleEndian(idb[18..], 1);
        idb[20] = 9;
        BinaryPrimitives.WriteUInt32LittleEndian(idb[28..], 32);
        output.Write(idb);
    }

    /// <inheritdoc/>
    public override void Write(long timestampNs, ReadOnlySpan<byte> data, int originalLength)
    {
        var padded = (data.Length + 3) & ~3;
        var total = 32 + padded;
        BinaryPrimitives.WriteUInt32LittleEndian(block, 6);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(12), (uint)((ulong)timestampNs >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(16), (uint)timestampNs);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(20), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(24), (uint)originalLength);
        Output.Write(block);
        Output.Write(data);
        Output.Write(Padding.AsSpan(0, padded - data.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(block, (uint)total);
        Output.Write(block.AsSpan(0, 4));
    }
}
