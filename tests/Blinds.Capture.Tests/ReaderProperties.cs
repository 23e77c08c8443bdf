using Blinds.Testing;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Blinds.Capture.Tests;

public class ReaderProperties
{
    private static readonly byte[] Valid = new CaptureBytes.PcapNg()
        .Interface(1).Interface(101, tsresol: 9)
        .Enhanced(0, 1, Frames.Udp(3)).Enhanced(1, 2, Frames.Udp(100)[14..]).Simple(Frames.Tcp(2))
        .Section(bigEndian: true).Interface(1).Enhanced(0, 3, Frames.Udp(1400))
        .ToArray();

    private static readonly byte[] ValidPcap = CaptureBytes.Pcap(Enumerable.Range(0, 20).Select(i => ((long)i, Frames.Udp(i * 50))));

    /// <summary>Whatever the bytes, reading ends in packets, counted anomalies, a stop error or a format error: never another exception.</summary>
    [Property(MaxTest = 500)]
    public void Any_bytes_end_cleanly(byte[] noise, byte kind)
    {
        // Give the noise a real header half the time so it gets past the format check.
        var bytes = (kind % 3) switch
        {
            0 => noise,
            1 => [.. ValidPcap[..24], .. noise],
            _ => [.. Valid[..28], .. noise],
        };
        try
        {
            ReadAll.From(bytes, bufferSize: 64);
        }
        catch (CaptureFormatException)
        {
        }
    }

    /// <summary>Mutating valid files (bit flips) never throws either.</summary>
    [Property(MaxTest = 500)]
    public void Bit_flips_end_cleanly(PositiveInt at, byte value, bool ng)
    {
        var bytes = (byte[])(ng ? Valid : ValidPcap).Clone();
        bytes[at.Get % bytes.Length] ^= (byte)(value | 1);
        try
        {
            ReadAll.From(bytes);
        }
        catch (CaptureFormatException)
        {
        }
    }

    /// <summary>Reading through reads of any size gives the same packets, anomalies and errors as reading whole.</summary>
    [Property(MaxTest = 300)]
    public Property Chunked_equals_whole(PositiveInt chunk, PositiveInt buffer, PositiveInt cut, bool ng)
    {
        var source = ng ? Valid : ValidPcap;
        var bytes = source[..Math.Max(1, source.Length - (cut.Get % 40))];
        var whole = Describe(bytes, int.MaxValue, 1 << 20);
        var chunked = Describe(bytes, 1 + (chunk.Get % 97), 64 + (buffer.Get % 5000));
        return (whole == chunked).Label($"{whole} != {chunked}");
    }

    private static string Describe(byte[] bytes, int chunk, int buffer)
    {
        var (packets, reader, log) = ReadAll.From(bytes, chunk, buffer);
        return string.Join(";", packets.Select(p => $"{p.TimeNs}/{p.Interface}/{p.LinkType}/{Convert.ToHexString(p.Data)}"))
            + "|" + string.Join(",", log.Entries.Select(e => $"{e.Anomaly.Id}={e.Count}@{e.First.Offset}"))
            + "|" + reader.StopError;
    }
}
