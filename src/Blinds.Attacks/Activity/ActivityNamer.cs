namespace Blinds.Attacks.Activity;

/// <summary>
/// Names bursts by what the device is for (paper 002 §5.2, paper 000 §5): a plug's burst is a toggle, an assistant's
/// a question, a camera's long burst live viewing and a short one a motion clip, a sleep monitor's bursts alternate
/// between going to bed and getting up. The rules and their confidences are in docs/DESIGN.md.
/// </summary>
public static class ActivityNamer
{
    /// <summary>
    /// A camera burst at least this long is live viewing: a motion clip is an upload of seconds, live view lasts as
    /// long as someone watches, plus a tail (paper 000 §5.2).
    /// </summary>
    public static readonly TimeSpan LiveViewMinimum = TimeSpan.FromSeconds(45);

    /// <summary>A sleep monitor's bursts further apart than this start a new night (the next is going to bed again).</summary>
    public static readonly TimeSpan NightGap = TimeSpan.FromHours(12);

    /// <summary>The device kind a label or type string means: plug, camera, assistant, sleep_monitor, hub, phone, laptop, media_player, or null.</summary>
    public static string? NormaliseKind(string? kind)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return null;
        }

        var k = kind.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return k switch
        {
            "plug" or "switch" or "outlet" or "socket" or "smart_plug" or "light" or "bulb" => "plug",
            "camera" or "cam" or "doorbell" => "camera",
            "assistant" or "speaker" or "smart_speaker" or "voice_assistant" => "assistant",
            "sleep_monitor" or "sleep" => "sleep_monitor",
            "hub" or "hue_bridge" or "bridge" or "gateway" => "hub",
            "phone" or "smartphone" or "tablet" => "phone",
            "laptop" or "computer" or "pc" => "laptop",
            "media_player" or "tv" or "streamer" => "media_player",
            "lock" or "door_lock" or "smart_lock" => "lock",
            _ => k,
        };
    }

    /// <summary>A burst starting this soon after the entity's first traffic is the device starting up (DHCP, DNS, cloud login), not a user.</summary>
    public static readonly TimeSpan StartupWindow = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Names one device's bursts (in time order) given its kind (any spelling <see cref="NormaliseKind"/> knows) and
    /// when its traffic first appeared.
    /// </summary>
    public static IReadOnlyList<NamedEvent> Name(IReadOnlyList<DetectedEvent> events, string? kind, long firstSeenNs = long.MinValue)
    {
        ArgumentNullException.ThrowIfNull(events);
        var k = NormaliseKind(kind);
        var result = new List<NamedEvent>(events.Count);
        var inBed = false;
        long lastSleepEvent = long.MinValue;
        foreach (var e in events.OrderBy(e => e.StartNs))
        {
            if (firstSeenNs != long.MinValue && e.StartNs - firstSeenNs <= (long)StartupWindow.TotalNanoseconds)
            {
                result.Add(new NamedEvent(e, "startup", e.Confidence * 0.8));
                continue;
            }

            var (activity, sure) = k switch
            {
                "plug" => ("toggle", 1.0),
                "assistant" => ("question", 1.0),
                "camera" => e.EndNs - e.StartNs >= (long)LiveViewMinimum.TotalNanoseconds ? ("live_view", 0.9) : ("motion", 0.9),
                "sleep_monitor" => SleepStep(e),
                "phone" => ("app_open", 0.6),
                "laptop" => ("browse", 0.6),
                "media_player" => ("software_update", 0.5),
                "hub" => ("command", 0.6),
                "lock" => ("lock_or_unlock", 1.0),
                _ => ("activity", 1.0),
            };
            result.Add(new NamedEvent(e, activity, e.Confidence * sure));
        }

        return result;

        // Into bed, out of bed, into bed...: which is which is a guess from order alone, hence 0.6.
        (string, double) SleepStep(DetectedEvent e)
        {
            if (lastSleepEvent == long.MinValue || e.StartNs - lastSleepEvent > (long)NightGap.TotalNanoseconds)
            {
                inBed = false;
            }

            lastSleepEvent = e.StartNs;
            inBed = !inBed;
            return (inBed ? "in_bed" : "out_of_bed", 0.6);
        }
    }

    /// <summary>
    /// True when a labelled activity and an inferred one mean the same: labels may mark a start (live_view_start),
    /// and an inferred "a_or_b" (a lock's burst says that it moved, not which way) matches either.
    /// </summary>
    public static bool SameActivity(string labelled, string inferred)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(inferred);
        return labelled == inferred || labelled == inferred + "_start" || inferred.Split("_or_").Contains(labelled, StringComparer.Ordinal);
    }
}
