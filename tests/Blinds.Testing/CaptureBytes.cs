using System.Buffers.Binary;
using System.Text;

namespace Blinds.Testing;

/// <summary>Builds capture files byte by byte, including the odd ones (other byte order, several sections, odd resolutions) that writers rarely produce.</summary>
public static class CaptureBytes
{
    /// <summary>Classic pcap with one record per (ts, frame).</summary>
    public static byte[] Pcap(IEnumerable<(long TimeNs, byte[] Frame)> packets, int linkType = 1, bool bigEndian = false, bool nanosecond = false, int snapLength = 65535, int? cutTo = null)
    {
        var ms = new MemoryStream();
        var w = new EndianWriter(ms, bigEndian);
        w.U32(nanosecond ? 0xa1b23c4d : 0xa1b2c3d4);
        w.U16(2);
        w.U16(4);
        w.U32(0);
        w.U32(0);
        w.U32((uint)snapLength);
        w.U32((uint)linkType);
        foreach (var (t, f) in packets)
        {
            var cap = cutTo is { } c ? Math.Min(c, f.Length) : f.Length;
            w.U32((uint)(t / 1_000_000_000));
            w.U32((uint)(nanosecond ? t % 1_000_000_000 : t % 1_000_000_000 / 1000));
            w.U32((uint)cap);
            w.U32((uint)f.Length);
            ms.Write(f, 0, cap);
        }

        return ms.ToArray();
    }

    /// <summary>A pcapng writer for hand-made files.</summary>
#pragma warning disable CA1001 // MemoryStream holds no unmanaged resource; disposing it is optional.
    public sealed class PcapNg
    {
        private readonly MemoryStream ms = new();
        private EndianWriter w;

        /// <summary>Starts with a section header.</summary>
        public PcapNg(bool bigEndian = false)
        {
            w = new EndianWriter(ms, bigEndian);
            Section(bigEndian);
        }

        /// <summary>Starts a new section (new byte order, interfaces reset).</summary>
        public PcapNg Section(bool bigEndian)
        {
            w = new EndianWriter(ms, bigEndian);
            Block(0x0A0D0D0A, b =>
            {
                b.U32(0x1A2B3C4D);
                b.U16(1);
                b.U16(0);
                b.U64(ulong.MaxValue);
            });
            return this;
        }

        /// <summary>Adds an interface; <paramref name="tsresol"/> is the raw if_tsresol byte (6: µs, 9: ns, 0x80|20: 2^-20).</summary>
        public PcapNg Interface(int linkType, int snapLength = 0, byte? tsresol = null, long tsOffset = 0, string? name = null)
        {
            Block(1, b =>
            {
                b.U16((ushort)linkType);
                b.U16(0);
                b.U32((uint)snapLength);
                if (name is not null)
                {
                    b.Option(2, Encoding.UTF8.GetBytes(name));
                }

                if (tsresol is { } r)
                {
                    b.Option(9, [r]);
                }

                if (tsOffset != 0)
                {
                    b.Option(14, b.U64Value((ulong)tsOffset));
                }

                b.U32(0);
            });
            return this;
        }

        /// <summary>Adds an enhanced packet block with a raw timestamp in the interface's units.</summary>
        public PcapNg Enhanced(int iface, ulong ts, byte[] frame, int? originalLength = null)
        {
            Block(6, b =>
            {
                b.U32((uint)iface);
                b.U32((uint)(ts >> 32));
                b.U32((uint)ts);
                b.U32((uint)frame.Length);
                b.U32((uint)(originalLength ?? frame.Length));
                b.Bytes(frame);
                b.Pad();
            });
            return this;
        }

        /// <summary>Adds an obsolete packet block (type 2: 16-bit interface id, 16-bit drop count).</summary>
        public PcapNg Obsolete(int iface, ulong ts, byte[] frame)
        {
            Block(2, b =>
            {
                b.U16((ushort)iface);
                b.U16(0);
                b.U32((uint)(ts >> 32));
                b.U32((uint)ts);
                b.U32((uint)frame.Length);
                b.U32((uint)frame.Length);
                b.Bytes(frame);
                b.Pad();
            });
            return this;
        }

        /// <summary>Adds a simple packet block.</summary>
        public PcapNg Simple(byte[] frame)
        {
            Block(3, b =>
            {
                b.U32((uint)frame.Length);
                b.Bytes(frame);
                b.Pad();
            });
            return this;
        }

        /// <summary>Adds a name resolution block with one IPv4 record.</summary>
        public PcapNg Names(byte[] ipv4, string name)
        {
            Block(4, b =>
            {
                var value = ipv4.Concat(Encoding.ASCII.GetBytes(name)).Append((byte)0).ToArray();
                b.U16(1);
                b.U16((ushort)value.Length);
                b.Bytes(value);
                b.Pad();
                b.U32(0);
            });
            return this;
        }

        /// <summary>Adds an interface statistics block with isb_ifdrop.</summary>
        public PcapNg Statistics(int iface, ulong dropped)
        {
            Block(5, b =>
            {
                b.U32((uint)iface);
                b.U32(0);
                b.U32(0);
                b.Option(5, b.U64Value(dropped));
                b.U32(0);
            });
            return this;
        }

        /// <summary>Adds a block of a type Blinds skips (custom block 0xBAD).</summary>
        public PcapNg Custom() => Block(0x00000BAD, b => b.U32(32473));

        /// <summary>The file's bytes.</summary>
        public byte[] ToArray() => ms.ToArray();

        private PcapNg Block(uint type, Action<EndianWriter> body)
        {
            var inner = new MemoryStream();
            var b = new EndianWriter(inner, w.BigEndian);
            body(b);
            var len = (uint)(inner.Length + 12);
            w.U32(type);
            w.U32(len);
            inner.Position = 0;
            inner.CopyTo(ms);
            w.U32(len);
            return this;
        }
    }

    private sealed class EndianWriter(Stream s, bool bigEndian)
    {
        private readonly long start = s.Position;

        public bool BigEndian => bigEndian;

        public void U16(ushort v)
        {
            Span<byte> b = stackalloc byte[2];
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(b, v);
            }

            s.Write(b);
        }

        public void U32(uint v)
        {
            Span<byte> b = stackalloc byte[4];
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            }

            s.Write(b);
        }

        public void U64(ulong v) => s.Write(U64Value(v));

        /// <summary>A 64-bit value in this writer's byte order, for option values.</summary>
        public byte[] U64Value(ulong v)
        {
            var b = new byte[8];
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt64BigEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(b, v);
            }

            return b;
        }

        public void Bytes(byte[] v) => s.Write(v);

        public void Pad()
        {
            while ((s.Position - start) % 4 != 0)
            {
                s.WriteByte(0);
            }
        }

        public void Option(ushort code, byte[] value)
        {
            U16(code);
            U16((ushort)value.Length);
            Bytes(value);
            Pad();
        }
    }
}
