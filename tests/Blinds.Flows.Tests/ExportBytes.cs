using System.Buffers.Binary;

namespace Blinds.Flows.Tests;

/// <summary>Builds NetFlow v5, v9 and IPFIX export packets byte by byte, the way an exporter lays them out.</summary>
internal sealed class ExportBytes
{
    private readonly List<byte> bytes = [];

    public int Length => bytes.Count;

    public ExportBytes U8(int v)
    {
        bytes.Add((byte)v);
        return this;
    }

    public ExportBytes U16(int v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        bytes.AddRange(b.ToArray());
        return this;
    }

    public ExportBytes U32(long v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)v);
        bytes.AddRange(b.ToArray());
        return this;
    }

    public ExportBytes U64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, v);
        bytes.AddRange(b.ToArray());
        return this;
    }

    public ExportBytes Raw(params byte[] b)
    {
        bytes.AddRange(b);
        return this;
    }

    public ExportBytes Ip(string dotted) => Raw(dotted.Split('.').Select(byte.Parse).ToArray());

    public byte[] ToArray() => [.. bytes];

    // v9: header (count is advisory), then sets.
    public static byte[] V9(uint sequence, uint sourceId, uint uptimeMs, uint unixSecs, params byte[][] sets)
    {
        var b = new ExportBytes().U16(9).U16(sets.Length).U32(uptimeMs).U32(unixSecs).U32(sequence).U32(sourceId);
        foreach (var s in sets)
        {
            b.Raw(s);
        }

        return b.ToArray();
    }

    public static byte[] Ipfix(uint sequence, uint domain, uint exportSecs, params byte[][] sets)
    {
        var body = sets.SelectMany(s => s).ToArray();
        return new ExportBytes().U16(10).U16(16 + body.Length).U32(exportSecs).U32(sequence).U32(domain).Raw(body).ToArray();
    }

    public static byte[] Set(int id, byte[] content) => new ExportBytes().U16(id).U16(4 + content.Length).Raw(content).ToArray();

    // The classic v9 template softflowd sends for IPv4: addresses, uptimes, bytes, packets, ports, protocol.
    public static byte[] V4Template(int templateId) => new ExportBytes().U16(templateId).U16(9)
        .U16(8).U16(4).U16(12).U16(4).U16(22).U16(4).U16(21).U16(4).U16(1).U16(4).U16(2).U16(4)
        .U16(7).U16(2).U16(11).U16(2).U16(4).U16(1).ToArray();

    public static byte[] V4Record(string src, string dst, uint firstMs, uint lastMs, uint bytes, uint packets, int sport, int dport, int proto) =>
        new ExportBytes().Ip(src).Ip(dst).U32(firstMs).U32(lastMs).U32(bytes).U32(packets).U16(sport).U16(dport).U8(proto).ToArray();
}
