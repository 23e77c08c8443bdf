namespace Blinds.Defences.Pipeline;

/// <summary>
/// The next step of a defence pipeline. Packets arrive in time order; <see cref="AdvanceTo"/> tells a stage that no
/// packet earlier than a time will come, so that it can send what its own clock says is due (shapers, cover).
/// </summary>
public interface IWireSink
{
    /// <summary>Takes one packet.</summary>
    void Push(in WirePacket packet);

    /// <summary>Nothing earlier than <paramref name="timeNs"/> will be pushed: send what is due before it.</summary>
    void AdvanceTo(long timeNs);

    /// <summary>The capture ended at <paramref name="endNs"/>: send what is due by then and pass the end on.</summary>
    void Finish(long endNs);
}
