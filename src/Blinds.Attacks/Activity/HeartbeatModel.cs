namespace Blinds.Attacks.Activity;

/// <summary>
/// What a device does when nobody uses it: the periods at which bursts of similar size recur (its heartbeats, in
/// seconds) and the envelope of their sizes. Learned from the device's own bursts, so that a lock's hourly 2 KB
/// check-in and a camera that sends nothing but clips each get a baseline in their own units.
/// </summary>
/// <param name="PeriodsSeconds">The heartbeat periods found, shortest first; empty for a device with none.</param>
/// <param name="EnvelopeBytes">The size (bytes) a heartbeat burst stays under; 0 when there is no heartbeat.</param>
/// <param name="Periodic">For each burst given to <see cref="Learn"/>: whether it belongs to a heartbeat.</param>
public sealed record HeartbeatModel(IReadOnlyList<double> PeriodsSeconds, double EnvelopeBytes, IReadOnlyList<bool> Periodic)
{
    /// <summary>
    /// Learns the heartbeats of one device from its bursts (start sample, bytes; in time order) over the
    /// <paramref name="samples"/> samples of <paramref name="sampleSeconds"/> each from its first traffic to its last
    /// (sample <paramref name="first"/> on). Each burst is linked to the next burst of similar size; the gaps of these
    /// links are counted in relative bins, and a bin that holds a fair share of the repetitions its period would make
    /// over that span, and whose beats recur through the span, is a heartbeat period. Bursts whose link falls on a
    /// period are heartbeats; the envelope is a quantile of their sizes.
    /// </summary>
    /// <remarks>
    /// Given <paramref name="originSeconds"/> (the time of sample 0, seconds since the epoch) and a span of two days
    /// or more, a size class of bursts no period explains that leaves no quiet stretch of
    /// <see cref="EventDetectorOptions.QuietHours"/> in the day is background too: a device's own syncs come day and
    /// night, while its users sleep. With <paramref name="periodsOnly"/> only the periods mark bursts as heartbeats
    /// (the device's schedule, for <see cref="EventDetectorOptions.OffSchedule"/>), none of the background rules.
    /// </remarks>
    public static HeartbeatModel Learn(IReadOnlyList<(int Start, double Bytes)> bursts, int first, int samples, double sampleSeconds, EventDetectorOptions options, double originSeconds = double.NaN, bool periodsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(bursts);
        ArgumentNullException.ThrowIfNull(options);
        var hour = Math.Max(1, (int)Math.Round(3600 / sampleSeconds));
        const int Look = 64; // how many later bursts may lie between two beats of one heartbeat (a lock's hourly beat has 12 five-minute ones between)
        var next = new int[bursts.Count];
        var histogram = new Dictionary<int, int>();
        var logBase = Math.Log(1 + options.PeriodTolerance);
        for (var i = 0; i < bursts.Count; i++)
        {
            next[i] = -1;
            for (var j = i + 1; j < Math.Min(bursts.Count, i + 1 + Look); j++)
            {
                if (Similar(bursts[i].Bytes, bursts[j].Bytes))
                {
                    next[i] = j;
                    var bin = Bin(bursts[j].Start - bursts[i].Start);
                    histogram[bin] = histogram.GetValueOrDefault(bin) + 1;
                    break;
                }
            }
        }

        // A bin and its two neighbours count together: a heartbeat's jitter spreads it over adjacent bins. The
        // period is the median gap of the three; a link is a beat when its gap is within the tolerance of a period.
        var gaps = new List<int>();
        for (var i = 0; i < bursts.Count; i++)
        {
            gaps.Add(next[i] >= 0 ? bursts[next[i]].Start - bursts[i].Start : 0);
        }

        // Each period keeps the median size of the bursts linked at it: a burst is a beat only if it is near that
        // size too, so that an action that happens to come a period before a beat of another size is not one.
        var periods = new List<(double Period, double Size)>();
        foreach (var bin in histogram.Keys.Order())
        {
            var count = histogram[bin] + histogram.GetValueOrDefault(bin - 1) + histogram.GetValueOrDefault(bin + 1);
            var period = Math.Exp(bin * logBase);
            if (count >= Math.Max(options.MinBeats - 1, options.PeriodCover * samples / period))
            {
                var near = Enumerable.Range(0, bursts.Count).Where(i => gaps[i] > 0 && Math.Abs(Bin(gaps[i]) - bin) <= 1).ToArray();
                var median = near.Select(i => gaps[i]).Order().ElementAt(near.Length / 2);
                var size = near.Select(i => bursts[i].Bytes).Order().ElementAt(near.Length / 2);

                // A user's routine can be regular too (the lab's camera sees motion every two hours or so, every
                // day): it keeps to waking hours, a heartbeat does not. Its beats must fill most windows of the span.
                if (Recurrence(near.Select(i => bursts[i].Start), Math.Max(hour, 2 * median)) < options.RecurrenceCover)
                {
                    continue;
                }

                if (!periods.Any(p => Math.Abs(p.Period - median) <= options.PeriodTolerance * p.Period && Similar(p.Size, size)))
                {
                    periods.Add((median, size));
                }
            }
        }

        var periodic = new bool[bursts.Count];
        for (var i = 0; i < bursts.Count; i++)
        {
            var gap = gaps[i];
            if (gap > 0 && periods.Any(p => Math.Abs(gap - p.Period) <= Math.Max(1, options.PeriodTolerance * p.Period) && Similar(bursts[i].Bytes, p.Size)))
            {
                periodic[i] = periodic[next[i]] = true;
            }
        }

        // Beats that no period explains but that come too often, or too evenly through the day and night, to be
        // anyone's doing (a heartbeat spread over several servers, as an ISP sees it per stream, or one with a random
        // timer): bursts of a size that recurs more than BackgroundPerHour times an hour, or in most hours of the
        // span (RecurrenceCover), and at least MinBeats times, are background too.
        var hours = Math.Max(samples * sampleSeconds / 3600, 1.0 / 60);
        var order = Enumerable.Range(0, bursts.Count).OrderBy(i => bursts[i].Bytes).ToArray();
        var bySize = order.Select(i => bursts[i].Bytes).ToArray();
        var narrow = Math.Sqrt(options.SimilarSize);
        var unexplained = order.Where(k => !periodic[k]).ToArray();
        var loose = unexplained.Select(k => bursts[k].Bytes).ToArray();
        // Each burst's own size class is a window of `unexplained` (sorted by size) whose two ends only move forward
        // as the bursts are visited in size order, so the class's starts are counted as the window slides: by hour
        // of the day (round the clock) and by hour of the span (recurrence). Re-scanning the class for every burst
        // was quadratic in a long capture's bursts: 530 s of a 22-day audit.
        var clock = options.QuietHours > 0 && !double.IsNaN(originSeconds) && samples * sampleSeconds >= 2 * 86_400;
        var byHourOfDay = new int[24];
        var spanHours = Math.Max(1, (samples + hour - 1) / hour);
        var bySpanHour = new int[spanHours];
        int busyHours = 0, from = 0, to = 0;
        foreach (var i in periodsOnly ? [] : order)
        {
            // Bursts within the similar-size factor either way: a window, not fixed classes, so that beats jittering
            // across a class boundary still count together.
            var b = bursts[i].Bytes;
            var alike = SortedBounds.Upper(bySize, b * options.SimilarSize) - SortedBounds.Lower(bySize, b / options.SimilarSize);
            if (alike < options.MinBeats)
            {
                continue;
            }

            // Spread through the span is judged on the bursts no period explains, of the burst's own size class
            // (half the band either way): a lock's 3 KB unlock is within the full band of its hourly 2 KB check-in,
            // which is in every hour but on its period.
            var lo = SortedBounds.Lower(loose, b / narrow);
            var hi = SortedBounds.Upper(loose, b * narrow);
            for (; to < hi; to++)
            {
                Count(bursts[unexplained[to]].Start, 1);
            }

            for (; from < lo; from++)
            {
                Count(bursts[unexplained[from]].Start, -1);
            }

            var own = hi - lo;
            if ((own >= options.MinBeats && clock && LongestQuiet() < options.QuietHours)
                || alike / hours >= options.BackgroundPerHour
                || (own >= options.MinBeats && busyHours / (double)spanHours >= options.RecurrenceCover))
            {
                periodic[i] = true;
            }
        }

        var sizes = bursts.Where((_, i) => periodic[i]).Select(b => b.Bytes).Order().ToArray();
        var envelope = sizes.Length == 0 ? 0 : sizes[Math.Min(sizes.Length - 1, (int)(options.EnvelopeQuantile * sizes.Length))];
        return new HeartbeatModel(periods.Select(p => p.Period * sampleSeconds).Order().ToArray(), envelope, periodic);

        bool Similar(double a, double b) => Math.Max(a, b) <= options.SimilarSize * Math.Min(a, b);

        // The share of the span's windows (of the given length, in samples) that hold at least one of the starts.
        double Recurrence(IEnumerable<int> starts, int window)
        {
            var windows = Math.Max(1, (samples + window - 1) / window);
            return starts.Select(s => Math.Clamp((s - first) / window, 0, windows - 1)).Distinct().Count() / (double)windows;
        }

        // Adds (one) or takes away (minus one) a start of the size class in the window.
        void Count(int start, int one)
        {
            if (clock)
            {
                byHourOfDay[(int)(((((originSeconds + (start * sampleSeconds)) % 86_400) + 86_400) % 86_400) / 3600)] += one;
            }

            ref var inHour = ref bySpanHour[Math.Clamp((start - first) / hour, 0, spanHours - 1)];
            busyHours += (inHour == 0 ? 1 : 0) - (inHour + one == 0 ? 1 : 0);
            inHour += one;
        }

        // The longest stretch of hours of the day (UTC, round the clock) in which the window's class never starts.
        int LongestQuiet()
        {
            int quiet = 0, longest = 0;
            for (var h = 0; h < 48; h++)
            {
                quiet = byHourOfDay[h % 24] > 0 ? 0 : quiet + 1;
                longest = Math.Max(longest, quiet);
            }

            return longest;
        }

        int Bin(int gap) => gap <= 0 ? 0 : (int)(Math.Log(gap) / logBase);
    }
}
