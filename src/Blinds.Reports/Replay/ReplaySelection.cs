using Blinds.Lab;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Records;

namespace Blinds.Reports.Replay;

/// <summary>
/// Collects, during the one read of a capture, the timing and size of the internet packets a replay sends: one
/// device's or every home device's, in the chosen direction.
/// </summary>
/// <param name="only">One device, or null for all.</param>
/// <param name="direction">Which packets.</param>
public sealed class ReplaySelection(MacAddress? only, ReplayDirection direction) : PacketSink
{
    private readonly List<(long TimeNs, int Bytes)> packets = [];

    /// <inheritdoc />
    public override void OnPacket(in PacketRow row)
    {
        var wanted = row.Direction switch
        {
            Direction.Up => direction is ReplayDirection.Up or ReplayDirection.Both,
            Direction.Down => direction is ReplayDirection.Down or ReplayDirection.Both,
            _ => false,
        };
        if (wanted && (only is null || row.Device == only))
        {
            packets.Add((row.TimeNs, row.WireLength));
        }
    }

    /// <summary>The packets from <paramref name="from"/> after <paramref name="firstNs"/> (the capture's first packet), for <paramref name="length"/> or to the end, timed from the window's start.</summary>
    /// <param name="firstNs">The capture's first packet, Unix nanoseconds.</param>
    /// <param name="from">How far into the capture the replay starts.</param>
    /// <param name="length">How long it lasts; null for to the end.</param>
    /// <returns>The packets to send, in order.</returns>
    public ReplayPacket[] Window(long firstNs, TimeSpan from, TimeSpan? length)
    {
        var start = firstNs + (long)from.TotalNanoseconds;
        var end = length is { } l ? start + (long)l.TotalNanoseconds : long.MaxValue;
        return packets.Where(p => p.TimeNs >= start && p.TimeNs < end).Select(p => new ReplayPacket(p.TimeNs - start, p.Bytes)).ToArray();
    }
}
