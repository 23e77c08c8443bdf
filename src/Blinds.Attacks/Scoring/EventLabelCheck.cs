namespace Blinds.Attacks.Scoring;

/// <summary>
/// What must hold between an events file, the devices file it names devices from and the capture it labels, before
/// scoring means anything: a label of a device the devices file does not know, or at a time the capture does not
/// cover, would silently count as a miss.
/// </summary>
public static class EventLabelCheck
{
    /// <summary>
    /// The first problem as one line naming the file and line, or null when there is none. <paramref name="firstNs"/>
    /// and <paramref name="lastNs"/> are the capture's span; labels may lie up to <paramref name="toleranceNs"/> outside it.
    /// </summary>
    public static string? FirstProblem(IReadOnlyList<LabelledEvent> events, string eventsPath, IReadOnlyCollection<string> devices, string devicesPath, long firstNs, long lastNs, long toleranceNs)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(devices);
        var known = devices.ToHashSet(StringComparer.Ordinal);
        foreach (var e in events.OrderBy(e => e.Line))
        {
            if (!known.Contains(e.Device))
            {
                return $"{eventsPath}:{e.Line}: device '{e.Device}' is not in {devicesPath}";
            }

            if (e.TimeNs < firstNs - toleranceNs || e.TimeNs > lastNs + toleranceNs)
            {
                return $"{eventsPath}:{e.Line}: {Iso(e.TimeNs)} is outside the capture ({Iso(firstNs)} to {Iso(lastNs)})";
            }
        }

        return null;
    }

    private static string Iso(long ns) => DateTimeOffset.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
