namespace Blinds.Defences.Pipeline;

/// <summary>
/// The next step of a defence pipeline. Packets arrive in time order; <see cref="AdvanceTo"/> tells a stage that no
/// packet earlier than a time will come, so that it can send what its own clock says is due (shapers, cover).
/// </summary>
public interface IWireSink
{
    /// <summary>Takes one packet.</summary>
    void Push(in WirePacket packet);

    /// <summary>
    /// Takes a run of cover packets that differ only in their send times (ascending, none earlier than what came
    /// before): the same as pushing each with <see cref="WirePacket.TimeNs"/> and <see cref="WirePacket.ArrivalNs"/>
    /// set to the time. A shaper idles through hundreds of millions of cover slots in a long capture; one call per
    /// run instead of per slot is what keeps that to a fraction of a second per day.
    /// </summary>
    void PushCover(in WirePacket cover, ReadOnlySpan<long> times);

    /// <summary>Nothing earlier than <paramref name="timeNs"/> will be pushed: send what is due before it.</summary>
    void AdvanceTo(long timeNs);

    /// <summary>The capture ended at <paramref name="endNs"/>: send what is due by then and pass the end on.</summary>
    void Finish(long endNs);
}
