using Blinds.Attacks.Activity;

namespace Blinds.Reports.Audit;

/// <summary>Device kinds and activities as a person says them ("hue_bridge" → "Hue bridge").</summary>
public static class KindWords
{
    /// <summary>The kind in words.</summary>
    public static string Of(string? kind) => ActivityNamer.NormaliseKind(kind) switch
    {
        null => "device",
        "hue_bridge" => "Hue bridge",
        "hub" => "smart-home hub",
        "sleep_monitor" => "sleep monitor",
        "media_player" => "TV or media player",
        "assistant" => "voice assistant",
        "plug" => "smart plug",
        "lock" => "smart lock",
        var k => k.Replace('_', ' '),
    };

    /// <summary>An inferred activity in words; bed transitions are named as what the traffic shows (a transition), not which one.</summary>
    public static string Activity(string activity) => activity switch
    {
        // The sleep monitor's traffic shows that someone got into or out of bed, and the two look alike at night's
        // edges: the report says a bed transition rather than repeat a guess at which (issue 13: 06:55 was out of bed).
        "in_bed" or "out_of_bed" => "someone went to bed or got up",
        "toggle" => "switched on or off",
        "motion" => "movement in front of the camera",
        "live_view" => "someone watched the camera live",
        "question" => "someone spoke to it",
        "startup" => "switched on or reconnected",
        "lock_or_unlock" => "locked or unlocked",
        "app_open" => "someone used an app",
        "browse" => "someone browsed",
        "software_update" => "a software update",
        var a => a.Replace('_', ' '),
    };
}
