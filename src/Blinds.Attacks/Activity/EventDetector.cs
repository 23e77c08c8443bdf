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
        // Sparse samples: only the non-empty ones, in order; the idle runs between them are implicit zeros. A
        // long capture of a mostly silent device is a few thousand samples here, not a dense array of all of them.
        var splitBins = options.SplitSilence > TimeSpan.Zero ? Math.Max(1, (int)Math.Round(options.SplitSilence.TotalNanoseconds / series.BinNs)) : 0;
        var (at, totals, count) = NonEmptySamples(series, perSample);
        heartbeats = new HeartbeatModel([], 0, []);
        if (count == 0)
        {
            return [];
        }

        var zeros = count - totals.Length;
        var sorted = totals.Select(t => (double)t).Order().ToArray();
        var floor = Median(sorted, zeros, 0);
        var deviations = sorted.Select(b => Math.Abs(b - floor)).Order().ToArray();
        var mad = Median(deviations, zeros, floor) * 1.4826;
        var threshold = Math.Max(floor + (options.Sigmas * mad), options.MinRatio * floor);

        // Bursts: runs of samples above the threshold, split at the first quiet sample so that heartbeats stay apart.
        // The threshold is never negative, so an idle sample is never in a burst.
        var raw = Runs(at, totals.Length, k => totals[k] > threshold, 1);
        var sized = raw.Select(r => (Start: at[r.First], Bytes: Excess(r.First, r.End))).ToArray();
        // The span the device was present (a phone's randomised MAC lives eight hours of a three-day capture): a
        // heartbeat must recur through that, not through the whole capture.
        var first = at.Length > 0 ? at[0] : -1;
        var span = at.Length > 0 ? at[^1] - first + 1 : 1;
        heartbeats = HeartbeatModel.Learn(sized, Math.Max(first, 0), Math.Max(span, 1), sampleNs / 1e9, options, series.OriginNs / 1e9);
        var unit = Math.Max(options.EnvelopeFactor * heartbeats.EnvelopeBytes, Math.Max(threshold, MinimumUnitBytes));
        var active = new bool[totals.Length];
        for (var k = 0; k < raw.Count; k++)
        {
            if (!heartbeats.Periodic[k] && sized[k].Bytes > options.EnvelopeFactor * heartbeats.EnvelopeBytes)
            {
                Array.Fill(active, true, raw[k].First, raw[k].End - raw[k].First);
            }
        }

        // Off-schedule heartbeats (EventDetectorOptions.OffSchedule). Where a floor of steady traffic sets the
        // threshold (a multiple of it), the schedule is learned from the bursts above the floor plus the device's
        // unit of deviation instead, so that exchanges of a heartbeat's size are seen at all.
        if (options.OffSchedule)
        {
            OffSchedule();
        }

        var gap = Math.Max(1, (int)(options.MergeGap.TotalNanoseconds / sampleNs));
        var events = new List<DetectedEvent>();
        var runs = Runs(at, totals.Length, k => active[k], gap);

        // For the split rule, the non-empty bins inside the events only (one more pass over the series; the bins of
        // the idle and heartbeat stretches are never kept).
        var (binAt, binBytes) = (new List<int>(), new List<long>());
        if (splitBins > 0 && runs.Count > 0)
        {
            var r = 0;
            foreach (var b in series.Bins)
            {
                while (r < runs.Count && b.Index >= (at[runs[r].End - 1] + 1) * perSample)
                {
                    r++;
                }

                if (r == runs.Count)
                {
                    break;
                }

                if (b.Bytes > 0 && b.Index >= at[runs[r].First] * perSample)
                {
                    binAt.Add(b.Index);
                    binBytes.Add(b.Bytes);
                }
            }
        }

        foreach (var (from, end) in runs)
        {
            // Close actions (EventDetectorOptions.SplitSilence): the event's own bins, split at silences.
            var parts = splitBins > 0 ? Exchanges(at[from] * perSample, (at[end - 1] + 1) * perSample) : null;
            if (parts is { Count: > 1 })
            {
                foreach (var (firstBin, lastBin, partBytes) in parts)
                {
                    var peakPart = 0.0;
                    var p0 = Array.BinarySearch(at, firstBin / perSample);
                    for (var k = p0 < 0 ? ~p0 : p0; k < at.Length && at[k] <= lastBin / perSample; k++)
                    {
                        peakPart = Math.Max(peakPart, totals[k] / Math.Max(threshold, 1));
                    }

                    var partScore = Score(partBytes, unit);
                    var partSeconds = (lastBin + 1 - firstBin) * series.BinNs / 1e9;
                    events.Add(new DetectedEvent(series.OriginNs + (firstBin * series.BinNs), series.OriginNs + ((lastBin + 1) * series.BinNs), device, (long)partBytes, peakPart, Calibrated(partScore, partSeconds, options)) { Score = partScore });
                }

                continue;
            }

            var bytes = Excess(from, end);
            var peak = 0.0;
            for (var k = from; k < end; k++)
            {
                peak = Math.Max(peak, totals[k] / Math.Max(threshold, 1));
            }

            var (start, last) = (at[from], at[end - 1]);
            var score = Score(bytes, unit);
            var seconds = (last + 1 - start) * sampleNs / 1e9;
            events.Add(new DetectedEvent(series.OriginNs + (start * sampleNs), series.OriginNs + ((last + 1) * sampleNs), device, (long)bytes, peak, Calibrated(score, seconds, options)) { Score = score });
        }

        return events;

        // Off-schedule heartbeats (EventDetectorOptions.OffSchedule), judged sample by sample: a run of samples can
        // join a beat to an exchange of another kind next to it (a device's hourly DNS lookups, which the Wi-Fi view
        // counts as frames to the home's resolver and the LAN's internet view does not), and the pair is neither
        // the beat's size nor the exchange's. Where a floor of steady traffic sets the threshold (a multiple of it),
        // the schedule is learned from the samples above the floor plus the device's unit of deviation instead, so
        // that exchanges of a heartbeat's size are seen at all.
        void OffSchedule()
        {
            var low = floor > 0 ? Math.Min(threshold, floor + Math.Max(options.Sigmas * mad, MinimumUnitBytes)) : threshold;
            var samples = Enumerable.Range(0, totals.Length).Where(k => totals[k] > low).ToArray();
            var sizedSamples = samples.Select(k => (Start: at[k], Bytes: Math.Max(0, totals[k] - floor))).ToArray();
            var (origin, seconds) = (series.OriginNs / 1e9, sampleNs / 1e9);

            // A schedule repeats one size: its beats are matched within the narrow size class (the square root of
            // the similar-size factor), so that two heartbeats of near sizes do not make up periods between them.
            var narrow = Math.Sqrt(options.SimilarSize);
            var schedule = HeartbeatModel.Learn(sizedSamples, Math.Max(first, 0), Math.Max(span, 1), seconds, options with { SimilarSize = narrow }, origin, periodsOnly: true);
            if (schedule.PeriodsSeconds.Count == 0)
            {
                return;
            }

            // The device's own samples by every rule of the heartbeat model (periods and background), for the span
            // over four hours: the rules judge by shares of hourly windows, so under four (a share of at least 75%
            // needs four of them; one hour holds every burst, a user's and the device's alike) they cannot, and the
            // schedule alone says what is the device's own.
            var shortSpan = span * seconds < 4 * 3600;
            var own = shortSpan ? schedule : HeartbeatModel.Learn(sizedSamples, Math.Max(first, 0), Math.Max(span, 1), seconds, options, origin);
            var beatAt = Enumerable.Range(0, samples.Length).Where(i => schedule.Periodic[i]).ToArray();
            var beats = beatAt.Select(i => (double)sizedSamples[i].Start).ToArray();
            var background = Enumerable.Range(0, samples.Length).Where(i => own.Periodic[i] && !schedule.Periodic[i]).Select(i => sizedSamples[i].Bytes).Order().ToArray();
            var due = new List<double>();
            for (var i = 0; i < samples.Length; i++)
            {
                // A sample larger than a heartbeat but not by the factor (the main rule judges those) and off the
                // schedule is an event. One that holds a beat by its time (a period from another beat) is the beat
                // and an exchange beside it: the exchange is what is left over the envelope, and it is the device's
                // own if its size class is (MinBeats samples of that class are background), or if it is the size of
                // a beat due then too (a beat of another period: a sensor's hourly lookups, on the Wi-Fi, in the
                // sample of its minute beat; which beats share a sample is the phase of the sample grid, not the
                // device's doing).
                var bytes = sizedSamples[i].Bytes;
                if (schedule.Periodic[i] || bytes > options.EnvelopeFactor * schedule.EnvelopeBytes || (!shortSpan && (low < threshold || own.Periodic[i])))
                {
                    continue;
                }

                Due(sizedSamples[i].Start);
                var excess = due.Count > 0 ? bytes - schedule.EnvelopeBytes : bytes;
                var owned = !shortSpan && SortedBounds.Upper(background, excess * narrow) - SortedBounds.Lower(background, excess / narrow) >= options.MinBeats;
                var twoBeats = due.Any(b => excess <= b * narrow && b <= excess * narrow);
                if (excess > schedule.EnvelopeBytes && !(owned && excess < bytes) && !twoBeats)
                {
                    active[samples[i]] = true;
                }
            }

            // The sizes of the schedule's beats a period (within its tolerance) before or after the sample start.
            void Due(int start)
            {
                due.Clear();
                foreach (var period in schedule.PeriodsSeconds.Select(p => p / seconds))
                {
                    var tolerance = Math.Max(1, options.PeriodTolerance * period);
                    foreach (var c in (ReadOnlySpan<double>)[start - period, start + period])
                    {
                        for (var b = SortedBounds.Lower(beats, c - tolerance); b < SortedBounds.Upper(beats, c + tolerance); b++)
                        {
                            due.Add(sizedSamples[beatAt[b]].Bytes);
                        }
                    }
                }
            }
        }

        // The exchanges among the non-empty bins fromBin..endBin-1: runs of bins above the floor split where at least
        // splitBins bins are silent (no more than the floor), each with its bytes above the floor; an exchange that
        // does not carry more than the unit joins its neighbour (the one before it, or the next for the first).
        List<(int First, int Last, double Bytes)> Exchanges(int fromBin, int endBin)
        {
            var parts = new List<(int First, int Last, double Bytes)>();
            var perBin = floor / perSample;
            var b = binAt.BinarySearch(fromBin);
            for (b = b < 0 ? ~b : b; b < binAt.Count && binAt[b] < endBin; b++)
            {
                if (binBytes[b] <= floor)
                {
                    continue;
                }

                var excess = Math.Max(0, binBytes[b] - perBin);
                if (parts.Count > 0 && (binAt[b] - parts[^1].Last - 1 < splitBins || parts[^1].Bytes <= unit))
                {
                    parts[^1] = (parts[^1].First, binAt[b], parts[^1].Bytes + excess);
                }
                else
                {
                    parts.Add((binAt[b], binAt[b], excess));
                }
            }

            // The last exchange too small on its own joins the one before it.
            if (parts.Count > 1 && parts[^1].Bytes <= unit)
            {
                parts[^2] = (parts[^2].First, parts[^1].Last, parts[^2].Bytes + parts[^1].Bytes);
                parts.RemoveAt(parts.Count - 1);
            }

            // An exchange of less than a tenth of the event's largest is a tail of it (a camera's 127 B keep-alives
            // after a clip), not an action of its own: it joins the exchange before it (the next, for the first).
            var largest = parts.Count > 1 ? parts.Max(p => p.Bytes) : 0;
            for (var i = parts.Count - 1; i >= 0 && parts.Count > 1; i--)
            {
                if (parts[i].Bytes < largest / 10)
                {
                    var j = i > 0 ? i - 1 : 1;
                    var (a, z) = (Math.Min(i, j), Math.Max(i, j));
                    parts[a] = (parts[a].First, parts[z].Last, parts[a].Bytes + parts[z].Bytes);
                    parts.RemoveAt(z);
                }
            }

            return parts;
        }

        // Bytes above the floor of the stored samples from..end-1; an idle sample adds nothing (the floor is >= 0).
        double Excess(int from, int end)
        {
            double s = 0;
            for (var k = from; k < end; k++)
            {
                s += Math.Max(0, totals[k] - floor);
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

    // The non-empty samples of the series (their sample index and bytes, in order) and how many samples it has.
    private static (int[] At, long[] Bytes, int Count) NonEmptySamples(RateSeries series, int perSample)
    {
        var at = new List<int>();
        var bytes = new List<long>();
        foreach (var b in series.Bins)
        {
            // A bin may hold packets but no bytes: it adds nothing, and a sample of only such bins stays idle like
            // the implicit ones (bytes are never negative, so a stored sample is never zero).
            if (b.Bytes == 0)
            {
                continue;
            }

            var i = b.Index / perSample;
            if (at.Count > 0 && at[^1] == i)
            {
                bytes[^1] += b.Bytes;
            }
            else
            {
                at.Add(i);
                bytes.Add(b.Bytes);
            }
        }

        return ([.. at], [.. bytes], (series.Count + perSample - 1) / perSample);
    }

    // Runs of stored samples (positions from..end-1 into at) that are on; a run goes on across up to gap - 1
    // samples that are off or idle (sample indices, not positions, measure the gap).
    private static List<(int First, int End)> Runs(int[] at, int stored, Func<int, bool> on, int gap)
    {
        var runs = new List<(int, int)>();
        var start = -1;
        var last = -1;
        for (var k = 0; k < stored; k++)
        {
            if (!on(k))
            {
                continue;
            }

            if (start >= 0 && at[k] - at[last] > gap)
            {
                runs.Add((start, last + 1));
                start = -1;
            }

            if (start < 0)
            {
                start = k;
            }

            last = k;
        }

        if (start >= 0)
        {
            runs.Add((start, last + 1));
        }

        return runs;
    }

    // The median of the sorted values together with `extra` more values all equal to `value`.
    private static double Median(double[] sorted, int extra, double value)
    {
        var n = sorted.Length + extra;
        var p = SortedBounds.Lower(sorted, value); // where the extra values sit in the merged order
        return n % 2 == 1 ? Kth(n / 2) : (Kth((n / 2) - 1) + Kth(n / 2)) / 2;

        double Kth(int k) => k < p ? sorted[k] : k < p + extra ? value : sorted[k - extra];
    }
}
