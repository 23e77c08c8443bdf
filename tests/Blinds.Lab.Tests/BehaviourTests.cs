using Blinds.Lab;
using Blinds.Traffic.Devices;

using Xunit;

namespace Blinds.Lab.Tests;

/// <summary>The devices' rate series show what the papers show, asserted on numbers (1 s bins, internet traffic).</summary>
public class BehaviourTests
{
    private static Device Find(string name)
    {
        var mac = Presets.HomeDevices().Single(d => d.Name == name).Mac;
        return Generated.Home24h.Trace.FindDevice(mac)!;
    }

    private static long Origin => Find("sense").Rates!.OriginNs;

    private static int Bin(long ns) => (int)((ns - Origin) / 1_000_000_000L);

    [Fact]
    public void Nest_live_view_is_at_least_ten_times_motion_mode()
    {
        var nest = Find("nest-cam").Rates!.ToDense();
        var events = Generated.Home24h.Events.Where(e => e.Device == "nest-cam").ToArray();
        var live = new bool[nest.BytesUp.Length];
        foreach (var start in events.Where(e => e.Activity == "live_view_start"))
        {
            var stop = events.First(e => e.Activity == "live_view_stop" && e.TimeNs > start.TimeNs);
            for (var i = Bin(start.TimeNs); i < Bin(stop.TimeNs) && i < live.Length; i++)
            {
                live[i] = true;
            }
        }

        var motionBursts = events.Where(e => e.Activity == "motion").Select(e => Bin(e.TimeNs)).ToArray();
        double liveSum = 0, liveN = 0, idleSum = 0, idleN = 0;
        for (var i = 0; i < nest.BytesUp.Length; i++)
        {
            if (live[i])
            {
                liveSum += nest.BytesUp[i];
                liveN++;
            }
            else if (!motionBursts.Any(b => i >= b && i < b + 10))
            {
                idleSum += nest.BytesUp[i];
                idleN++;
            }
        }

        var ratio = liveSum / liveN / (idleSum / idleN);
        Assert.True(ratio >= 10, $"live {liveSum / liveN:F0} B/s vs motion mode {idleSum / idleN:F0} B/s: ratio {ratio:F1}");
    }

    [Theory]
    [InlineData("wemo-switch")]
    [InlineData("tplink-plug")]
    [InlineData("orvibo-socket")]
    public void Every_plug_toggle_spikes_above_its_heartbeat_baseline(string plug)
    {
        var rates = Find(plug).Rates!.ToDense();
        var toggles = Generated.Home24h.Events.Where(e => e.Device == plug && e.Activity == "toggle").Select(e => Bin(e.TimeNs)).ToArray();
        Assert.Equal(4, toggles.Length);
        var quiet = Enumerable.Range(0, rates.BytesUp.Length).Where(i => !toggles.Any(t => Math.Abs(i - t) < 60)).Select(i => rates.BytesUp[i] + rates.BytesDown[i]).Order().ToArray();
        var baseline = quiet[(int)(quiet.Length * 0.999)];
        foreach (var t in toggles)
        {
            var peak = Enumerable.Range(t, 5).Max(i => rates.BytesUp[i] + rates.BytesDown[i]);
            Assert.True(peak > 2 * baseline, $"{plug} toggle at bin {t}: peak {peak} B/s, baseline (99.9th percentile away from toggles) {baseline} B/s");
        }
    }

    [Fact]
    public void Sleep_monitor_peaks_when_going_to_bed_and_getting_up()
    {
        var sense = Find("sense").Rates!.ToDense();
        var max = Enumerable.Range(0, sense.BytesUp.Length).Max(i => sense.BytesUp[i]);
        foreach (var e in Generated.Home24h.Events.Where(e => e.Device == "sense" && e.Activity is "in_bed" or "out_of_bed"))
        {
            var peak = Enumerable.Range(Bin(e.TimeNs), 3).Max(i => sense.BytesUp[i]);
            Assert.True(peak >= max / 2, $"{e.Activity}: {peak} B/s, busiest second {max}");
        }
    }

    [Fact]
    public void Echo_questions_are_bursts_up_then_down_on_one_stream()
    {
        var echo = Presets.HomeDevices().Single(d => d.Name == "echo");
        var stream = Generated.Home24h.Trace.Streams.Single(s => s.Device == echo.Mac && s.Name == "avs-alexa-na.amazon.com");
        var others = Generated.Home24h.Trace.Streams.Where(s => s.Device == echo.Mac && s != stream).ToArray();
        Assert.Equal(2, others.Length); // background streams, including example.com probes
        Assert.Contains(others, s => s.Name == "example.com");
        foreach (var q in Generated.Home24h.Events.Where(e => e.Device == "echo" && e.Activity == "question"))
        {
            long Window(ServiceStream s)
            {
                var d = s.Rates!.ToDense();
                return Enumerable.Range(Bin(q.TimeNs), 10).Where(i => i < d.BytesUp.Length).Sum(i => d.BytesUp[i] + d.BytesDown[i]);
            }

            var voice = Window(stream);
            var rest = others.Sum(Window);
            Assert.True(voice > 0.9 * (voice + rest), $"question at bin {Bin(q.TimeNs)}: voice stream {voice} B, others {rest} B");
        }
    }

    [Fact]
    public void Phone_randomises_its_mac_and_keeps_its_host_name()
    {
        var phones = Generated.Home24h.Trace.Devices.Where(d => d.DhcpHostNames.Contains("Alices-iPhone")).ToArray();
        Assert.Equal(3, phones.Length); // the real MAC, then a new random one every 8 hours
        Assert.Equal(2, phones.Count(p => p.Mac.IsLocallyAdministered && !p.Mac.IsGroup));
    }

    [Fact]
    public void Apple_tv_update_is_the_biggest_download_of_the_night()
    {
        var tv = Find("apple-tv");
        Assert.True(tv.BytesDown > 40_000_000, $"{tv.BytesDown}");
    }

    [Fact]
    public void Dominating_preset_is_dominated_by_the_camera()
    {
        var (trace, _) = Generated.Run(Presets.Dominating(1));
        var nest = trace.FindDevice(Presets.PaperLabDevices().Single(d => d.Name == "nest-cam").Mac)!;
        var total = trace.HomeDevices.Sum(d => d.BytesUp + d.BytesDown);
        Assert.True(nest.BytesUp + nest.BytesDown > 0.95 * total, $"camera {nest.BytesUp + nest.BytesDown} of {total}");
    }

    [Fact]
    public void Sparse_preset_is_one_quiet_device()
    {
        var (trace, events) = Generated.Run(Presets.Sparse(1));
        var device = Assert.Single(trace.HomeDevices);
        Assert.Equal(4, events.Count(e => e.Activity == "toggle"));
        Assert.Equal(["startup"], events.Where(e => e.Activity != "toggle").Select(e => e.Activity));
        Assert.True(device.BytesUp + device.BytesDown < 2_000_000);
    }
}
