using Blinds.Lab;
using Blinds.Protocols.Addressing;
using Blinds.Testing;

using Xunit;

namespace Blinds.Traffic.Tests;

public class TraceBuilderTests
{
    private static readonly Lazy<Trace> Trace = new(() => LabTrace.Read(LabTrace.Capture));

    [Fact]
    public void Finds_every_device_and_the_gateway()
    {
        var trace = Trace.Value;
        var scenario = LabTrace.Scenario;
        Assert.Equal(scenario.GatewayMac, trace.Gateway?.Mac);
        Assert.Equal(scenario.Devices.Select(d => d.Mac).Order(), trace.HomeDevices.Select(d => d.Mac).Order());
        Assert.Empty(trace.Anomalies.Entries);
    }

    [Fact]
    public void Dhcp_names_and_addresses_match_the_scenario()
    {
        foreach (var d in LabTrace.Scenario.Devices)
        {
            var device = Trace.Value.FindDevice(d.Mac)!;
            Assert.Equal([d.HostName!], device.DhcpHostNames.Values);
            Assert.Equal(d.VendorClass is null ? [] : [d.VendorClass], device.DhcpVendorClasses.Values);
            Assert.Equal([string.Join(",", d.ParameterList)], device.DhcpParameterLists.Values);
            Assert.Equal([d.Address], device.Addresses);
        }
    }

    [Fact]
    public void Dns_names_and_snis_are_attributed_to_their_devices()
    {
        foreach (var d in LabTrace.Scenario.Devices)
        {
            var device = Trace.Value.FindDevice(d.Mac)!;
            Assert.Equal(d.Domains.Order(StringComparer.Ordinal), device.DnsQueries.Values);
            Assert.Equal(d.Domains.Order(StringComparer.Ordinal), device.TlsServerNames.Values);
        }
    }

    [Fact]
    public void Remote_addresses_are_named_by_the_question_not_the_cdn_alias()
    {
        foreach (var domain in LabTrace.Scenario.Devices.SelectMany(d => d.Domains))
        {
            Assert.Equal(domain, Trace.Value.AddressNames[HomeSimulator.AddressOf(domain)]);
        }

        Assert.All(Trace.Value.Streams, s => Assert.NotNull(s.Name));
    }

    [Fact]
    public void Stream_and_device_byte_totals_agree()
    {
        foreach (var d in Trace.Value.HomeDevices)
        {
            var streams = Trace.Value.Streams.Where(s => s.Device == d.Mac).ToArray();
            Assert.Equal(d.BytesUp, streams.Sum(s => s.BytesUp));
            Assert.Equal(d.BytesDown, streams.Sum(s => s.BytesDown));
            Assert.True(d.BytesUp + d.BytesDown + d.BytesLocal > 0);
        }
    }

    [Fact]
    public void Rate_series_sum_to_the_device_totals()
    {
        var trace = LabTrace.Read(LabTrace.Capture, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true });
        foreach (var d in trace.HomeDevices)
        {
            Assert.NotNull(d.Rates);
            Assert.Equal(d.BytesUp, d.Rates!.ToDense().BytesUp.Sum());
            Assert.Equal(d.BytesDown, d.Rates.ToDense().BytesDown.Sum());
            Assert.Equal(d.PacketsUp, d.Rates.ToDense().PacketsUp.Sum());
            Assert.InRange(d.Rates.Count, 7100, 7201); // two hours of 1 s bins
        }

        Assert.All(trace.Streams, s => Assert.Equal(s.BytesUp, s.Rates!.ToDense().BytesUp.Sum()));
    }

    [Fact]
    public void Plain_http_credentials_ssdp_and_randomised_macs_are_seen()
    {
        var home = Presets.Home24h(1, busy: false) with { Duration = TimeSpan.FromHours(12) };
        var trace = LabTrace.Read(LabTrace.Generate(home).Bytes);
        var hue = home.Devices.Single(d => d.Kind == BehaviourModel.HueBridge);
        Assert.True(trace.FindDevice(hue.Mac)!.SsdpMessages > 0);
        Assert.Equal(["Linux/3.14.0 UPnP/1.0 IpBridge/1.16.0"], trace.FindDevice(hue.Mac)!.SsdpServers.Values);

        // The phone changes its MAC every 8 hours but keeps its DHCP host name: two stations, one name.
        var phones = trace.Devices.Where(d => d.DhcpHostNames.Contains("Alices-iPhone")).ToArray();
        Assert.Equal(2, phones.Length);
        Assert.Single(phones, p => p.Mac.IsLocallyAdministered);
        Assert.True(phones.Sum(p => p.HttpRequests) > 0);
        Assert.Contains(hue.Address.ToString(), phones.SelectMany(p => p.HttpHosts.Values));
    }

    [Fact]
    public void Raw_ip_captures_get_one_station_per_local_address()
    {
        var bytes = CaptureBytes.Pcap([(1, Frames.Udp(10)[14..]), (2, Frames.Udp(10, up: false)[14..])], linkType: 101);
        var trace = LabTrace.Read(bytes);
        var d = Assert.Single(trace.Devices);
        Assert.Equal(Frames.DeviceIp, Assert.Single(d.Addresses));
        Assert.True(d.Mac.IsLocallyAdministered);
        Assert.Equal(d.BytesUp, d.BytesDown);
    }

    [Fact]
    public void Unknown_link_types_are_counted_per_packet()
    {
        var trace = LabTrace.Read(CaptureBytes.Pcap([(1, new byte[30]), (2, new byte[30])], linkType: 147));
        Assert.Equal(2, trace.Packets);
        Assert.Equal(2, trace.Anomalies.Count(Protocols.ProtocolAnomalies.UnknownLinkType));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var a = LabTrace.Generate(Presets.PaperLab(7)).Bytes;
        var b = LabTrace.Generate(Presets.PaperLab(7)).Bytes;
        var c = LabTrace.Generate(Presets.PaperLab(8)).Bytes;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Macs_that_only_receive_are_not_devices()
    {
        var lonely = MacAddress.Parse("02:00:00:00:00:99");
        Assert.Null(Trace.Value.FindDevice(lonely));
    }
}
