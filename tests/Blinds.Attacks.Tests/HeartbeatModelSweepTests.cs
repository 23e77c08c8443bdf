using Blinds.Attacks.Activity;

using FsCheck.Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>
/// Issue 16: HeartbeatModel judges each burst's size class (round the clock, recurring through the span) with counts
/// kept as a window slides over the bursts in size order, instead of re-scanning the class for every burst, which was
/// quadratic in a long capture's bursts (530 s of a 22-day audit). Its result must be exactly the re-scanning
/// version's; the reference below is that version, line for line. Bursts mix heartbeats, round-the-clock syncs,
/// daytime routines and one-off sizes over one to four days, with the rules' thresholds drawn too.
/// </summary>
public class HeartbeatModelSweepTests
{
    [Property(MaxTest = 300)]
    public bool The_size_ordered_sweep_gives_the_rescanning_model(int seed)
    {
        var rng = new Random(seed);
        const double SampleSeconds = 5;
        var samples = (int)((0.5 + (rng.NextDouble() * 3.5)) * 86_400 / SampleSeconds);
        var first = rng.Next(1000);
        var starts = new SortedSet<int>();
        var bursts = new List<(int Start, double Bytes)>();
        void Add(int start, double bytes)
        {
            if (start >= first && start < first + samples && starts.Add(start))
            {
                bursts.Add((start, bytes));
            }
        }

        var period = 60 + rng.Next(1500);
        var beat = 200 + rng.Next(3000);
        for (var s = first + rng.Next(period); s < first + samples; s += period + rng.Next(-3, 4))
        {
            Add(s, beat * (0.9 + (0.2 * rng.NextDouble())));
        }

        var sync = 1000 + rng.Next(20_000);
        for (var k = rng.Next(0, 400); k > 0; k--)
        {
            Add(first + rng.Next(samples), sync * (0.7 + (0.6 * rng.NextDouble())));
        }

        for (var k = rng.Next(0, 300); k > 0; k--)
        {
            var day = rng.Next(Math.Max(1, samples / 17_280));
            Add(first + (day * 17_280) + 7_200 + rng.Next(8_000), 5_000 + rng.Next(100_000));
        }

        for (var k = rng.Next(0, 60); k > 0; k--)
        {
            Add(first + rng.Next(samples), 1 + rng.Next(1_000_000));
        }

        var ordered = bursts.OrderBy(b => b.Start).ToArray();
        var options = new EventDetectorOptions
        {
            QuietHours = new[] { 0.0, 3, 6, 12 }[rng.Next(4)],
            RecurrenceCover = 0.3 + (0.6 * rng.NextDouble()),
            BackgroundPerHour = 0.5 + (6 * rng.NextDouble()),
            MinBeats = 2 + rng.Next(12),
        };
        var origin = rng.Next(5) == 0 ? double.NaN : 1_700_000_000 + rng.Next(86_400);

        var swept = HeartbeatModel.Learn(ordered, first, samples, SampleSeconds, options, origin);
        var rescanned = Rescanning.Learn(ordered, first, samples, SampleSeconds, options, origin);
        return swept.Periodic.SequenceEqual(rescanned.Periodic)
            && swept.PeriodsSeconds.SequenceEqual(rescanned.PeriodsSeconds)
            && swept.EnvelopeBytes.Equals(rescanned.EnvelopeBytes);
    }

    // HeartbeatModel.Learn before the sweep, verbatim (its public signature kept): the reference, apart from the code it checks.
#pragma warning disable CA1859
    private static class Rescanning
    {
        public static HeartbeatModel Learn(IReadOnlyList<(int Start, double Bytes)> bursts, int first, int samples, double sampleSeconds, EventDetectorOptions options, double originSeconds = double.NaN)
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
            for (var i = 0; i < bursts.Count; i++)
            {
                // Bursts within the similar-size factor either way: a window, not fixed classes, so that beats jittering
                // across a class boundary still count together.
                var b = bursts[i].Bytes;
                var alike = UpperBound(bySize, b * options.SimilarSize) - LowerBound(bySize, b / options.SimilarSize);
                if (alike < options.MinBeats)
                {
                    continue;
                }

                // Spread through the span is judged on the bursts no period explains, of the burst's own size class
                // (half the band either way): a lock's 3 KB unlock is within the full band of its hourly 2 KB check-in,
                // which is in every hour but on its period.
                var lo = LowerBound(loose, b / narrow);
                var own = UpperBound(loose, b * narrow) - lo;
                if ((own >= options.MinBeats && RoundTheClock(unexplained.Skip(lo).Take(own).Select(k => bursts[k].Start)))
                    || alike / hours >= options.BackgroundPerHour
                    || (own >= options.MinBeats && Recurrence(unexplained.Skip(lo).Take(own).Select(k => bursts[k].Start), hour) >= options.RecurrenceCover))
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

            // True when the starts, over a span of two days or more, leave no quiet stretch of QuietHours in the day
            // (by hour of the day, UTC, round the clock).
            bool RoundTheClock(IEnumerable<int> starts)
            {
                if (options.QuietHours <= 0 || double.IsNaN(originSeconds) || samples * sampleSeconds < 2 * 86_400)
                {
                    return false;
                }

                var busy = new bool[24];
                foreach (var s in starts)
                {
                    busy[(int)(((((originSeconds + (s * sampleSeconds)) % 86_400) + 86_400) % 86_400) / 3600)] = true;
                }

                int quiet = 0, longest = 0;
                for (var h = 0; h < 48; h++)
                {
                    quiet = busy[h % 24] ? 0 : quiet + 1;
                    longest = Math.Max(longest, quiet);
                }

                return longest < options.QuietHours;
            }

            // First index whose value is >= v (LowerBound) or > v (UpperBound), by bisection.
            static int LowerBound(double[] sorted, double v)
            {
                int lo = 0, hi = sorted.Length;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (sorted[mid] < v)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                return lo;
            }

            static int UpperBound(double[] sorted, double v)
            {
                int lo = 0, hi = sorted.Length;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (sorted[mid] <= v)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                return lo;
            }

            int Bin(int gap) => gap <= 0 ? 0 : (int)(Math.Log(gap) / logBase);
        }
    }
#pragma warning restore CA1859
}
