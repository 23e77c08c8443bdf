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

/// <summary>Reads events files (`time,device,activity`, ISO-8601 UTC times; the lab's NAME.events.csv; docs/lab.md).</summary>
public static class EventLabels
{
    /// <summary>Reads the file; throws <see cref="FormatException"/> naming the file and line of the first bad row.</summary>
    public static IReadOnlyList<LabelledEvent> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var events = new List<LabelledEvent>();
        foreach (var (lineNumber, line, f) in LabelFile.Rows(path, "time,"))
        {
            if (f.Length < 3 || !DateTimeOffset.TryParse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'time,device,activity' with an ISO-8601 time, got '{line}'");
            }

            events.Add(new LabelledEvent((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, f[1].Trim(), f[2].Trim()) { Line = lineNumber });
        }

        return events.OrderBy(e => e.TimeNs).ToArray();
    }
}
