using Blinds.Attacks.Identification;
using Blinds.Attacks.Observers;
using Blinds.Defences.Costs;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

namespace Blinds.Defences.Pipeline;

/// <summary>
/// The end of a defence pipeline: what the ISP sees, one stream per remote address with its rate series, and for
/// scoring which devices' real bytes are in each. Without a tunnel, devices sharing a remote address are kept
/// apart, as the ISP projection assumes the observer can by NAT port (paper 000 §4.1): so that the defence "none"
/// scores exactly as the undefended view. Also records each real packet's final delay.
/// </summary>
public sealed class ObservedTraffic(long originNs, long binNs, CostMeter cost, IReadOnlyList<MacAddress> devices, bool separateDevices) : IWireSink
{
    private readonly Dictionary<(IpAddress Remote, int Device), Stream> streams = [];
    private (IpAddress Remote, int Device) lastKey;
    private Stream? last;

    /// <inheritdoc/>
    public void Push(in WirePacket packet)
    {
        cost.Observed(packet.Up, packet.Bytes);
        var stream = StreamOf(packet);
        stream.Rates.Add(packet.TimeNs, packet.Bytes, packet.Up);
        if (packet.Role == PacketRole.Real && packet.Device >= 0)
        {
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(stream.RealBytes, packet.Device, out _) += packet.Bytes;
            if (packet.Last)
            {
                cost.Delay(packet.Device, packet.TimeNs - packet.ArrivalNs);
            }
        }
    }

    /// <inheritdoc/>
    public void PushCover(in WirePacket cover, ReadOnlySpan<long> times)
    {
        cost.Observed(cover.Up, (long)cover.Bytes * times.Length);
        StreamOf(cover).Rates.AddMany(times, cover.Bytes, cover.Up);
    }

    /// <inheritdoc/>
    public void AdvanceTo(long timeNs)
    {
    }

    /// <inheritdoc/>
    /// <remarks>Series end at their last packet, as the undefended projection's do: the identity defence must score exactly as no defence.</remarks>
    public void Finish(long endNs)
    {
    }

    /// <summary>
    /// The ISP's view: one entity per remote address, named by <paramref name="nameOf"/> (null: no name visible).
    /// Streams that carry no real byte (cover only) are kept: the observer sees them too.
    /// </summary>
    public ObserverView View(Func<IpAddress, string?> nameOf, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        var shared = streams.Keys.GroupBy(k => k.Remote).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var entities = streams.OrderBy(kv => kv.Key.Remote).ThenBy(kv => kv.Key.Device).Select(kv =>
        {
            kv.Value.Rates.Compact(); // complete: give back the room kept for more bins
            var real = kv.Value.RealBytes;
            var dominant = real.Count == 0 ? default : devices[real.OrderByDescending(r => r.Value).ThenBy(r => r.Key).First().Key];
            var name = nameOf(kv.Key.Remote);
            var id = shared.Contains(kv.Key.Remote) ? $"{kv.Key.Remote} #{kv.Key.Device + 1}" : kv.Key.Remote.ToString();
            return new ObservedEntity(id, dominant, null, kv.Key.Remote, kv.Value.Rates, name is null ? DeviceNames.Empty : DeviceNames.FromNames([name]))
            {
                Contributors = real.Keys.Select(i => devices[i]).ToHashSet(),
            };
        }).ToArray();
        return new ObserverView(ObserverKind.Isp, entities, notes);
    }

    private Stream StreamOf(in WirePacket packet)
    {
        var key = (packet.Remote, separateDevices ? packet.Device : -1);
        if (last is null || key != lastKey)
        {
            if (!streams.TryGetValue(key, out last))
            {
                last = new Stream(new RateSeries(originNs, binNs));
                streams.Add(key, last);
            }

            lastKey = key;
        }

        return last;
    }

    private sealed class Stream(RateSeries rates)
    {
        public RateSeries Rates { get; } = rates;

        public Dictionary<int, long> RealBytes { get; } = [];
    }
}
