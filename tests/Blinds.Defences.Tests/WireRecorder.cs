using Blinds.Defences.Pipeline;

namespace Blinds.Defences.Tests;

/// <summary>The end of a test pipeline: every packet it is given, cover runs spread into one packet per time.</summary>
internal sealed class WireRecorder : IWireSink
{
    public List<WirePacket> Packets { get; } = [];

    public long FinishedAt { get; private set; }

    public void Push(in WirePacket packet) => Packets.Add(packet);

    public void PushCover(in WirePacket cover, ReadOnlySpan<long> times)
    {
        foreach (var t in times)
        {
            Packets.Add(cover with { TimeNs = t, ArrivalNs = t });
        }
    }

    public void AdvanceTo(long timeNs)
    {
    }

    public void Finish(long endNs) => FinishedAt = endNs;
}
