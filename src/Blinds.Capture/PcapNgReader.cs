using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

using Blinds.Capture.Anomalies;

namespace Blinds.Capture;

/// <summary>
/// pcapng: any number of sections, each in its own byte order, each with its own interfaces (link type, snap length,
/// if_tsresol, if_tsoffset). Reads EPB, SPB and the obsolete PB as packets, NRB into <see cref="CaptureReader.NameRecords"/>,
/// ISB drop counts into the interfaces; skips and counts every other block.
/// </summary>
public sealed class PcapNgReader : CaptureReader
{
    internal const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SimplePacketType = 3;
    private const uint NameResolutionType = 4;
    private const uint InterfaceStatisticsType = 5;
    private const uint EnhancedPacketType = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;

    /// <summary>Blocks longer than this are treated as corrupt (Wireshark's own limit is 16 MiB for packet data).</summary>
    public const int MaxBlockLength = 32 << 20;

    private readonly List<SectionInterface> section = [];
    private bool swap;
    private long lastTimestamp;
    private bool inSection;

    internal PcapNgReader(CaptureInput input, AnomalyLog log, string source, Compression compression)
        : base(input, log, source, compression)
    {
    }

    /// <inheritdoc/>
    public override CaptureFormat Format => CaptureFormat.PcapNg;

    /// <summary>Number of sections seen so far.</summary>
    public int SectionCount { get; private set; }

    private uint U32(ReadOnlySpan<byte> s) => swap ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    private ushort U16(ReadOnlySpan<byte> s) => swap ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override bool ReadNext(out PacketRecord record)
    {
        record = default;
        while (true)
        {
            var offset = Input.Position;
            if (!Input.Ensure(12))
            {
                if (Input.Available > 0)
                {
                    Log.Add(inSection ? CaptureAnomalies.TruncatedRecord : CaptureAnomalies.TruncatedHeader, offset);
                    Input.Consume(Input.Available);
                }

                return false;
            }

            var head = Input.Span;
            var type = BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (type == SectionHeaderType)
            {
                // The byte order of a section is only known from its own header.
                var bom = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
                if (bom == ByteOrderMagic)
                {
                    swap = false;
                }
                else if (bom == BinaryPrimitives.ReverseEndianness(ByteOrderMagic))
                {
                    swap = true;
                }
                else
                {
                    Log.Add(CaptureAnomalies.PcapNgBadByteOrder, offset);
                    Stop(offset, $"pcapng section header byte-order magic {bom:x8} is invalid");
                    return false;
                }
            }
            else
            {
                type = U32(head);
                if (!inSection)
                {
                    Log.Add(CaptureAnomalies.PcapNgBadBlockLength, offset);
                    Stop(offset, "pcapng data does not start with a section header block");
                    return false;
                }
            }

            var length = U32(head[4..]);
            if (length < 12 || length % 4 != 0 || length > MaxBlockLength)
            {
                Log.Add(CaptureAnomalies.PcapNgBadBlockLength, offset);
                Stop(offset, $"pcapng block type 0x{type:x} has impossible length {length}; stopped after {PacketCount} packets");
                return false;
            }

            if (!Input.Ensure((int)length))
            {
                Log.Add(type == SectionHeaderType ? CaptureAnomalies.TruncatedHeader : CaptureAnomalies.TruncatedRecord, offset);
                Input.Consume(Input.Available);
                return false;
            }

            var block = Input.Span[..(int)length];
            if (U32(block[^4..]) != length)
            {
                Log.Add(CaptureAnomalies.PcapNgBadBlockLength, offset);
                Stop(offset, $"pcapng block type 0x{type:x} trailing length {U32(block[^4..])} differs from its leading length {length}");
                return false;
            }

            var body = block[8..^4];
            switch (type)
            {
                case SectionHeaderType:
                    if (!ReadSectionHeader(body, offset))
                    {
                        return false;
                    }

                    break;
                case InterfaceDescriptionType:
                    ReadInterface(body, offset);
                    break;
                case EnhancedPacketType:
                    if (TryTimestamped(body, offset, obsolete: false, out record))
                    {
                        Input.Consume((int)length);
                        return true;
                    }

                    break;
                case SimplePacketType:
                    if (TrySimple(body, offset, out record))
                    {
                        Input.Consume((int)length);
                        return true;
                    }

                    break;
                case ObsoletePacketType:
                    if (TryTimestamped(body, offset, obsolete: true, out record))
                    {
                        Input.Consume((int)length);
                        return true;
                    }

                    break;
                case NameResolutionType:
                    ReadNames(body, offset);
                    break;
                case InterfaceStatisticsType:
                    ReadStatistics(body, offset);
                    break;
                default:
                    Log.Add(CaptureAnomalies.PcapNgSkippedBlock, offset);
                    break;
            }

            Input.Consume((int)length);
        }
    }

    private bool ReadSectionHeader(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < 16)
        {
            Log.Add(CaptureAnomalies.PcapNgBadBlockLength, offset);
            Stop(offset, "pcapng section header block too short");
            return false;
        }

        var major = U16(body[4..]);
        if (major != 1)
        {
            Log.Add(CaptureAnomalies.PcapNgUnsupportedVersion, offset);
            Stop(offset, $"pcapng section version {major}.{U16(body[6..])} is not supported");
            return false;
        }

        section.Clear();
        inSection = true;
        SectionCount++;
        return true;
    }

    private void ReadInterface(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < 8)
        {
            Log.Add(CaptureAnomalies.PcapNgBadBlockLength, offset);
            return;
        }

        var linkType = (LinkType)U16(body);
        var snap = (int)Math.Min(U32(body[4..]), int.MaxValue);
        long unitsPerSecond = 1_000_000;
        long tsOffsetSeconds = 0;
        string? name = null;
        foreach (var option in new OptionEnumerator(body[8..], swap, Log, offset))
        {
            var value = option.Value;
            switch (option.Code)
            {
                case 2:
                    name = Encoding.UTF8.GetString(value).TrimEnd('\0');
                    break;
                case 9 when value.Length >= 1:
                    unitsPerSecond = UnitsPerSecond(value[0]);
                    break;
                case 14 when value.Length >= 8:
                    tsOffsetSeconds = (long)(swap ? BinaryPrimitives.ReadUInt64BigEndian(value) : BinaryPrimitives.ReadUInt64LittleEndian(value));
                    break;
                default:
                    break;
            }
        }

        var iface = new CaptureInterface(Interfaces.Count, linkType, snap, name, unitsPerSecond);
        AddInterface(iface);
        section.Add(new SectionInterface(iface, unitsPerSecond, tsOffsetSeconds));
    }

    private static long UnitsPerSecond(byte tsresol)
    {
        var exponent = tsresol & 0x7f;
        if ((tsresol & 0x80) != 0)
        {
            return exponent >= 62 ? long.MaxValue : 1L << exponent;
        }

        long units = 1;
        for (var i = 0; i < exponent && units < long.MaxValue / 10; i++)
        {
            units *= 10;
        }

        return units;
    }

    /// <summary>
    /// Enhanced packet blocks and the obsolete packet block share one layout but for the interface id: 32 bits in
    /// EPB, 16 bits (followed by a drop count) in PB.
    /// </summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryTimestamped(ReadOnlySpan<byte> body, long offset, bool obsolete, out PacketRecord record)
    {
        record = default;
        if (body.Length < 20)
        {
            Log.Add(CaptureAnomalies.PcapNgBadBlockLength, offset);
            return false;
        }

        var ifaceId = obsolete ? U16(body) : U32(body);
        var ts = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
        var capLen = U32(body[12..]);
        var origLen = U32(body[16..]);
        if (capLen > body.Length - 20)
        {
            Log.Add(CaptureAnomalies.PcapNgBadCaptureLength, offset);
            return false;
        }

        if (ifaceId >= section.Count)
        {
            Log.Add(CaptureAnomalies.PcapNgUnknownInterface, offset);
            return false;
        }

        var iface = section[(int)ifaceId];
        lastTimestamp = iface.ToNanoseconds(ts);
        record = new PacketRecord(body.Slice(20, (int)capLen), lastTimestamp, (int)Math.Min(Math.Max(origLen, capLen), int.MaxValue), iface.Interface.Id, iface.Interface.LinkType, offset);
        return true;
    }

    private bool TrySimple(ReadOnlySpan<byte> body, long offset, out PacketRecord record)
    {
        record = default;
        if (body.Length < 4)
        {
            Log.Add(CaptureAnomalies.PcapNgBadBlockLength, offset);
            return false;
        }

        if (section.Count == 0)
        {
            Log.Add(CaptureAnomalies.PcapNgUnknownInterface, offset);
            return false;
        }

        var iface = section[0];
        var origLen = U32(body);
        var capLen = (int)Math.Min(origLen, (uint)(body.Length - 4));
        if (iface.Interface.SnapLength > 0)
        {
            capLen = Math.Min(capLen, iface.Interface.SnapLength);
        }

        // SPBs carry no timestamp. Giving them the previous packet's time keeps rate series and durations sane
        // (a 1970 timestamp would stretch the capture over 56 years); a file of SPBs only reads as time 0.
        record = new PacketRecord(body.Slice(4, capLen), lastTimestamp, (int)Math.Min(origLen, int.MaxValue), iface.Interface.Id, iface.Interface.LinkType, offset);
        return true;
    }

    private void ReadNames(ReadOnlySpan<byte> body, long offset)
    {
        var p = 0;
        while (p + 4 <= body.Length)
        {
            var type = U16(body[p..]);
            var len = U16(body[(p + 2)..]);
            p += 4;
            if (type == 0)
            {
                return;
            }

            if (p + len > body.Length)
            {
                Log.Add(CaptureAnomalies.PcapNgBadOption, offset);
                return;
            }

            var value = body.Slice(p, len);
            var addrLen = type switch { 1 => 4, 2 => 16, _ => -1 };
            if (addrLen > 0 && value.Length > addrLen && NameRecords.Count < 100_000)
            {
                var address = value[..addrLen].ToArray();
                foreach (var name in Encoding.UTF8.GetString(value[addrLen..]).Split('\0', StringSplitOptions.RemoveEmptyEntries))
                {
                    NameRecords.Add(new KeyValuePair<byte[], string>(address, name));
                }
            }

            p += (len + 3) & ~3;
        }
    }

    private void ReadStatistics(ReadOnlySpan<byte> body, long offset)
    {
        if (body.Length < 12)
        {
            Log.Add(CaptureAnomalies.PcapNgBadBlockLength, offset);
            return;
        }

        var ifaceId = U32(body);
        if (ifaceId >= section.Count)
        {
            Log.Add(CaptureAnomalies.PcapNgUnknownInterface, offset);
            return;
        }

        foreach (var option in new OptionEnumerator(body[12..], swap, Log, offset))
        {
            var value = option.Value;
            if (option.Code == 5 && value.Length >= 8)
            {
                section[(int)ifaceId].Interface.Dropped = (long)(swap ? BinaryPrimitives.ReadUInt64BigEndian(value) : BinaryPrimitives.ReadUInt64LittleEndian(value));
            }
        }
    }

    private sealed record SectionInterface(CaptureInterface Interface, long UnitsPerSecond, long OffsetSeconds)
    {
        public long ToNanoseconds(ulong ts)
        {
            long ns;
            if (UnitsPerSecond == 1_000_000_000)
            {
                ns = (long)ts;
            }
            else if (UnitsPerSecond < 1_000_000_000 && 1_000_000_000 % UnitsPerSecond == 0)
            {
                ns = (long)ts * (1_000_000_000 / UnitsPerSecond);
            }
            else
            {
                // Binary or finer-than-ns resolutions: exact in 128 bits, then truncated to ns.
                ns = (long)(UInt128)((UInt128)ts * 1_000_000_000 / (ulong)UnitsPerSecond);
            }

            return ns + (OffsetSeconds * 1_000_000_000);
        }
    }

    /// <summary>Walks pcapng options (code, length, value padded to 4) without allocating.</summary>
    private ref struct OptionEnumerator(ReadOnlySpan<byte> options, bool swap, AnomalyLog log, long offset)
    {
        private ReadOnlySpan<byte> rest = options;

        public PcapNgOption Current { get; private set; }

        public readonly OptionEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (rest.Length < 4)
            {
                return false;
            }

            var code = swap ? BinaryPrimitives.ReadUInt16BigEndian(rest) : BinaryPrimitives.ReadUInt16LittleEndian(rest);
            var len = swap ? BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]);
            if (code == 0)
            {
                return false;
            }

            if (4 + len > rest.Length)
            {
                log.Add(CaptureAnomalies.PcapNgBadOption, offset);
                return false;
            }

            Current = new PcapNgOption(code, rest.Slice(4, len));
            rest = rest[Math.Min(rest.Length, 4 + ((len + 3) & ~3))..];
            return true;
        }
    }

    private readonly ref struct PcapNgOption(ushort code, ReadOnlySpan<byte> value)
    {
        public ushort Code { get; } = code;

        public ReadOnlySpan<byte> Value { get; } = value;
    }
}
