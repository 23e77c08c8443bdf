namespace Blinds.Attacks.Kinds;

/// <summary>The written forms of <see cref="ActivityKind"/> and how a user's label matches one.</summary>
public static class ActivityKindText
{
    /// <summary>The written form ("live_view", "in_bed_or_out_of_bed"), as JSON and events files spell it.</summary>
    public static string Text(this ActivityKind kind) => kind switch
    {
        ActivityKind.Startup => "startup",
        ActivityKind.Toggle => "toggle",
        ActivityKind.Question => "question",
        ActivityKind.Motion => "motion",
        ActivityKind.LiveView => "live_view",
        ActivityKind.InBed => "in_bed",
        ActivityKind.OutOfBed => "out_of_bed",
        ActivityKind.InBedOrOutOfBed => "in_bed_or_out_of_bed",
        ActivityKind.AppOpen => "app_open",
        ActivityKind.Browse => "browse",
        ActivityKind.SoftwareUpdate => "software_update",
        ActivityKind.Command => "command",
        ActivityKind.LockOrUnlock => "lock_or_unlock",
        _ => "activity",
    };

    /// <summary>The kind whose written form is <paramref name="text"/> (as JSON reports write it); false for any other text.</summary>
    public static bool TryParse(string? text, out ActivityKind kind)
    {
        foreach (var k in Enum.GetValues<ActivityKind>())
        {
            if (k.Text() == text)
            {
                kind = k;
                return true;
            }
        }

        kind = ActivityKind.Activity;
        return false;
    }

    /// <summary>
    /// True when a labelled activity (an events file's text) means the inferred one: labels may mark a start
    /// (live_view_start), and an inferred "a_or_b" (a lock's burst says that it moved, not which way) matches either.
    /// </summary>
    public static bool Matches(string labelled, ActivityKind inferred)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        var text = inferred.Text();
        return labelled == text || labelled == text + "_start" || text.Split("_or_").Contains(labelled, StringComparer.Ordinal);
    }
}
