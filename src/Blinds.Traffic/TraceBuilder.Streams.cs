using System.Runtime.CompilerServices;

using Blinds.Protocols.Addressing;
using Blinds.Traffic.Devices;
using Blinds.Traffic.Series;

namespace Blinds.Traffic;

// Streams: what each device exchanges with each remote address, the unit the ISP observes.
public sealed partial class TraceBuilder
{
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddToStream(Device device, IpAddress remote, long ts, int wire, bool up)
    {
        var key = new StreamKey(device.Mac, remote);
        var hash = key.GetHashCode();
        var slot = hash & (streamCache.Length - 1);
        var s = streamCache[slot];
        if (s is null || s.Remote != remote || s.Device != device.Mac)
        {
            if (!streams.TryGetValue(key, hash, out s))
            {
                if (streams.Count >= options.MaxStreams)
                {
                    Log.Add(StreamTableFull);
                    return;
                }

                s = new ServiceStream(device.Mac, remote) { FirstNs = ts };
                if (binNs > 0 && options.StreamSeries && WantsSeries(device.Mac))
                {
                    s.Rates = new RateSeries(SeriesOrigin(ts), binNs);
                }

                streams.Add(key, hash, s);
            }

            streamCache[slot] = s;
        }

        s.LastNs = ts;
        if (up)
        {
            s.BytesUp += wire;
            s.PacketsUp++;
            if (info.HasPorts)
            {
                s.AddService(info.Protocol, info.DestinationPort);
            }
        }
        else
        {
            s.BytesDown += wire;
            s.PacketsDown++;
        }

        s.Rates?.Add(ts, wire, up);
    }
}
