using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

namespace Blinds.Attacks.Activity;

/// <summary>
/// Finds activity in a device's rate series (paper 002 §5.2: "changes in traffic rates"), on idle, bursty and
/// chatty devices alike. The series is summed into samples (5 s). The floor is the median of all samples, zeros
/// included: zero for a device that is mostly silent, its steady level for a chatty one; samples well above it
/// (<see cref="EventDetectorOptions.Sigmas"/> robust deviations, <see cref="EventDetectorOptions.MinRatio"/> times)
/// form bursts. The device's heartbeats are learned from those bursts (<see cref="HeartbeatModel"/>): bursts that
/// recur at a period with a similar size through the device's span, or that turn up in most of its hours, are the
/// device talking to itself (a phone or laptop idles on heartbeats too). What is left and carries more than
/// <see cref="EventDetectorOptions.EnvelopeFactor"/> times the heartbeat envelope is activity; such bursts close
/// together make one event. A camera that sends nothing but clips has no heartbeat: each clip is an event.
/// </summary>
public static class EventDetector
{
    // Below this a burst is a handful of packets: the score's unit never goes under it, so that a tiny burst of a
    // device without heartbeats does not look as sure as a clip.
    private const double MinimumUnitBytes = 100;

    /// <summary>Events in <paramref name="series"/> (1 s bins or coarser) of <paramref name="device"/>.</summary>
    public static IReadOnlyList<DetectedEvent> Detect(MacAddress device, RateSeries series, EventDetectorOptions? options = null) =>
        Detect(device, series, options, out _);

    /// <summary>As <see cref="Detect(MacAddress, RateSeries, EventDetectorOptions?)"/>, also giving the heartbeats learned.</summary>
    public static IReadOnlyList<DetectedEvent> Detect(MacAddress device, RateSeries series, EventDetectorOptions? options, out HeartbeatModel heartbeats)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new EventDetectorOptions();
        var perSample = Math.Max(1, (int)(options.Sample.TotalNanoseconds / series.BinNs));
        var sampleNs = perSample * series.BinNs;
        var totals = series.SampleBytes(perSample);
        heartbeats = new HeartbeatModel([], 0, []);
        if (totals.Length == 0)
        {
            return [];
        }

        var sorted = totals.Select(t => (double)t).Order().ToArray();
        var floor = Median(sorted);
        var mad = Median(sorted.Select(b => Math.Abs(b - floor)).Order().ToArray()) * 1.4826;
        var threshold = Math.Max(floor + (options.Sigmas * mad), options.MinRatio * floor);

        // Bursts: runs of samples above the threshold, split at the first quiet sample so that heartbeats stay apart.
        var raw = Runs(totals.Length, i => totals[i] > threshold, 1);
        var sized = raw.Select(r => (r.Start, Bytes: Excess(r.Start, r.Last))).ToArray();
        // The span the device was present (a phone's randomised MAC lives eight hours of a three-day capture): a
        // heartbeat must recur through that, not through the whole capture.
        var first = Array.FindIndex(totals, t => t > 0);
        var span = Array.FindLastIndex(totals, t => t > 0) - first + 1;
        heartbeats = HeartbeatModel.Learn(sized, Math.Max(first, 0), Math.Max(span, 1), sampleNs / 1e9, options, series.OriginNs / 1e9);
        var unit = Math.Max(options.EnvelopeFactor * heartbeats.EnvelopeBytes, Math.Max(threshold, MinimumUnitBytes));
        var active = new bool[totals.Length];
        for (var k = 0; k < raw.Count; k++)
        {
            if (!heartbeats.Periodic[k] && sized[k].Bytes > options.EnvelopeFactor * heartbeats.EnvelopeBytes)
            {
                Array.Fill(active, true, raw[k].Start, raw[k].Last - raw[k].Start + 1);
            }
        }

        var gap = Math.Max(1, (int)(options.MergeGap.TotalNanoseconds / sampleNs));
        var events = new List<DetectedEvent>();
        foreach (var (start, last) in Runs(totals.Length, i => active[i], gap))
        {
            var bytes = Excess(start, last);
            var peak = 0.0;
            for (var i = start; i <= last; i++)
            {
                peak = Math.Max(peak, totals[i] / Math.Max(threshold, 1));
            }

            var score = Score(bytes, unit);
            var seconds = (last + 1 - start) * sampleNs / 1e9;
            events.Add(new DetectedEvent(series.OriginNs + (start * sampleNs), series.OriginNs + ((last + 1) * sampleNs), device, (long)bytes, peak, Calibrated(score, seconds, options)) { Score = score });
        }

        return events;

        double Excess(int start, int last)
        {
            double s = 0;
            for (var i = start; i <= last; i++)
            {
                s += Math.Max(0, totals[i] - floor);
            }

            return s;
        }
    }

    /// <summary>An event's score: log10 of its bytes over the device's unit (the larger of the threshold and the heartbeat envelope times the factor).</summary>
    public static double Score(double bytes, double unit) => Math.Log10(Math.Max(bytes, 1) / Math.Max(unit, 1));

    /// <summary>
    /// The probability that an event of <paramref name="score"/> lasting <paramref name="seconds"/> is a real
    /// activity: a logistic map of the score and log10 of the duration, fit by leave-one-capture-out
    /// (results/activity-cv.md). Long events are less often a labelled action: what lasts minutes is more often a
    /// device's own sync than a press or a clip.
    /// </summary>
    public static double Calibrated(double score, double seconds, EventDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var z = options.CalibrationIntercept + (options.CalibrationSlope * score) + (options.CalibrationDuration * Math.Log10(Math.Max(seconds, 1)));
        return 1 / (1 + Math.Exp(-z));
    }

    // Runs of true indices; a run goes on across up to gap - 1 false ones.
    private static List<(int Start, int Last)> Runs(int length, Func<int, bool> on, int gap)
    {
        var runs = new List<(int, int)>();
        var start = -1;
        var last = -1;
        for (var i = 0; i < length; i++)
        {
            if (!on(i))
            {
                continue;
            }

            if (start >= 0 && i - last > gap)
            {
                runs.Add((start, last));
                start = -1;
            }

            if (start < 0)
            {
                start = i;
            }

            last = i;
        }

        if (start >= 0)
        {
            runs.Add((start, last));
        }

        return runs;
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
