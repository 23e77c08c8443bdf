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
    /// Learns the heartbeats of one device from its bursts (start sample, bytes; in time order) over a capture of
    /// <paramref name="samples"/> samples of <paramref name="sampleSeconds"/> each. Each burst is linked to the next
    /// burst of similar size; the gaps of these links are counted in relative bins, and a bin that holds a fair share
    /// of the repetitions its period would make over the capture is a heartbeat period. Bursts whose link falls on a
    /// period are heartbeats; the envelope is a quantile of their sizes.
    /// </summary>
    public static HeartbeatModel Learn(IReadOnlyList<(int Start, double Bytes)> bursts, int samples, double sampleSeconds, EventDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(bursts);
        ArgumentNullException.ThrowIfNull(options);
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

        // Beats that no period explains but that come too often to be anyone's doing (a heartbeat spread over
        // several servers, as an ISP sees it per stream, or one with a random timer): a size class that recurs
        // more than BackgroundPerHour times an hour, and at least MinBeats times, is background too.
        var hours = Math.Max(samples * sampleSeconds / 3600, 1.0 / 60);
        foreach (var cls in Enumerable.Range(0, bursts.Count).GroupBy(i => (int)Math.Floor(Math.Log(Math.Max(bursts[i].Bytes, 1)) / Math.Log(options.SimilarSize))))
        {
            var members = cls.ToArray();
            if (members.Length >= options.MinBeats && members.Length / hours >= options.BackgroundPerHour)
            {
                foreach (var i in members)
                {
                    periodic[i] = true;
                }
            }
        }

        var sizes = bursts.Where((_, i) => periodic[i]).Select(b => b.Bytes).Order().ToArray();
        var envelope = sizes.Length == 0 ? 0 : sizes[Math.Min(sizes.Length - 1, (int)(options.EnvelopeQuantile * sizes.Length))];
        return new HeartbeatModel(periods.Select(p => p.Period * sampleSeconds).Order().ToArray(), envelope, periodic);

        bool Similar(double a, double b) => Math.Max(a, b) <= options.SimilarSize * Math.Min(a, b);

        int Bin(int gap) => gap <= 0 ? 0 : (int)(Math.Log(gap) / logBase);
    }
}
