using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Lab;

namespace Blinds.Traffic.Tests;

/// <summary>Lab captures generated in memory, read back into traces.</summary>
public static class LabTrace
{
    private static readonly Lazy<(Scenario, byte[])> PaperLab = new(() => Generate(Presets.PaperLab(1)));

    public static Scenario Scenario => PaperLab.Value.Item1;

    public static byte[] Capture => PaperLab.Value.Item2;

    public static (Scenario Scenario, byte[] Bytes) Generate(Scenario scenario)
    {
        var ms = new MemoryStream();
        using (var w = new PcapNgWriter(new Keep(ms), LinkType.Ethernet))
        {
            new HomeSimulator(scenario).Run((t, f) => w.Write(t, f));
        }

        return (scenario, ms.ToArray());
    }

    public static Trace Read(byte[] bytes, TraceOptions? options = null)
    {
        var builder = new TraceBuilder(options);
        using var reader = CaptureReader.Open(new MemoryStream(bytes), builder.Log, "lab");
        builder.Read(reader);
        return builder.Build();
    }

    private sealed class Keep(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
