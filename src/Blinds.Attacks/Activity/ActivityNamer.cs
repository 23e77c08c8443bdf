using Blinds.Attacks.Kinds;

namespace Blinds.Attacks.Activity;

/// <summary>
/// Names bursts by what the device is for (paper 002 §5.2, paper 000 §5): a plug's burst is a toggle, an assistant's
/// a question, a camera's long burst live viewing and a short one a motion clip, a sleep monitor's burst going to bed
/// when a night follows it and getting up when a day follows it. The rules and their confidences are in docs/DESIGN.md.
/// </summary>
public static class ActivityNamer
{
    /// <summary>
    /// A camera burst at least this long is live viewing: a motion clip is an upload of seconds, live view lasts as
    /// long as someone watches, plus a tail (paper 000 §5.2).
    /// </summary>
    public static readonly TimeSpan LiveViewMinimum = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The longest night: a sleep monitor's bursts closer than this are one night apart (in bed, then up), further
    /// apart a day apart (up, then in bed again). Nights are shorter than days, so the gaps tell which is which.
    /// </summary>
    public static readonly TimeSpan NightGap = TimeSpan.FromHours(12);

    /// <summary>The longest day between getting up and going to bed; a gap beyond it says nothing about either end.</summary>
    public static readonly TimeSpan DayGap = TimeSpan.FromHours(20);

    /// <summary>A burst starting this soon after the entity's first traffic is the device starting up (DHCP, DNS, cloud login), not a user.</summary>
    public static readonly TimeSpan StartupWindow = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Names one device's bursts (in time order) given its kind and when its traffic first appeared.
    /// </summary>
    public static IReadOnlyList<NamedEvent> Name(IReadOnlyList<DetectedEvent> events, DeviceKind kind, long firstSeenNs = long.MinValue)
    {
        ArgumentNullException.ThrowIfNull(events);
        var result = new List<NamedEvent>(events.Count);
        var ordered = events.OrderBy(e => e.StartNs).ToArray();
        bool Startup(DetectedEvent e) => firstSeenNs != long.MinValue && e.StartNs - firstSeenNs <= (long)StartupWindow.TotalNanoseconds;

        // The bursts a user could have caused, for the sleep rule's neighbours: a device's start-up is not one.
        var user = ordered.Where(e => !Startup(e)).Select(e => e.StartNs).ToArray();
        var u = 0; // this burst's place in user: both keep the order of ordered
        foreach (var e in ordered)
        {
            if (Startup(e))
            {
                result.Add(new NamedEvent(e, ActivityKind.Startup, e.Confidence * 0.8));
                continue;
            }

            var (activity, sure) = kind switch
            {
                DeviceKind.Plug => (ActivityKind.Toggle, 1.0),
                DeviceKind.Assistant => (ActivityKind.Question, 1.0),
                DeviceKind.Camera => e.EndNs - e.StartNs >= (long)LiveViewMinimum.TotalNanoseconds ? (ActivityKind.LiveView, 0.9) : (ActivityKind.Motion, 0.9),
                DeviceKind.SleepMonitor => SleepStep(u),
                DeviceKind.Phone => (ActivityKind.AppOpen, 0.6),
                DeviceKind.Laptop => (ActivityKind.Browse, 0.6),
                DeviceKind.MediaPlayer => (ActivityKind.SoftwareUpdate, 0.5),
                DeviceKind.Hub => (ActivityKind.Command, 0.6),
                DeviceKind.Lock => (ActivityKind.LockOrUnlock, 1.0),
                _ => (ActivityKind.Activity, 1.0),
            };
            result.Add(new NamedEvent(e, activity, e.Confidence * sure));
            u++;
        }

        return result;

        // A burst followed by a night-long gap and preceded by a day-long one is going to bed; preceded by a night and
        // followed by a day, getting up. A burst inside a night (turning over, a sync) or alone says only that it is
        // one of the two. The capture's first and last bursts lean on their one neighbour.
        (ActivityKind, double) SleepStep(int i)
        {
            var night = (long)NightGap.TotalNanoseconds;
            var day = (long)DayGap.TotalNanoseconds;
            long? before = i > 0 ? user[i] - user[i - 1] : null;
            long? after = i + 1 < user.Length ? user[i + 1] - user[i] : null;
            var nightBefore = before < night;
            var nightAfter = after < night;
            var dayBefore = before >= night && before <= day;
            var dayAfter = after >= night && after <= day;
            return (nightBefore, nightAfter, dayBefore, dayAfter) switch
            {
                (false, true, _, _) => (ActivityKind.InBed, dayBefore ? 0.8 : 0.6),
                (true, false, _, _) => (ActivityKind.OutOfBed, dayAfter ? 0.8 : 0.6),
                (false, false, true, false) => (ActivityKind.InBed, 0.6),
                (false, false, false, true) => (ActivityKind.OutOfBed, 0.6),
                _ => (ActivityKind.InBedOrOutOfBed, 0.4),
            };
        }
    }
}
