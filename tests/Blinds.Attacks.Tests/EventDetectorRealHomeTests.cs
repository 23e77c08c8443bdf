using Blinds.Attacks.Activity;
using Blinds.Traffic.Series;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>
/// Issue 18 item 1: the rules for real homes. Close actions split at the silence between their exchanges
/// (<see cref="EventDetectorOptions.SplitSilence"/>); a heartbeat-sized exchange off a beaconing device's schedule is an
/// event (<see cref="EventDetectorOptions.OffSchedule"/>). The series are shaped on the Xiaodu and SSI plugs (results/activity-why.md).
/// </summary>
public class EventDetectorRealHomeTests
{
    private const long S = 1_000_000_000L;

    [Fact]
    public void Two_toggles_eight_seconds_apart_are_two_events_when_their_exchanges_are_apart()
    {
        // A plug that sends 74 B every 6 s; two toggles of ~9 KB over 2 s, 8 s apart (a 6 s silence between them).
        var series = Beacon(600, every: 6, bytes: 74);
        var toggles = new long[] { 300, 308 };
        foreach (var t in toggles)
        {
            series.Add(t * S, 6_000, up: false);
            series.Add((t + 1) * S, 3_000, up: true);
        }

        series.ExtendTo(600 * S);
        var together = EventDetector.Detect(default, series, new EventDetectorOptions { SplitSilence = TimeSpan.Zero });
        var apart = EventDetector.Detect(default, series, new EventDetectorOptions { SplitSilence = TimeSpan.FromSeconds(2) });
        Assert.Single(together);
        Assert.Equal(toggles, apart.Select(e => e.StartNs / S));
        Assert.All(apart, e => Assert.InRange(e.Bytes, 8_000, 9_100));
    }

    [Fact]
    public void A_silence_inside_one_upload_does_not_split_off_a_fragment_smaller_than_the_device_unit()
    {
        // A 20 KB clip, a 2 s pause, then 60 B (an acknowledgement) in the same sample: the tail is not an exchange of its own.
        var series = Beacon(600, every: 30, bytes: 90);
        series.Add(200 * S, 10_000, up: true);
        series.Add(201 * S, 10_000, up: true);
        series.Add(204 * S, 60, up: false);
        series.ExtendTo(600 * S);
        var e = Assert.Single(EventDetector.Detect(default, series, new EventDetectorOptions { SplitSilence = TimeSpan.FromSeconds(2) }));
        Assert.Equal(200, e.StartNs / S);
        Assert.True(e.Bytes >= 20_000);
    }

    [Property(MaxTest = 100)]
    public bool Splitting_keeps_every_event_within_its_unsplit_event_and_never_adds_bytes(int seed)
    {
        var rng = new Random(seed);
        var beacon = 100 + rng.Next(200);
        var series = Beacon(3_000, every: 1 + rng.Next(8), bytes: beacon);
        for (var a = 0; a < 1 + rng.Next(20); a++)
        {
            var t = 10 + rng.Next(2_900);
            for (var i = 0; i < 1 + rng.Next(4); i++)
            {
                series.Add((t + (i * (1 + rng.Next(5)))) * S, 500 + rng.Next(20_000), up: rng.Next(2) == 0);
            }
        }

        series.ExtendTo(3_000 * S);
        var whole = EventDetector.Detect(default, series, new EventDetectorOptions { SplitSilence = TimeSpan.Zero });
        var split = EventDetector.Detect(default, series, new EventDetectorOptions { SplitSilence = TimeSpan.FromSeconds(1 + rng.Next(4)) });
        return split.Count >= whole.Count
            && split.All(p => whole.Any(w => w.StartNs <= p.StartNs && p.EndNs <= w.EndNs))
            && split.Zip(split.Skip(1)).All(x => x.First.EndNs <= x.Second.StartNs)
            && whole.All(w => split.Where(p => w.StartNs <= p.StartNs && p.EndNs <= w.EndNs).Sum(p => p.Bytes) <= w.Bytes + (((w.EndNs - w.StartNs) / S / 5) + 1) * beacon);
    }

    [Fact]
    public void A_heartbeat_sized_exchange_off_a_beaconing_plugs_schedule_is_an_event()
    {
        // ssi-plug: a 214 B broadcast every 5 s sets the floor; a 300 B check-in every 60 s is the schedule; the app's
        // actions are 400-700 B exchanges at other times, under three times the floor.
        var series = Beacon(3_600, every: 5, bytes: 214);
        for (long t = 50; t < 3_600; t += 60)
        {
            series.Add(t * S, 300, up: true);
        }

        var actions = new long[] { 422, 1_207, 1_988, 2_713, 3_332 };
        foreach (var a in actions)
        {
            series.Add(a * S, 420, up: false);
        }

        series.ExtendTo(3_600 * S);
        Assert.Empty(EventDetector.Detect(default, series, new EventDetectorOptions { OffSchedule = false }));
        var found = EventDetector.Detect(default, series, new EventDetectorOptions { OffSchedule = true });
        Assert.Equal(actions.Select(a => a - (a % 5)), found.Select(e => e.StartNs / S));
    }

    [Fact]
    public void Frequent_toggle_reports_off_a_silent_plugs_schedule_are_events()
    {
        // ssi-plug as the LAN sees it (its broadcasts aside): 300 B every 60 s, 412 B every 30 s, silent between; the
        // app's actions (a dozen in the hour) are exchanges of 640-1,100 B, too frequent and too close to the
        // heartbeat's size for the background rules, off its schedule all the same.
        var series = new RateSeries(0, S);
        for (long t = 50; t < 3_600; t += 60)
        {
            series.Add(t * S, 300, up: true);
        }

        for (long t = 0; t < 3_600; t += 30)
        {
            series.Add(t * S, 412, up: false);
        }

        var rng = new Random(3); // each action alone in its sample, between beats, at irregular times
        var actions = Enumerable.Range(0, 12).Select(i => (30 * (3 + (9 * i) + rng.Next(5))) + 12 + rng.Next(3)).Select(a => (long)a).ToArray();
        foreach (var a in actions)
        {
            series.Add(a * S, 640 + rng.Next(460), up: true);
        }

        series.ExtendTo(3_600 * S);
        Assert.Empty(EventDetector.Detect(default, series, new EventDetectorOptions { OffSchedule = false }));
        var found = EventDetector.Detect(default, series, new EventDetectorOptions { OffSchedule = true });
        Assert.Equal(actions.Select(a => a - (a % 5)), found.Select(e => e.StartNs / S));
    }

    [Fact]
    public void A_beaconing_device_without_a_schedule_gets_no_off_schedule_events()
    {
        // The same beacon, with 300-400 B exchanges at random times and no period: nothing tells them from its own.
        var series = Beacon(3_600, every: 5, bytes: 214);
        var rng = new Random(11);
        for (var i = 0; i < 40; i++)
        {
            series.Add(rng.Next(3_600) * S, 300 + rng.Next(100), up: true);
        }

        series.ExtendTo(3_600 * S);
        Assert.Empty(EventDetector.Detect(default, series, new EventDetectorOptions { OffSchedule = true }));
        Assert.Empty(EventDetector.Detect(default, series, new EventDetectorOptions { OffSchedule = false }));
    }

    [Fact]
    public void A_beat_sharing_its_sample_with_an_hourly_exchange_is_not_off_schedule()
    {
        // home-24h's WeMo switch as the Wi-Fi sees it: a 580 B beat every 30 s, and at every hour its DNS lookups to
        // the home's resolver (412 B; the LAN's internet view has none), in some hours inside the beat's 5 s sample
        // (990 B together: off the schedule's size, between one and three envelopes), in others alone. Eight user
        // actions of 1,500 B between beats are the only events.
        var series = new RateSeries(0, S);
        var rng = new Random(5);
        for (long t = 0; t < 86_400; t += 30)
        {
            var at = t + 1 + rng.Next(3);
            series.Add(at * S, 200, up: true);
            series.Add(at * S, 190, up: false);
            series.Add(at * S, 190, up: true);
        }

        for (long h = 0; h < 24; h++)
        {
            var at = (3_600 * h) + (rng.Next(2) == 0 ? 0 : 12);
            foreach (var b in new[] { 80, 75, 130, 127 })
            {
                series.Add(at * S, b, up: b < 100);
            }
        }

        var actions = new long[] { 7, 8, 9, 12, 15, 18, 20, 22 }.Select(h => (3_600 * h) + (30 * rng.Next(100)) + 16).ToArray();
        foreach (var a in actions)
        {
            for (var i = 0; i < 4; i++)
            {
                series.Add(a * S, 375, up: i % 2 == 0);
            }
        }

        series.ExtendTo(86_400 * S);
        var found = EventDetector.Detect(default, series, new EventDetectorOptions { OffSchedule = true });
        Assert.Equal(actions.Select(a => a - (a % 5)), found.Select(e => e.StartNs / S));
    }

    [Fact]
    public void A_beat_sharing_its_sample_with_a_beat_of_another_period_is_not_off_schedule()
    {
        // The dominating preset's Sense as the Wi-Fi sees it: a 570 B beat every 55-65 s and, every hour, its DNS
        // lookups to the home's resolver (782 B, a beat of their own period, which the LAN's internet view does not
        // have). In the hours where the two share a 5 s sample (1,350 B: off both beats' sizes, under three envelopes)
        // the sample is two beats due at once, not an action. Six user actions of 1,500 B between beats are the only events.
        var series = new RateSeries(0, S);
        var rng = new Random(7);
        var beats = new List<long>();
        for (long t = 3 + rng.Next(50); t < 86_400; t += 55 + rng.Next(11))
        {
            beats.Add(t);
            series.Add(t * S, 330, up: true);
            series.Add(t * S, 240, up: false);
        }

        // In four hours the lookups come in the second of the beat nearest the hour, in the others at hh:00:01 (or
        // halfway between the beats around it if one falls in that sample: on their hourly period all the same).
        int[] sharing = [4, 9, 15, 23];
        var lookups = Enumerable.Range(0, 24).Select(h => sharing.Contains(h) ? beats.MinBy(b => Math.Abs(b - (3_600L * h))) : Alone(3_600L * h)).ToArray();
        long Alone(long t)
        {
            var k = beats.FindIndex(b => b > t);
            return !beats.Any(b => b / 5 == (t + 1) / 5) ? t + 1 : (beats[k - 1] + beats[k]) / 2;
        }

        foreach (var at in lookups)
        {
            series.Add(at * S, 390, up: true);
            series.Add(at * S, 392, up: false);
        }

        Assert.Equal(sharing.Length, lookups.Count(l => beats.Any(b => b / 5 == l / 5)));
        var actions = new long[] { 7, 9, 12, 17, 21, 23 }
            .Select(h => beats[Enumerable.Range(0, beats.Count - 1).First(k => beats[k] > (3_600 * h) + 600 && beats[k + 1] - beats[k] >= 60)] + 30).ToArray();
        foreach (var a in actions)
        {
            series.Add(a * S, 800, up: true);
            series.Add(a * S, 700, up: false);
        }

        series.ExtendTo(86_400 * S);
        var found = EventDetector.Detect(default, series, new EventDetectorOptions { OffSchedule = true });
        Assert.Equal(actions.Select(a => a - (a % 5)), found.Select(e => e.StartNs / S));
    }

    /// <summary>
    /// 802.11 adds the same framing to every frame (Observer.WifiOverheadBytes): beats and actions made of the same
    /// frames keep their ratios, so the off-schedule rule must find the same events with or without it, on short
    /// spans (the schedule alone judges) and long ones (the background rules too).
    /// </summary>
    [Property(MaxTest = 60)]
    public bool A_constant_per_frame_overhead_does_not_change_what_the_off_schedule_rule_finds(int seed, byte overhead)
    {
        var rng = new Random(seed);
        var period = new[] { 30, 60, 90 }[rng.Next(3)];
        var frames = 2 + rng.Next(3);
        var size = 60 + rng.Next(140);
        var hours = rng.Next(2) == 0 ? 1 : 6;
        var series = new RateSeries(0, S);
        for (long t = rng.Next(period); t < hours * 3_600L; t += period)
        {
            for (var f = 0; f < frames; f++)
            {
                series.Add(t * S, size + rng.Next(10), up: f % 2 == 0);
            }
        }

        // Actions: twice a beat's frames, halfway between two beats, in different hours.
        var count = 3 + rng.Next(Math.Min(6, hours * 4));
        foreach (var slot in Enumerable.Range(0, hours * 3_600 / period - 1).OrderBy(_ => rng.Next()).Take(count))
        {
            var at = (slot * (long)period) + (period / 2);
            for (var f = 0; f < 2 * frames; f++)
            {
                series.Add(at * S, size + rng.Next(10), up: f % 2 == 0);
            }
        }

        series.ExtendTo(hours * 3_600L * S);
        var options = new EventDetectorOptions { OffSchedule = true };
        var plain = EventDetector.Detect(default, series, options).Select(e => (e.StartNs, e.EndNs));
        var framed = EventDetector.Detect(default, series.PlusPerPacket(1 + (overhead % 80)), options).Select(e => (e.StartNs, e.EndNs));
        return plain.SequenceEqual(framed);
    }

    [Fact]
    public void The_new_rules_are_read_from_the_detector_text()
    {
        var o = new EventDetectorOptions().With("split=2,offschedule=0");
        Assert.Equal(TimeSpan.FromSeconds(2), o.SplitSilence);
        Assert.False(o.OffSchedule);
        Assert.True(o.With("offschedule=1").OffSchedule);
        Assert.Throws<FormatException>(() => o.With("offschedule=2"));
        Assert.Throws<FormatException>(() => o.With("split=-1"));
    }

    private static RateSeries Beacon(long seconds, long every, int bytes)
    {
        var series = new RateSeries(0, S);
        for (long t = 0; t < seconds; t += every)
        {
            series.Add(t * S, bytes, up: true);
        }

        return series;
    }
}
