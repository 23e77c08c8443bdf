namespace Blinds.Defences.Stages;

/// <summary>How a link-padding shaper sends (paper 002 §7.1; the same on the uplink and, at the VPN endpoint, the downlink).</summary>
public sealed record ShaperOptions
{
    /// <summary>Shaped rate, bytes per second, each direction.</summary>
    public double BytesPerSecond { get; init; } = 10 * 1024;

    /// <summary>Every packet leaves as slots of exactly this many bytes: fragmented, and the last fragment padded (Fig. 7: 512).</summary>
    public int PacketBytes { get; init; } = 512;

    /// <summary>
    /// Bytes of every slot that carry no packet data: the live cell path's own headers (IP, UDP, counter, tag, fragment
    /// header, and the link header the capture counts), so that a slot carries what a live cell carries. 0: all of it.
    /// </summary>
    public int HeaderBytes { get; init; }

    /// <summary>Standard deviation of each interval as a share of its mean (Fig. 7: 10 ms of 1 s, 1%): the system jitter that makes constant rate imperfect.</summary>
    public double Jitter { get; init; } = 0.01;

    /// <summary>
    /// Variable interval timing: when above 0, the rate is redrawn every <see cref="Period"/> uniformly from
    /// rate × [1 − spread, 1 + spread], independently of the traffic (Fu et al.; paper 002 §8). 0 is constant rate.
    /// </summary>
    public double Spread { get; init; }

    /// <summary>How long each VIT rate holds.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Most bytes waiting per direction; packets beyond are dropped and counted, as a real queue would.</summary>
    public long QueueBytes { get; init; } = 4 * 1024 * 1024;
}
