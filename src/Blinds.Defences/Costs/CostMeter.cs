namespace Blinds.Defences.Costs;

/// <summary>
/// Counts what a defence costs while packets flow: per device the bytes it sent and received, the bytes blocked,
/// the overhead by kind, per-packet delays and drops; for the home the cover traffic and the longest queue.
/// Device index -1 is the home (traffic no device owns).
/// </summary>
public sealed class CostMeter
{
    private readonly DeviceCost[] devices;
    private readonly DeviceCost home = new();

    /// <summary>Creates a meter for <paramref name="deviceCount"/> devices.</summary>
    public CostMeter(int deviceCount)
    {
        devices = new DeviceCost[deviceCount];
        for (var i = 0; i < deviceCount; i++)
        {
            devices[i] = new DeviceCost();
        }
    }

    /// <summary>Per device, by index.</summary>
    public IReadOnlyList<DeviceCost> Devices => devices;

    /// <summary>Traffic no device owns (cover slots) and the queue figures.</summary>
    public DeviceCost Home => home;

    /// <summary>Longest shaper queue seen, bytes.</summary>
    public long MaxQueueBytes { get; private set; }

    /// <summary>Longest shaper queue seen, packets.</summary>
    public int MaxQueuePackets { get; private set; }

    /// <summary>Bytes the observer saw, up.</summary>
    public long ObservedUp { get; private set; }

    /// <summary>Bytes the observer saw, down.</summary>
    public long ObservedDown { get; private set; }

    /// <summary>The cost record of <paramref name="device"/> (-1: the home).</summary>
    public DeviceCost Of(int device) => device < 0 ? home : devices[device];

    /// <summary>A device's packet as it arrived at the gateway.</summary>
    public void Real(int device, bool up, int bytes)
    {
        var d = Of(device);
        if (up)
        {
            d.RealUp += bytes;
        }
        else
        {
            d.RealDown += bytes;
        }
    }

    /// <summary>Bytes a block rule stopped.</summary>
    public void Blocked(int device, int bytes) => Of(device).BlockedBytes += bytes;

    /// <summary>Extra bytes of <paramref name="kind"/> on behalf of <paramref name="device"/>.</summary>
    public void Overhead(int device, OverheadKind kind, bool up, long bytes)
    {
        var d = Of(device);
        d.Overhead[(int)kind] += bytes;
        if (up)
        {
            d.OverheadUp += bytes;
        }
        else
        {
            d.OverheadDown += bytes;
        }
    }

    /// <summary>A real packet left after waiting <paramref name="delayNs"/>.</summary>
    public void Delay(int device, long delayNs) => Of(device).Delays.Add(delayNs);

    /// <summary>A real packet dropped because the queue was full.</summary>
    public void Drop(int device, int bytes)
    {
        var d = Of(device);
        d.Drops++;
        d.DroppedBytes += bytes;
    }

    /// <summary>The queue's length now.</summary>
    public void Queue(long bytes, int packets)
    {
        MaxQueueBytes = Math.Max(MaxQueueBytes, bytes);
        MaxQueuePackets = Math.Max(MaxQueuePackets, packets);
    }

    /// <summary>A packet the observer sees.</summary>
    public void Observed(bool up, long bytes)
    {
        if (up)
        {
            ObservedUp += bytes;
        }
        else
        {
            ObservedDown += bytes;
        }
    }
}

/// <summary>One device's (or the home's) running costs.</summary>
public sealed class DeviceCost
{
    /// <summary>Bytes the device sent to the internet.</summary>
    public long RealUp { get; internal set; }

    /// <summary>Bytes it received.</summary>
    public long RealDown { get; internal set; }

    /// <summary>Bytes block rules stopped.</summary>
    public long BlockedBytes { get; internal set; }

    /// <summary>Extra bytes by <see cref="OverheadKind"/>.</summary>
    public long[] Overhead { get; } = new long[Enum.GetValues<OverheadKind>().Length];

    /// <summary>Extra bytes sent.</summary>
    public long OverheadUp { get; internal set; }

    /// <summary>Extra bytes received.</summary>
    public long OverheadDown { get; internal set; }

    /// <summary>Per-packet delays of its real packets.</summary>
    public DelayStats Delays { get; } = new();

    /// <summary>Packets dropped by a full queue.</summary>
    public long Drops { get; internal set; }

    /// <summary>Bytes dropped.</summary>
    public long DroppedBytes { get; internal set; }

    /// <summary>All extra bytes.</summary>
    public long OverheadBytes => OverheadUp + OverheadDown;
}
