using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Protocols;
using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Identification;

/// <summary>
/// Builds <see cref="TrafficProfile"/>s from capture files in one pass: one per device MAC asked for, or per
/// unicast MAC that sent anything when none are named. Kept apart from the trace builder: the trace keeps
/// counters and series, never per-packet detail, and most commands do not need these features.
/// </summary>
public static class TrafficProfiler
{
    /// <summary>
    /// Profiles of <paramref name="macs"/> (or of every unicast sender) over <paramref name="paths"/>, read in the
    /// order given. Damaged input stops reading a file where the capture reader stops; the anomalies go to <paramref name="log"/>.
    /// </summary>
    public static Dictionary<MacAddress, TrafficProfile> Read(IEnumerable<string> paths, IReadOnlySet<MacAddress>? macs = null, AnomalyLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        log ??= new AnomalyLog();
        var profiles = new Dictionary<MacAddress, TrafficProfile>();
        if (macs is not null)
        {
            foreach (var m in macs)
            {
                profiles[m] = new TrafficProfile(m);
            }
        }

        var info = default(PacketInfo);
        foreach (var path in paths)
        {
            using var reader = CaptureReader.Open(path, log);
            while (reader.TryRead(out var record))
            {
                if (!PacketDecoder.Decode(record.LinkType, record.Data, ref info, log) || !info.HasMac)
                {
                    continue;
                }

                if (profiles.TryGetValue(info.SourceMac, out var p))
                {
                    p.Add(info, record.OriginalLength, record.TimestampNs);
                }
                else if (macs is null && !info.SourceMac.IsGroup)
                {
                    profiles[info.SourceMac] = p = new TrafficProfile(info.SourceMac);
                    p.Add(info, record.OriginalLength, record.TimestampNs);
                }

                if (info.DestinationMac != info.SourceMac && profiles.TryGetValue(info.DestinationMac, out var q))
                {
                    q.Add(info, record.OriginalLength, record.TimestampNs);
                }
            }
        }

        return profiles;
    }
}
