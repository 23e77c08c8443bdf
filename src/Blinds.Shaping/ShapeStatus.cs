using System.Text.Json;

namespace Blinds.Shaping;

/// <summary>A shaper's counters over an interval: what left in each band, drops and queues.</summary>
/// <param name="Seconds">Length of the interval.</param>
/// <param name="DeviceBytes">Device traffic sent.</param>
/// <param name="CoverBytes">Cover sent.</param>
/// <param name="DeviceDrops">Device packets dropped (queue full), in total so far.</param>
/// <param name="CoverDrops">Cover packets dropped (expected: cover is made faster than it can leave).</param>
/// <param name="DeviceBacklog">Device bytes waiting now.</param>
/// <param name="DeviceQueued">Device packets waiting now.</param>
public sealed record ShapeStatus(double Seconds, long DeviceBytes, long CoverBytes, long DeviceDrops, long CoverDrops, long DeviceBacklog, long DeviceQueued)
{
    /// <summary>Bytes per second leaving the shaper.</summary>
    public double BytesPerSecond => (DeviceBytes + CoverBytes) / Seconds;

    /// <summary>Share of what left that was cover.</summary>
    public double CoverShare => DeviceBytes + CoverBytes == 0 ? 0 : CoverBytes / (double)(DeviceBytes + CoverBytes);

    /// <summary>How a shaped interface stands, from its state file (null: none); call after the qdisc was found.</summary>
    public static ShapeHealth Health(ShapeState? state) => state is null ? ShapeHealth.Unmanaged : state.Alive() ? ShapeHealth.Running : ShapeHealth.Degraded;

    /// <summary>Samples the leaf queues (handles 11: device, 12: cover) twice, <paramref name="interval"/> apart.</summary>
    public static ShapeStatus Measure(string device, TimeSpan interval)
    {
        var a = Leaves(device);
        Thread.Sleep(interval);
        var b = Leaves(device);
        return new ShapeStatus(
            interval.TotalSeconds,
            b.Device.Bytes - a.Device.Bytes,
            b.Cover.Bytes - a.Cover.Bytes,
            b.Device.Drops,
            b.Cover.Drops,
            b.Device.Backlog,
            b.Device.Queued);
    }

    private static ((long Bytes, long Drops, long Backlog, long Queued) Device, (long Bytes, long Drops, long Backlog, long Queued) Cover) Leaves(string device)
    {
        var json = CommandRunner.Run(["tc", "-s", "-j", "qdisc", "show", "dev", device]);
        using var doc = JsonDocument.Parse(json);
        (long, long, long, long) Leaf(string handle)
        {
            foreach (var q in doc.RootElement.EnumerateArray())
            {
                if (q.TryGetProperty("handle", out var h) && h.GetString() == handle)
                {
                    return (q.GetProperty("bytes").GetInt64(), q.GetProperty("drops").GetInt64(), q.GetProperty("backlog").GetInt64(), q.GetProperty("qlen").GetInt64());
                }
            }

            throw new ShapingException($"{device} is not shaped by Blinds (no leaf queue {handle}); `blinds shape up` first");
        }

        return (Leaf("11:"), Leaf("12:"));
    }
}
