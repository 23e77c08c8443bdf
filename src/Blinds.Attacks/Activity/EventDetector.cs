using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

namespace Blinds.Attacks.Activity;

/// <summary>Parameters of <see cref="EventDetector"/> (their defaults and why: docs/DESIGN.md, Attacks).</summary>
public sealed record EventDetectorOptions
{
    /// <summary>A sample counts as busy above baseline + this many robust standard deviations (1.4826 MAD) of the device's non-empty samples.</summary>
    public double Sigmas { get; init; } = 6;

    /// <summary>...and above this multiple of the baseline, so that a device with very regular heartbeats (MAD 0) is not triggered by every one.</summary>
    public double MinRatio { get; init; } = 3;

    /// <summary>Busy samples closer than this join one event (a question is an upload, a pause, then the answer).</summary>
    public TimeSpan MergeGap { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Bins are summed into samples of this length first: a camera's steady upload is Poisson-like per second (a
    /// third of its seconds would cross any per-second threshold), but smooth over five.
    /// </summary>
    public TimeSpan Sample { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Finds activity in a device's rate series (paper 002 §5.2: "changes in traffic rates"). The series is summed into
/// samples (5 s); the baseline is the median of the device's non-empty samples (its heartbeats, or a camera's steady
/// upload), the spread their median absolute deviation; samples far above both are busy, and busy samples close
/// together make one event. Robust to the heartbeats that make up most of an idle device's traffic.
/// </summary>
public static class EventDetector
{
    /// <summary>Events in <paramref name="series"/> (1 s bins or coarser) of <paramref name="device"/>.</summary>
    public static IReadOnlyList<DetectedEvent> Detect(MacAddress device, RateSeries series, EventDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new EventDetectorOptions();
        var perSample = Math.Max(1, (int)(options.Sample.TotalNanoseconds / series.BinNs));
        var sampleNs = perSample * series.BinNs;
        var totals = series.SampleBytes(perSample);

        var busy = totals.Where(t => t > 0).Select(t => (double)t).Order().ToArray();
        if (busy.Length < 10)
        {
            return [];
        }

        var baseline = Median(busy);
        var mad = Median(busy.Select(b => Math.Abs(b - baseline)).Order().ToArray()) * 1.4826;
        var threshold = Math.Max(baseline + (options.Sigmas * mad), options.MinRatio * baseline);
        var gap = Math.Max(1, (int)(options.MergeGap.TotalNanoseconds / sampleNs));
        var events = new List<DetectedEvent>();
        var start = -1;
        var last = -1;
        long bytes = 0;
        double peak = 0;
        for (var i = 0; i <= totals.Length; i++)
        {
            var hot = i < totals.Length && totals[i] > threshold;
            if (hot && start >= 0 && i - last > gap)
            {
                Flush();
            }

            if (hot)
            {
                if (start < 0)
                {
                    start = i;
                    bytes = 0;
                    peak = 0;
                }

                last = i;
                bytes += (long)(totals[i] - baseline);
                peak = Math.Max(peak, totals[i] / threshold);
            }
            else if (start >= 0 && (i == totals.Length || i - last > gap))
            {
                Flush();
            }
        }

        return events;

        void Flush()
        {
            var confidence = 1 - (0.5 / peak);
            events.Add(new DetectedEvent(series.OriginNs + (start * sampleNs), series.OriginNs + ((last + 1) * sampleNs), device, bytes, peak, confidence));
            start = -1;
        }
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
