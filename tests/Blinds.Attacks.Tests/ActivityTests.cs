using Blinds.Attacks.Activity;
using Blinds.Attacks.Scoring;
using Blinds.Capture;
using Blinds.Lab;
using Blinds.Traffic;
using Blinds.Traffic.Series;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Attacks.Tests;

public class ActivityTests(ITestOutputHelper output)
{
    private static (Trace Trace, IReadOnlyList<LabEvent> Events, Scenario Scenario) Run(Scenario scenario)
    {
        var ms = new MemoryStream();
        var w = new PcapNgWriter(ms, LinkType.Ethernet);
        var events = new HomeSimulator(scenario).Run((t, f) => w.Write(t, f));
        var builder = new TraceBuilder(new TraceOptions { Bin = TimeSpan.FromSeconds(1) });
        using var r = CaptureReader.Open(new MemoryStream(ms.ToArray()), builder.Log, scenario.Name);
        builder.Read(r);
        return (builder.Build(), events, scenario);
    }

    private (EventScore Home, Dictionary<string, EventScore> PerDevice) Score((Trace Trace, IReadOnlyList<LabEvent> Events, Scenario Scenario) run, string[]? only = null)
    {
        const long tolerance = 10_000_000_000L;
        var duration = run.Trace.LastNs!.Value - run.Trace.FirstNs!.Value;
        var per = new Dictionary<string, EventScore>();
        int truth = 0, detected = 0, matched = 0;
        foreach (var d in run.Scenario.Devices.Where(d => only is null || only.Contains(d.Name)))
        {
            var device = run.Trace.FindDevice(d.Mac)!;
            var found = EventDetector.Detect(d.Mac, device.Rates!).Select(e => e.StartNs).ToArray();
            // Starts and stops of a live view are one event each: the detector sees the rise; a stop is not a burst.
            var labelled = run.Events.Where(e => e.Device == d.Name && e.Activity != "live_view_stop").Select(e => e.TimeNs).ToArray();
            var s = EventScore.Score(labelled, found, tolerance, duration);
            per[d.Name] = s;
            truth += s.Truth;
            detected += s.Detected;
            matched += s.Matched;
            output.WriteLine($"{d.Name,-14} truth {s.Truth,3} detected {s.Detected,3} matched {s.Matched,3}  P {s.Precision:F2} R {s.Recall:F2} F1 {s.F1:F2} (chance recall {s.ChanceRecall:F3})");
        }

        var home = new EventScore(truth, detected, matched, per.Values.Sum(v => v.ChanceRecall * v.Truth) / Math.Max(1, truth));
        output.WriteLine($"home           truth {home.Truth,3} detected {home.Detected,3} matched {home.Matched,3}  P {home.Precision:F2} R {home.Recall:F2} F1 {home.F1:F2}");
        return (home, per);
    }

    [Fact]
    public void Events_of_the_paper_lab_are_found_within_ten_seconds()
    {
        var (home, per) = Score(Run(Presets.PaperLab(1)));
        Assert.True(home.F1 >= 0.9, $"F1 {home.F1:F3}");
        Assert.All(per.Values, s => Assert.True(s.ChanceRecall < 0.05));
    }

    [Fact]
    public void Steady_heartbeats_make_no_events()
    {
        var series = new RateSeries(0, 1_000_000_000);
        var rng = new Random(3);
        for (var s = 0; s < 3600; s += 30)
        {
            series.Add(s * 1_000_000_000L, 300 + rng.Next(60), up: true);
            series.Add((s * 1_000_000_000L) + 50_000_000, 200 + rng.Next(40), up: false);
        }

        Assert.Empty(EventDetector.Detect(default, series));
        series.Add(1800L * 1_000_000_000, 20_000, up: true);
        series.Add(1805L * 1_000_000_000, 30_000, up: false);
        var e = Assert.Single(EventDetector.Detect(default, series, new EventDetectorOptions { SplitSilence = TimeSpan.Zero }));
        Assert.Equal(1800L * 1_000_000_000, e.StartNs);
        Assert.Equal(1810L * 1_000_000_000, e.EndNs); // whole 5 s samples
        Assert.InRange(e.Confidence, 0, 1);

        // With the split rule (the default), the two uploads 4 s of silence apart are two exchanges, at their seconds.
        Assert.Equal([1800L, 1805L], EventDetector.Detect(default, series).Select(x => x.StartNs / 1_000_000_000));
    }

    [Fact]
    public void Scoring_matches_each_label_once_within_the_tolerance()
    {
        var s = EventScore.Score([100, 200, 300], [95, 101, 250, 1000], 10, 10_000);
        Assert.Equal(1, s.Matched); // 95 and 101 both near 100: one match; 250 and 1000 near nothing
        Assert.Equal(0.25, s.Precision);
        Assert.Equal(1 / 3.0, s.Recall, 6);
        Assert.Equal(4 * 20 / 10_000.0, s.ChanceRecall, 6);
    }

    private const long S = 1_000_000_000L;

    [Fact]
    public void A_camera_that_sends_nothing_but_clips_has_each_clip_as_an_event()
    {
        // blink-cam-02's week: no heartbeat, a clip of half a megabyte now and then. The old median-of-non-empty
        // baseline put the threshold above every clip.
        var series = new RateSeries(0, S);
        var clips = new long[] { 3_000, 40_000, 41_000, 200_000, 450_000 };
        var rng = new Random(5);
        foreach (var c in clips)
        {
            for (var i = 0; i < 6; i++)
            {
                series.Add((c + i) * S, 80_000 + rng.Next(10_000), up: true);
            }
        }

        series.ExtendTo(600_000 * S);
        var found = EventDetector.Detect(default, series, null, out var beats);
        Assert.Empty(beats.PeriodsSeconds);
        Assert.Equal(clips.Select(c => c * S), found.Select(e => e.StartNs));
    }

    [Fact]
    public void A_lock_with_two_heartbeats_shows_only_what_breaks_them()
    {
        // schlage-lock-01: 120 B every 5 minutes and 2.2 KB every hour; a lock or unlock is ~3.5 KB at another time.
        var series = new RateSeries(0, S);
        var rng = new Random(7);
        for (long t = 0; t < 7 * 86_400; t += 300)
        {
            series.Add((t + rng.Next(2)) * S, 120, up: true);
        }

        for (long t = 40; t < 7 * 86_400; t += 3600)
        {
            series.Add(t * S, 1_400 + rng.Next(200), up: true);
            series.Add((t + 1) * S, 800, up: false);
        }

        var actions = new long[] { 10_020, 100_520, 250_150, 400_910, 590_333 };
        foreach (var a in actions)
        {
            series.Add(a * S, 2_000 + rng.Next(500), up: true);
            series.Add((a + 2) * S, 1_500, up: false);
        }

        var found = EventDetector.Detect(default, series, null, out var beats);
        Assert.Contains(300, beats.PeriodsSeconds.Select(p => Math.Round(p / 100) * 100));
        Assert.Contains(beats.PeriodsSeconds, p => Math.Abs(p - 3600) < 400);
        Assert.Equal(actions.Select(a => a - (a % 5)), found.Select(e => e.StartNs / S));
    }

    [Fact]
    public void A_routine_repeated_a_few_times_is_not_taken_for_a_heartbeat()
    {
        // The paper-lab's plug is switched every quarter of an hour: nine times is a routine, not a heartbeat.
        var series = new RateSeries(0, S);
        for (long t = 0; t < 7200; t += 60)
        {
            series.Add(t * S, 290, up: true);
        }

        for (long t = 120; t < 7200; t += 850)
        {
            series.Add((t + 7) * S, 45_000, up: true);
        }

        var found = EventDetector.Detect(default, series);
        Assert.Equal(9, found.Count);
    }

    [Fact]
    public void A_station_present_for_part_of_the_capture_has_its_heartbeat_learned_over_its_own_span()
    {
        // The lab phone's randomised MAC lives eight hours of a three-day capture: a 300 s heartbeat all through those
        // eight hours must not need to cover the three days (it did, and each beat became an event).
        var series = new RateSeries(0, S);
        var rng = new Random(11);
        var t = 100.0;
        while (t < 8 * 3600)
        {
            series.Add((long)(t * S), 1_500 + rng.Next(300), up: true);
            t += 300 * (0.9 + (0.2 * rng.NextDouble()));
        }

        series.ExtendTo(3 * 86_400 * S);
        var found = EventDetector.Detect(default, series, null, out var beats);
        Assert.Contains(beats.PeriodsSeconds, p => Math.Abs(p - 300) < 40);
        Assert.Empty(found);
    }

    [Fact]
    public void A_heartbeat_a_stream_gets_only_now_and_then_is_background()
    {
        // What an ISP sees of a device's second server: three in ten of a 300 s heartbeat go there, so the gaps are
        // random multiples of 300 s and no period holds; the beats still turn up in nearly every hour of the day.
        // A browsing session's pages on the same stream remain events.
        var series = new RateSeries(0, S);
        var rng = new Random(3);
        for (var t = 50.0; t < 86_400; t += 300 * (0.9 + (0.2 * rng.NextDouble())))
        {
            if (rng.NextDouble() < 0.3)
            {
                series.Add((long)(t * S), 1_600 + rng.Next(300), up: true);
            }
        }

        var pages = new long[] { 33_003, 47_010, 74_020 };
        foreach (var p in pages)
        {
            series.Add(p * S, 600_000, up: false);
        }

        var found = EventDetector.Detect(default, series);
        Assert.Equal(pages.Select(p => p - (p % 5)), found.Select(e => e.StartNs / S));
    }

    [Fact]
    public void A_daily_routine_as_regular_as_a_heartbeat_but_only_by_day_stays_activity()
    {
        // The lab camera's motions come every two hours or so from 9:00 to 20:00, every day for three days: eighteen
        // clips of one size, regular enough to pass for a period, but a heartbeat does not sleep at night.
        var series = new RateSeries(0, S);
        var rng = new Random(9);
        for (long t = 0; t < 3 * 86_400; t += 20)
        {
            series.Add(t * S, 150 + rng.Next(30), up: true);
        }

        var clips = new List<long>();
        for (var day = 0; day < 3; day++)
        {
            for (var i = 0; i < 6; i++)
            {
                clips.Add((day * 86_400) + (long)((9 + (i * 2.1)) * 3600) + (rng.Next(-1200, 1200) / 5 * 5) + 2);
            }
        }

        foreach (var c in clips)
        {
            series.Add(c * S, 250_000, up: true);
        }

        // A clip that lands next to a heartbeat's sample starts with it: within one sample (5 s) of the clip.
        var found = EventDetector.Detect(default, series);
        Assert.Equal(clips.Count, found.Count);
        Assert.All(clips.Zip(found), p => Assert.InRange(p.First - (p.Second.StartNs / S), 0, 9));
    }

    [Fact]
    public void A_sync_that_comes_day_and_night_is_background_while_actions_that_keep_to_the_afternoon_stay()
    {
        // schlage-lock-01's week: besides its heartbeat, an 8 KB sync every few hours at any hour of the day (no
        // period), and lock actions of 3.5 KB that keep to the afternoon and evening.
        var series = new RateSeries(0, S);
        var rng = new Random(13);
        for (long t = 0; t < 7 * 86_400; t += 300)
        {
            series.Add((t + rng.Next(2)) * S, 120, up: true);
        }

        var syncs = new List<long>();
        for (var t = 3_000.0; t < (7 * 86_400) - 3_600; t += 3_600 * (2 + (5 * rng.NextDouble())))
        {
            syncs.Add((long)t / 5 * 5);
            series.Add((long)t * S, 5_000 + rng.Next(1_000), up: true);
            series.Add(((long)t + 1) * S, 2_800, up: false);
        }

        var actions = new List<long>();
        for (var day = 0; day < 7; day++)
        {
            foreach (var hour in new[] { 14.5, 18.25 })
            {
                var a = (long)((day * 86_400) + (hour * 3600) + rng.Next(0, 3_000)) / 5 * 5;
                actions.Add(a);
                series.Add((a + 1) * S, 2_000 + rng.Next(500), up: true);
                series.Add((a + 2) * S, 1_500, up: false);
            }
        }

        Assert.InRange(syncs.Count, 20, 60);
        Assert.Equal(actions.Order(), EventDetector.Detect(default, series).Select(e => e.StartNs / S));

        // Without the day's quiet stretch, the syncs were events too: the rule is what removes them.
        var without = EventDetector.Detect(default, series, new EventDetectorOptions { QuietHours = 0 });
        Assert.Equal(actions.Count + syncs.Count, without.Count);
    }

    [Fact]
    public void Confidence_grows_with_the_burst()
    {
        var options = new EventDetectorOptions();
        Assert.True(EventDetector.Calibrated(2, 5, options) > EventDetector.Calibrated(0.5, 5, options));
        Assert.InRange(EventDetector.Calibrated(-3, 5, options), 0, 0.5);
        Assert.True(EventDetector.Calibrated(1, 600, options) < EventDetector.Calibrated(1, 5, options), "a ten-minute event is less often a labelled action than a five-second one");
    }
}
