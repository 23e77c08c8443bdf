using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Capture;

/// <summary>Classic libpcap: both byte orders, micro- and nanosecond timestamps, and Kuznetzov's modified format.</summary>
public sealed class PcapReader : CaptureReader
{
    /// <summary>Records longer than this cannot be real: it is above every snap length libpcap allows for IP traffic.</summary>
    public const int MaxRecordLength = 16 << 20;

    private const uint MicroMagic = 0xa1b2c3d4;
    private const uint NanoMagic = 0xa1b23c4d;
    private const uint ModifiedMagic = 0xa1b2cd34;

    private readonly bool swap;
    private readonly bool nano;
    private readonly int recordHeaderLength;
    private readonly int snapLength;
    private readonly LinkType linkType;

    internal PcapReader(CaptureInput input, AnomalyLog log, string source, Compression compression)
        : base(input, log, source, compression)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(input.Span);
        swap = magic is not (MicroMagic or NanoMagic or ModifiedMagic);
        var native = swap ? BinaryPrimitives.ReverseEndianness(magic) : magic;
        nano = native == NanoMagic;
        recordHeaderLength = native == ModifiedMagic ? 24 : 16;
        if (!input.Ensure(24))
        {
            log.Add(CaptureAnomalies.TruncatedHeader, 0);
            Stop(0, $"file ends inside the pcap file header ({input.Available} of 24 bytes)");
            return;
        }

        var h = input.Span;
        snapLength = (int)Math.Min(U32(h[16..]), int.MaxValue);
        // The upper bits of the link-type field carry FCS information (pcap-savefile(5)); the type is the low 16.
        linkType = (LinkType)(U32(h[20..]) & 0xffff);
        input.Consume(24);
        AddInterface(new CaptureInterface(0, linkType, snapLength, null, nano ? 1_000_000_000 : 1_000_000));
    }

    /// <inheritdoc/>
    public override CaptureFormat Format => CaptureFormat.Pcap;

    /// <summary>True when the file stores nanosecond timestamps.</summary>
    public bool Nanosecond => nano;

    /// <summary>True when the file was written on a machine of the other byte order.</summary>
    public bool Swapped => swap;

    internal static bool IsMagic(uint le) =>
        le is MicroMagic or NanoMagic or ModifiedMagic
        || BinaryPrimitives.ReverseEndianness(le) is MicroMagic or NanoMagic or ModifiedMagic;

    private uint U32(ReadOnlySpan<byte> s) => swap ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override bool ReadNext(out PacketRecord record)
    {
        record = default;
        var offset = Input.Position;
        if (!Input.Ensure(recordHeaderLength))
        {
            if (Input.Available > 0)
            {
                Log.Add(CaptureAnomalies.TruncatedRecord, offset);
                Input.Consume(Input.Available);
            }

            return false;
        }

        var h = Input.Span;
        var sec = U32(h);
        var frac = U32(h[4..]);
        var capLen = U32(h[8..]);
        var origLen = U32(h[12..]);
        if (capLen > MaxRecordLength)
        {
            // No resynchronisation: a wrong length means every later record boundary is a guess.
            Log.Add(CaptureAnomalies.PcapBadRecordLength, offset);
            Stop(offset, $"pcap record captured length {capLen} is impossible (limit {MaxRecordLength}); stopped after {PacketCount} packets");
            return false;
        }

        if (capLen > origLen)
        {
            Log.Add(CaptureAnomalies.PcapCaplenOverOrig, offset);
            origLen = capLen;
        }

        if (snapLength > 0 && capLen > snapLength)
        {
            Log.Add(CaptureAnomalies.PcapCaplenOverSnaplen, offset);
        }

        var total = recordHeaderLength + (int)capLen;
        if (!Input.Ensure(total))
        {
            Log.Add(CaptureAnomalies.TruncatedRecord, offset);
            Input.Consume(Input.Available);
            return false;
        }

        if (frac >= (nano ? 1_000_000_000u : 1_000_000u))
        {
            Log.Add(CaptureAnomalies.PcapBadTimestampFraction, offset);
        }

        var ts = (sec * 1_000_000_000L) + (nano ? frac : frac * 1000L);
        record = new PacketRecord(Input.Span.Slice(recordHeaderLength, (int)capLen), ts, (int)Math.Min(origLen, int.MaxValue), 0, linkType, offset);
        Input.Consume(total);
        return true;
    }
}
