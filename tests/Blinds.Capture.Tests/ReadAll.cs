using Blinds.Capture;
using Blinds.Capture.Anomalies;

namespace Blinds.Capture.Tests;

/// <summary>One packet copied out of the reader's buffer, for comparisons.</summary>
public sealed record Packet(long TimeNs, byte[] Data, int OriginalLength, int Interface, LinkType LinkType);

public static class ReadAll
{
    public static (List<Packet> Packets, CaptureReader Reader, AnomalyLog Log) From(byte[] bytes, int chunk = int.MaxValue, int bufferSize = 1 << 20)
    {
        var log = new AnomalyLog();
        var reader = CaptureReader.Open(new Testing.ChunkedStream(bytes, chunk), log, "test", bufferSize);
        var list = new List<Packet>();
        while (reader.TryRead(out var r))
        {
            list.Add(new Packet(r.TimestampNs, r.Data.ToArray(), r.OriginalLength, r.InterfaceId, r.LinkType));
        }

        reader.Dispose();
        return (list, reader, log);
    }
}
