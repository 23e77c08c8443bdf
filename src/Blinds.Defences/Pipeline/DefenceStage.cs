namespace Blinds.Defences.Pipeline;

/// <summary>A stage of a defence pipeline: transforms packets and passes them on to <see cref="Next"/>.</summary>
public abstract class DefenceStage : IWireSink
{
    /// <summary>Where this stage's output goes; set when the pipeline is built.</summary>
    public IWireSink Next { get; set; } = NullSink.Instance;

    /// <inheritdoc/>
    public abstract void Push(in WirePacket packet);

    /// <inheritdoc/>
    /// <remarks>By default each packet goes through <see cref="Push"/>; stages that treat cover alike override it.</remarks>
    public virtual void PushCover(in WirePacket cover, ReadOnlySpan<long> times)
    {
        foreach (var t in times)
        {
            Push(cover with { TimeNs = t, ArrivalNs = t });
        }
    }

    /// <inheritdoc/>
    public virtual void AdvanceTo(long timeNs) => Next.AdvanceTo(timeNs);

    /// <inheritdoc/>
    public virtual void Finish(long endNs) => Next.Finish(endNs);

    private sealed class NullSink : IWireSink
    {
        public static readonly NullSink Instance = new();

        public void Push(in WirePacket packet)
        {
        }

        public void PushCover(in WirePacket cover, ReadOnlySpan<long> times)
        {
        }

        public void AdvanceTo(long timeNs)
        {
        }

        public void Finish(long endNs)
        {
        }
    }
}
