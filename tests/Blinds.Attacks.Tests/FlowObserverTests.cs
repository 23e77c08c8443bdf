using Blinds.Attacks.Observers;
using Blinds.Flows;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

using Xunit;

namespace Blinds.Attacks.Tests;

public class FlowObserverTests
{
    private static readonly IpAddress Plug = IpAddress.FromV4(0xc0a8_0118);
    private static readonly IpAddress Cam = IpAddress.FromV4(0xc0a8_0119);
    private static readonly IpAddress Cloud = IpAddress.FromV4(0x3401_0203);
    private const long T0 = 1_700_000_000_000_000_000;

    private static FlowObservation Flow(IpAddress src, IpAddress dst, double startS, double endS, long bytes, long packets) => new()
    {
        Source = FlowSource.NetFlow9,
        SourceIp = src,
        DestinationIp = dst,
        StartNs = T0 + (long)(startS * 1e9),
        EndNs = T0 + (long)(endS * 1e9),
        Bytes = bytes,
        Packets = packets,
        Protocol = 6,
    };

    [Fact]
    public void Exported_macs_tie_each_home_address_to_its_device_for_scoring_and_never_a_remote_one()
    {
        var plugMac = MacAddress.Parse("00:17:88:24:76:ff");
        var camMac = MacAddress.Parse("9c:8e:cd:0a:0b:0c");
        var gateway = MacAddress.Parse("b8:27:eb:00:00:01");
        var log = new FlowLog();
        log.Add(Flow(Plug, Cloud, 0, 1, 100, 1) with { SourceMac = plugMac.Value, DestinationMac = gateway.Value });
        log.Add(Flow(Cloud, Cam, 0, 1, 100, 1) with { SourceMac = gateway.Value, DestinationMac = camMac.Value });
        log.Add(Flow(Plug, Cloud, 2, 3, 100, 1) with { SourceMac = camMac.Value }); // a later, other MAC: the first stays

        var owners = FlowObserver.OwnersFromMacs(log);

        Assert.Equal(2, owners.Count);
        Assert.Equal(plugMac, owners[Plug]);
        Assert.Equal(camMac, owners[Cam]);
        var view = FlowObserver.Project(log, TimeSpan.FromSeconds(1), owners: owners);
        Assert.Equal([plugMac, camMac], view.Entities.Select(e => e.Device).Order());
        Assert.All(view.Entities, e => Assert.Null(e.Mac)); // the ISP itself sees no home MAC
    }

    [Fact]
    public void A_flow_is_spread_evenly_over_its_duration_and_its_totals_are_kept()
    {
        var series = new RateSeries(T0, 1_000_000_000);
        FlowObserver.Spread(series, Flow(Plug, Cloud, 0.5, 4.5, 1000, 10), up: true);

        var bins = series.Bins.ToArray();
        Assert.Equal([0, 1, 2, 3, 4], bins.Select(b => b.Index));
        Assert.Equal([125L, 250, 250, 250, 125], bins.Select(b => b.BytesUp));
        Assert.Equal(1000, bins.Sum(b => b.BytesUp));
        Assert.Equal(10, bins.Sum(b => b.PacketsUp));
        Assert.All(bins, b => Assert.Equal(0, b.BytesDown));
    }

    [Fact]
    public void One_entity_per_home_address_and_service_with_both_directions_and_ground_truth_when_given()
    {
        var log = new FlowLog();
        log.Add(Flow(Plug, Cloud, 0, 2, 300, 3));
        log.Add(Flow(Cloud, Plug, 0, 2, 900, 3));
        log.Add(Flow(Cam, Cloud, 10, 10, 50, 1));
        log.Add(Flow(Plug, Cam, 1, 1, 70, 1)); // inside the home: not the ISP's
        var plugMac = MacAddress.Parse("50:c7:bf:00:fc:a3");

        var view = FlowObserver.Project(log, TimeSpan.FromSeconds(1), owners: new Dictionary<IpAddress, MacAddress> { [Plug] = plugMac });

        Assert.Equal(ObserverKind.Isp, view.Kind);
        Assert.Equal(2, view.Entities.Count);
        var plug = Assert.Single(view.Entities, e => e.Device == plugMac);
        Assert.Equal(1200, plug.Rates!.TotalBytes);
        Assert.Equal(Cloud, plug.Remote);
        Assert.Equal(11, plug.Rates.Count); // extended to the last flow's end
        Assert.Equal(1250, view.Entities.Sum(e => e.Rates!.TotalBytes));
    }
}
