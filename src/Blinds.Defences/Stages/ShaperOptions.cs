namespace Blinds.Defences.Stages;

/// <summary>
/// How a link-padding shaper sends (paper 002 §7.1): on the uplink at the gateway and on the downlink at the VPN
/// endpoint, each direction at its own rate (a camera uploads, a TV downloads: issue 17).
/// </summary>
public sealed record ShaperOptions
{
    /// <summary>The default rate each way, bytes per second (10 KB/s, decimal as the papers write it).</summary>
    public const double DefaultBytesPerSecond = 10_000;

    /// <summary>Shaped rate of the uplink (home to internet), bytes per second.</summary>
    public double UpBytesPerSecond { get; init; } = DefaultBytesPerSecond;

    /// <summary>Shaped rate of the downlink (internet to home), bytes per second.</summary>
    public double DownBytesPerSecond { get; init; } = DefaultBytesPerSecond;

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
    /// Variable interval timing: when above 0, each direction's rate is redrawn every <see cref="Period"/> uniformly
    /// from rate × [1 − spread, 1 + spread], independently of the traffic (Fu et al.; paper 002 §8). 0 is constant rate.
    /// </summary>
    public double Spread { get; init; }

    /// <summary>How long each VIT rate holds.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Most bytes waiting per direction; packets beyond are dropped and counted, as a real queue would.</summary>
    public long QueueBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>True for variable interval timing, false for constant rate.</summary>
    public bool Vit => Spread > 0;

    /// <summary>The rate of one direction.</summary>
    public double BytesPerSecond(bool up) => up ? UpBytesPerSecond : DownBytesPerSecond;

    /// <summary>These options with both directions at <paramref name="bytesPerSecond"/>.</summary>
    public ShaperOptions WithRate(double bytesPerSecond) => this with { UpBytesPerSecond = bytesPerSecond, DownBytesPerSecond = bytesPerSecond };
}
