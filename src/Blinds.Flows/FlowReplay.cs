using Blinds.Capture;
using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// Flow records given where captures are expected (`audit`, `simulate`, `batch`): told apart from packet captures
/// by content, described in the warnings every caller gives, and replayed as the packets they stand for
/// (<see cref="FlowPackets"/>) into a temporary capture that the packet path reads as it reads any other.
/// </summary>
public static class FlowReplay
{
    /// <summary>
    /// True when every input is flow records, false when none is. Files that cannot be opened are left to the capture
    /// reader, which names the problem. A mix throws <see cref="InvalidDataException"/>: flows and packets of one
    /// home are two resolutions of the same traffic, not parts to merge.
    /// </summary>
    public static bool AreFlows(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string? flow = null, packets = null;
        foreach (var p in paths)
        {
            if (!File.Exists(p))
            {
                continue;
            }

            FlowInputKind kind;
            try
            {
                kind = FlowReader.Detect(p);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                continue;
            }

            if (kind is FlowInputKind.ExportCapture or FlowInputKind.ZeekLog)
            {
                flow ??= p;
            }
            else
            {
                packets ??= p;
            }
        }

        return flow is not null && packets is not null
            ? throw new InvalidDataException($"{flow} holds flow records and {packets} does not: give either captures of the home or flow records, not both")
            : flow is not null;
    }

    /// <summary>One line for the records left out as stamped outside any plausible time, or null when none was.</summary>
    public static string? StrayLine(FlowLog log)
    {
        ArgumentNullException.ThrowIfNull(log);

        // One line, not one per record: a forged export can stamp millions of them.
        var stray = log.Anomalies.Count(FlowAnomalies.StampOutlier);
        return stray == 0 ? null : $"{stray} flow record(s) stamped before 1990, after tomorrow or far from the other records were left out: {FlowAnomalies.StampOutlier.Id}";
    }

    /// <summary>
    /// One line counting, by id, the other anomalies (lost templates, gaps in the sequence: flows lost without a
    /// trace unless said, docs/flows.md), or null when there was none.
    /// </summary>
    public static string? LostLine(FlowLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lost = log.Anomalies.Entries.Where(e => e.Anomaly != FlowAnomalies.StampOutlier).ToArray();
        return lost.Length == 0 ? null : $"flow records: {string.Join(", ", lost.Select(e => $"{e.Anomaly.Id} {e.Count}"))} (see `blinds flows`)";
    }

    /// <summary>
    /// Writes <paramref name="log"/>'s flows with a home side as packets into a new temporary pcap and returns its
    /// path; the caller deletes it. Throws <see cref="IOException"/> when it cannot be written.
    /// </summary>
    public static string WriteTemporaryCapture(FlowLog log, IReadOnlySet<IpAddress>? home)
    {
        ArgumentNullException.ThrowIfNull(log);
        var path = Path.Combine(Path.GetTempPath(), $"blinds-flows-{Environment.ProcessId}-{Guid.NewGuid():N}.pcap");
        try
        {
            // Owner-only: the replay holds the home's traffic, and a shared temporary folder is no place to widen that.
            using var output = CaptureWriter.CreateNew(path, ownerOnly: true);
            FlowPackets.WritePcap(log, output, home);
            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
