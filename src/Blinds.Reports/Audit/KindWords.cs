using Blinds.Attacks.Activity;
using Blinds.Attacks.Kinds;

namespace Blinds.Reports.Audit;

/// <summary>Device kinds and activities as a person says them (SleepMonitor → "sleep monitor").</summary>
public static class KindWords
{
    /// <summary>The kind in words.</summary>
    public static string Of(DeviceKind kind) => kind switch
    {
        DeviceKind.Unknown => "device",
        DeviceKind.Hub => "smart-home hub",
        DeviceKind.SleepMonitor => "sleep monitor",
        DeviceKind.MediaPlayer => "TV or media player",
        DeviceKind.Assistant => "voice assistant",
        DeviceKind.Plug => "smart plug",
        DeviceKind.Lock => "smart lock",
        DeviceKind.AirQuality => "air-quality monitor",
        var k => k.Text().Replace('_', ' '),
    };

    /// <summary>An inferred activity in words; bed transitions are named as what the traffic shows (a transition), not which one.</summary>
    public static string Activity(ActivityKind activity) => activity switch
    {
        // The sleep monitor's traffic shows that someone got into or out of bed, and the two look alike at night's
        // edges: the report says a bed transition rather than repeat a guess at which (issue 13: 06:55 was out of bed).
        ActivityKind.InBed or ActivityKind.OutOfBed => "someone went to bed or got up",
        ActivityKind.Toggle => "switched on or off",
        ActivityKind.Motion => "movement in front of the camera",
        ActivityKind.LiveView => "someone watched the camera live",
        ActivityKind.Question => "someone spoke to it",
        ActivityKind.Startup => "switched on or reconnected",
        ActivityKind.LockOrUnlock => "locked or unlocked",
        ActivityKind.AppOpen => "someone used an app",
        ActivityKind.Browse => "someone browsed",
        ActivityKind.SoftwareUpdate => "a software update",
        var a => a.Text().Replace('_', ' '),
    };
}
