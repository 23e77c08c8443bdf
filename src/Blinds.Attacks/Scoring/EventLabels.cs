using System.Globalization;

namespace Blinds.Attacks.Scoring;

/// <summary>One labelled user activity.</summary>
/// <param name="TimeNs">When it started.</param>
/// <param name="Device">Device name (as in the devices file).</param>
/// <param name="Activity">What happened.</param>
public sealed record LabelledEvent(long TimeNs, string Device, string Activity)
{
    /// <summary>The line of the file it was read from (1-based; 0 when it was not read from a file), for error messages.</summary>
    public int Line { get; init; }
}

/// <summary>Reads events files (`time,device,activity`, ISO-8601 UTC times; the lab's NAME.events.csv; docs/lab.md) as CSV.</summary>
public static class EventLabels
{
    private static readonly string[] Columns = ["time", "device", "activity"];

    /// <summary>Reads the file; throws <see cref="FormatException"/> naming the file, line and column of the first bad row.</summary>
    public static IReadOnlyList<LabelledEvent> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var events = new List<LabelledEvent>();
        foreach (var row in LabelFile.Rows(path, Columns, required: 3))
        {
            if (row.Values[0] is not { } text || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                throw row.Bad(0, "time", $"must be an ISO-8601 time such as 2026-01-05T08:00:00Z, got '{row.Values[0]}' (rows are time,device,activity)");
            }

            if (row.Values[1] is not { Length: > 0 } device)
            {
                throw row.Bad(1, "device", "is missing (rows are time,device,activity)");
            }

            if (row.Values[2] is not { Length: > 0 } activity)
            {
                throw row.Bad(2, "activity", "is missing (rows are time,device,activity)");
            }

            events.Add(new LabelledEvent((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, device, activity) { Line = row.Line });
        }

        return events.OrderBy(e => e.TimeNs).ToArray();
    }
}
