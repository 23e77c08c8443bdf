using Blinds.Attacks.Activity;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

using FsCheck.Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>
/// Issue 16: EventDetector keeps only the non-empty 5 s samples (idle runs implicit) instead of a dense array of
/// every sample. Its events and heartbeats must be exactly what the dense version gave; the reference below is the
/// dense version, line for line. The series mix idle runs, a periodic heartbeat, bursts, chatty stretches and bins
/// with packets but no bytes, so that the median, the deviation and the run gaps all see idle samples.
/// </summary>
public class EventDetectorSparseTests
{
    private static readonly MacAddress Device = MacAddress.Parse("02:00:00:00:00:01");

    [Property(MaxTest = 300)]
    public bool Sparse_samples_give_the_dense_events_and_heartbeats(int seed, byte binChoice, byte mergeSeconds)
    {
        var rng = new Random(seed);
        var binNs = (binChoice % 3) switch { 0 => 1_000_000_000L, 1 => 2_000_000_000L, _ => 7_000_000_000L };
        var series = new RateSeries(1_700_000_000_000_000_000L, binNs);
        var bins = 1 + rng.Next(4000);
        var chatty = rng.Next(3) == 0 ? 1 + rng.Next(200) : 0;
        var period = 5 + rng.Next(120);
        var beat = 50 + rng.Next(300);
        for (var i = 0; i < bins; i++)
        {
            long bytes = 0;
            if (chatty > 0 && rng.Next(4) != 0)
            {
                bytes += chatty + rng.Next(chatty);
            }

            if (i % period == 0)
            {
                bytes += beat + rng.Next(10);
            }

            if (rng.Next(150) == 0)
            {
                bytes += rng.Next(100_000);
            }

            if (bytes > 0)
            {
                series.AddBin(i, bytes / 2, bytes - (bytes / 2), 1, 1);
            }
            else if (rng.Next(300) == 0)
            {
                series.AddBin(i, 0, 0, 1, 0);
            }
        }

        if (rng.Next(2) == 0)
        {
            series.AddBin(bins + rng.Next(500), 0, 40, 0, 1); // a trailing idle run, then one packet
        }

        // The reference predates the split and off-schedule rules (issue 18): compared with them off.
        var options = new EventDetectorOptions { MergeGap = TimeSpan.FromSeconds(mergeSeconds % 120), SplitSilence = TimeSpan.Zero, OffSchedule = false };
        var sparse = EventDetector.Detect(Device, series, options, out var hb);
        var dense = DenseReference.Detect(Device, series, options, out var hbDense);
        return sparse.SequenceEqual(dense)
            && hb.EnvelopeBytes.Equals(hbDense.EnvelopeBytes)
            && hb.PeriodsSeconds.SequenceEqual(hbDense.PeriodsSeconds)
            && hb.Periodic.SequenceEqual(hbDense.Periodic);
    }

    // The dense EventDetector as it was before the sparse samples.
    private static class DenseReference
    {
        private const double MinimumUnitBytes = 100;

        public static List<DetectedEvent> Detect(MacAddress device, RateSeries series, EventDetectorOptions options, out HeartbeatModel heartbeats)
        {
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
            var raw = Runs(totals.Length, i => totals[i] > threshold, 1);
            var sized = raw.Select(r => (r.Start, Bytes: Excess(r.Start, r.Last))).ToArray();
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

                var score = EventDetector.Score(bytes, unit);
                var seconds = (last + 1 - start) * sampleNs / 1e9;
                events.Add(new DetectedEvent(series.OriginNs + (start * sampleNs), series.OriginNs + ((last + 1) * sampleNs), device, (long)bytes, peak, EventDetector.Calibrated(score, seconds, options)) { Score = score });
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
}
