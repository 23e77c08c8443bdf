using Blinds.Attacks.Activity;
using Blinds.Attacks.Kinds;
using Blinds.Protocols.Addressing;

using Xunit;

namespace Blinds.Attacks.Tests;

public class ActivityNamerTests
{
    private const long S = 1_000_000_000L;

    private static DetectedEvent At(long start, long seconds) => new(start * S, (start + seconds) * S, default, 1000, 2, 0.75);

    [Theory]
    [InlineData("plug", "toggle")]
    [InlineData("Smart Plug", "toggle")]
    [InlineData("assistant", "question")]
    [InlineData("door-lock", "lock_or_unlock")]
    [InlineData(null, "activity")]
    [InlineData("fridge", "activity")]
    public void Each_kind_names_its_bursts(string? kind, string expected) =>
        Assert.Equal(expected, Assert.Single(ActivityNamer.Name([At(100, 5)], DeviceKindText.Parse(kind))).Activity.Text());

    [Fact]
    public void A_camera_burst_is_live_view_when_long_and_motion_when_short()
    {
        var named = ActivityNamer.Name([At(100, 10), At(1000, 600), At(2000, 44), At(3000, 45)], DeviceKind.Camera);
        Assert.Equal(["motion", "live_view", "motion", "live_view"], named.Select(n => n.Activity.Text()));
        Assert.All(named, n => Assert.Equal(0.75 * 0.9, n.Confidence, 9));
    }

    [Fact]
    public void A_sleep_monitor_burst_before_a_night_is_going_to_bed_and_before_a_day_getting_up()
    {
        var night = 15 * 3600;
        var named = ActivityNamer.Name([At(0, 5), At(3600, 5), At(7200, 5), At(night, 5), At(night + 60, 5)], DeviceKind.SleepMonitor);
        Assert.Equal(["in_bed", "in_bed_or_out_of_bed", "out_of_bed", "in_bed", "out_of_bed"], named.Select(n => n.Activity.Text()));
        Assert.Equal(0.75 * 0.8, named[2].Confidence, 9); // a night before, a day after: the clearest case
    }

    [Fact]
    public void A_capture_from_midnight_starts_with_getting_up()
    {
        // The lab's home-24h: up at 07:06, in bed at 23:12, for three days; the capture starts at midnight.
        var day = 24 * 3600;
        var bursts = Enumerable.Range(0, 3).SelectMany(d => new[] { At((d * day) + 25560, 5), At((d * day) + 83520, 5) }).ToArray();
        var named = ActivityNamer.Name(bursts, DeviceKind.SleepMonitor);
        Assert.Equal(["out_of_bed", "in_bed", "out_of_bed", "in_bed", "out_of_bed", "in_bed"], named.Select(n => n.Activity.Text()));
    }

    [Fact]
    public void A_start_up_burst_is_not_a_neighbour_of_the_sleep_rule()
    {
        var named = ActivityNamer.Name([At(10, 5), At(25560, 5)], DeviceKind.SleepMonitor, firstSeenNs: 0);
        Assert.Equal(["startup", "in_bed_or_out_of_bed"], named.Select(n => n.Activity.Text()));
    }

    [Fact]
    public void A_burst_right_after_the_first_traffic_is_the_device_starting()
    {
        var named = ActivityNamer.Name([At(10, 5), At(100, 5)], DeviceKind.Plug, firstSeenNs: 0);
        Assert.Equal(["startup", "toggle"], named.Select(n => n.Activity.Text()));
    }

    [Fact]
    public void Labels_marking_a_start_match_the_inferred_activity()
    {
        Assert.True(ActivityKindText.Matches("live_view_start", ActivityKind.LiveView));
        Assert.True(ActivityKindText.Matches("toggle", ActivityKind.Toggle));
        Assert.True(ActivityKindText.Matches("unlock", ActivityKind.LockOrUnlock));
        Assert.True(ActivityKindText.Matches("lock", ActivityKind.LockOrUnlock));
        Assert.False(ActivityKindText.Matches("motion", ActivityKind.LiveView));
    }

    [Fact]
    public void Every_activity_kind_has_its_own_text()
    {
        var texts = Enum.GetValues<ActivityKind>().Select(k => k.Text()).ToArray();
        Assert.Equal(texts.Length, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Devices_are_compared_by_value_not_by_name()
    {
        var mac = MacAddress.Parse("02:00:00:00:00:01");
        var e = new DetectedEvent(0, S, mac, 1, 1, 0.5);
        Assert.Equal(mac, ActivityNamer.Name([e], DeviceKind.Plug)[0].Event.Device);
    }
}
