using Blinds.Attacks.Activity;
using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Capture;
using Blinds.Lab;
using Blinds.Traffic;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Attacks.Tests;

/// <summary>The three observers' views of the paper-lab home, and the attacks run on each.</summary>
public class ObserverTests(ITestOutputHelper output)
{
    private static readonly Lazy<(Trace Trace, Scenario Scenario, IReadOnlyList<LabEvent> Events)> PaperLab = new(() =>
    {
        var scenario = Presets.PaperLab(1);
        var ms = new MemoryStream();
        var w = new PcapNgWriter(ms, LinkType.Ethernet);
        var events = new HomeSimulator(scenario).Run((t, f) => w.Write(t, f));
        var builder = new TraceBuilder(new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true });
        using var r = CaptureReader.Open(new MemoryStream(ms.ToArray()), builder.Log, scenario.Name);
        builder.Read(r);
        return (builder.Build(), scenario, events);
    });

    private static Dictionary<Protocols.Addressing.MacAddress, string> Labels => PaperLab.Value.Scenario.Devices.ToDictionary(d => d.Mac, d => d.Name);

    [Fact]
    public void The_lan_view_is_the_devices_with_their_names()
    {
        var view = Observer.Project(PaperLab.Value.Trace, ObserverKind.Lan);
        Assert.Equal(PaperLab.Value.Scenario.Devices.Select(d => d.Mac).Order(), view.Entities.Select(e => e.Mac!.Value).Order());
        Assert.All(view.Entities, e => Assert.Equal(e.Mac, e.Device));
        var sense = view.Entities.Single(e => Labels[e.Device] == "sense");
        Assert.Contains("messeji.hello.is", sense.Names.Names);
        Assert.Contains("sense-5e1020", sense.Names.DhcpHostNames);
    }

    [Fact]
    public void The_wifi_view_counts_every_frame_with_radio_framing_and_no_names()
    {
        var trace = PaperLab.Value.Trace;
        var view = Observer.Project(trace, ObserverKind.Wifi);
        Assert.Equal(7, view.Entities.Count);
        foreach (var e in view.Entities)
        {
            var d = trace.FindDevice(e.Device)!;
            Assert.True(e.Names.IsEmpty);
            long bytes = 0, packets = 0;
            foreach (var b in e.Rates!.Bins)
            {
                bytes += b.Bytes;
                packets += b.PacketsUp + b.PacketsDown;
            }

            // Everything the station sent and was sent (unicast), local traffic included, plus 802.11 framing.
            Assert.Equal(d.PacketsSent + d.PacketsReceived, packets);
            Assert.Equal(d.BytesSent + d.BytesReceived + (packets * Observer.WifiOverheadBytes), bytes);
        }
    }

    [Fact]
    public void A_defence_at_the_gateway_takes_off_the_radio_only_what_it_removed_with_its_framing()
    {
        var trace = PaperLab.Value.Trace;
        var before = Observer.Project(trace, ObserverKind.Wifi);
        var unchanged = Observer.ProjectLocal(trace, ObserverKind.Wifi, new Dictionary<Protocols.Addressing.MacAddress, Traffic.Series.RateSeries>());
        Assert.Equal(before.Entities.Select(e => (e.Id, Total(e))), unchanged.Entities.Select(e => (e.Id, Total(e))));

        // Remove 3 packets of 1000 bytes from the camera in one second where it had traffic, and more than it had in another.
        var cam = trace.HomeDevices.Single(d => Labels[d.Mac] == "nest-cam");
        var frames = cam.FrameRates!;
        var busy = frames.Bins.ToArray().Where(b => b.PacketsDown >= 3 && b.BytesDown >= 3000).First();
        var other = frames.Bins.ToArray().First(b => b.Index != busy.Index && b.PacketsUp > 0);
        var removed = new Traffic.Series.RateSeries(frames.OriginNs, frames.BinNs);
        removed.AddBin(busy.Index, 0, 3000, 0, 3);
        removed.AddBin(other.Index, other.BytesUp + 1_000_000, 0, other.PacketsUp + 5, 0);
        var after = Observer.ProjectLocal(trace, ObserverKind.Wifi, new Dictionary<Protocols.Addressing.MacAddress, Traffic.Series.RateSeries> { [cam.Mac] = removed });
        var camBefore = before.Entities.Single(e => e.Device == cam.Mac);
        var camAfter = after.Entities.Single(e => e.Device == cam.Mac);
        var overhead = Observer.WifiOverheadBytes;
        var otherFramed = other.BytesUp + (other.PacketsUp * overhead);
        Assert.Equal(Total(camBefore) - (3000 + (3 * overhead)) - otherFramed, Total(camAfter));
        Assert.DoesNotContain(camAfter.Rates!.Bins.ToArray(), b => b.Index == other.Index && b.PacketsUp > 0);
        Assert.Equal(camBefore.Rates!.Count, camAfter.Rates.Count);
        Assert.All(after.Entities.Where(e => e.Device != cam.Mac), e => Assert.Equal(Total(before.Entities.Single(b => b.Id == e.Id)), Total(e)));

        // The LAN counts the same removal without radio framing; the ISP is not a local observer.
        var lanBefore = Observer.Project(trace, ObserverKind.Lan).Entities.Single(e => e.Device == cam.Mac);
        var lanRemoved = new Traffic.Series.RateSeries(frames.OriginNs, frames.BinNs);
        var firstBin = lanBefore.Rates!.Bins.ToArray()[0];
        lanRemoved.AddBin(firstBin.Index, 0, 100, 0, 1);
        var lanAfter = Observer.ProjectLocal(trace, ObserverKind.Lan, new Dictionary<Protocols.Addressing.MacAddress, Traffic.Series.RateSeries> { [cam.Mac] = lanRemoved }).Entities.Single(e => e.Device == cam.Mac);
        Assert.Equal(Total(lanBefore) - Math.Min(100, firstBin.BytesDown), Total(lanAfter));
        Assert.Throws<ArgumentOutOfRangeException>(() => Observer.ProjectLocal(trace, ObserverKind.Isp, new Dictionary<Protocols.Addressing.MacAddress, Traffic.Series.RateSeries>()));
    }

    [Fact]
    public void The_isp_view_is_one_stream_per_service_address_with_its_name()
    {
        var trace = PaperLab.Value.Trace;
        var view = Observer.Project(trace, ObserverKind.Isp);
        Assert.All(view.Entities, e => Assert.Null(e.Mac));
        Assert.Equal(trace.Streams.Count, view.Entities.Count);
        Assert.Equal(trace.Streams.Sum(s => s.BytesUp + s.BytesDown), view.Entities.Sum(e => Total(e)));
        Assert.Contains(view.Entities, e => e.Names.Names.Contains("nexus.dropcam.com") && Labels[e.Device] == "nest-cam");
    }

    [Theory]
    [InlineData(ObserverKind.Lan, 0.95)]
    [InlineData(ObserverKind.Wifi, 0.95)]
    [InlineData(ObserverKind.Isp, 0.6)]
    public void Rate_identification_beats_chance_for_every_observer(ObserverKind kind, double atLeast)
    {
        var result = ViewEvaluation.Evaluate(Observer.Project(PaperLab.Value.Trace, kind), Labels);
        var cv = result.Rates!;
        output.WriteLine($"{kind}: {cv.Accuracy:P1} [{cv.Low:P1}, {cv.High:P1}] chance {cv.Chance:P1} over {cv.Samples} windows");
        Assert.True(cv.Accuracy >= atLeast, $"{cv.Accuracy}");
        Assert.True(cv.Chance < 0.25);
        Assert.Equal(cv.Samples, cv.Confusion.Sum(r => r.Sum()));

        // The diagonal is what was right: its share must agree with the mean of the folds' accuracies.
        var diagonal = Enumerable.Range(0, cv.Confusion.Count).Sum(i => cv.Confusion[i][i]) / (double)cv.Samples;
        Assert.InRange(diagonal, cv.Accuracy - 0.03, cv.Accuracy + 0.03);
    }

    [Fact]
    public void Isp_streams_are_identified_by_their_names_far_above_chance()
    {
        var names = ViewEvaluation.Evaluate(Observer.Project(PaperLab.Value.Trace, ObserverKind.Isp), Labels).Names!;
        output.WriteLine($"{names.Correct}/{names.Evaluated} [{names.Low:P0}, {names.High:P0}] chance {names.Chance:P0}");
        Assert.True(names.Evaluated >= 10);
        Assert.True(names.Low > names.Chance, $"{names}");
    }

    [Fact]
    public void The_shipped_signatures_name_the_paper_devices_from_the_lan()
    {
        var view = Observer.Project(PaperLab.Value.Trace, ObserverKind.Lan);
        var ids = DeviceIdentifier.Identify(view, NameSignatures.Papers(), null).ToDictionary(i => Labels[i.Entity.Device]);
        Assert.Equal("Sense Sleep Monitor", ids["sense"].Label);
        Assert.Equal(DeviceKind.SleepMonitor, ids["sense"].Kind);
        Assert.Equal("Nest Security Camera", ids["nest-cam"].Label);
        Assert.Equal(DeviceKind.Camera, ids["amcrest-cam"].Kind);
        Assert.Equal(DeviceKind.Assistant, ids["echo"].Kind);
        Assert.Equal(DeviceKind.Plug, ids["tplink-plug"].Kind);

        // Paper 002: the WeMo's names are generic to its maker and a cloud; no signature may claim it.
        Assert.Null(ids["wemo-switch"].Label);
        Assert.All(ids.Values.Where(i => i.Label is not null), i => Assert.NotEmpty(i.Evidence));
    }

    [Theory]
    [InlineData(ObserverKind.Lan)]
    [InlineData(ObserverKind.Wifi)]
    [InlineData(ObserverKind.Isp)]
    public void Activities_are_found_and_named_from_every_observers_view(ObserverKind kind)
    {
        var (trace, scenario, events) = PaperLab.Value;
        var kinds = scenario.Devices.ToDictionary(d => d.Mac, d => DeviceKindText.Parse(d.Kind.ToString()));
        var inferred = ActivityInference.Infer(Observer.Project(trace, kind), e => kinds[e.Device]);
        var labelled = events.Select(e => new LabelledEvent(e.TimeNs, e.Device, e.Activity)).ToArray();
        var scores = ActivityScore.Score(inferred, labelled, Labels, TimeSpan.FromSeconds(10), trace.LastNs!.Value - trace.FirstNs!.Value);
        var home = scores.Single(s => s.Device == "home");
        output.WriteLine($"{kind}: F1 {home.Events.F1:F2}, named right {home.NamingAccuracy:P0}");
        Assert.True(home.Events.F1 >= 0.9);
        Assert.True(home.NamingAccuracy >= 0.8);
    }

    [Fact]
    public void Live_views_and_motion_clips_of_a_day_at_home_are_told_apart()
    {
        var scenario = Presets.Home24h(1, busy: false);
        var ms = new MemoryStream();
        var w = new PcapNgWriter(ms, LinkType.Ethernet);
        var events = new HomeSimulator(scenario).Run((t, f) => w.Write(t, f));
        var builder = new TraceBuilder(new TraceOptions { Bin = TimeSpan.FromSeconds(1) });
        using (var r = CaptureReader.Open(new MemoryStream(ms.ToArray()), builder.Log, scenario.Name))
        {
            builder.Read(r);
        }

        var trace = builder.Build();
        var kinds = scenario.Devices.ToDictionary(d => d.Mac, d => DeviceKindText.Parse(d.Kind.ToString()));
        var names = scenario.Devices.ToDictionary(d => d.Mac, d => d.Name);
        var inferred = ActivityInference.Infer(Observer.Project(trace, ObserverKind.Lan), e => kinds.GetValueOrDefault(e.Device));
        var labelled = events.Select(e => new LabelledEvent(e.TimeNs, e.Device, e.Activity)).ToArray();
        var nest = ActivityScore.Score(inferred, labelled, names, TimeSpan.FromSeconds(10), trace.LastNs!.Value - trace.FirstNs!.Value).Single(s => s.Device == "nest-cam");
        var views = labelled.Count(e => e.Device == "nest-cam" && e.Activity == "live_view_start");
        output.WriteLine($"nest-cam: {nest.Events.Matched}/{nest.Events.Truth} found, {nest.NamedRight} named right; {views} live views");
        Assert.True(views >= 2);
        Assert.True(inferred.Count(a => names.GetValueOrDefault(a.Entity.Device) == "nest-cam" && a.Named.Activity == ActivityKind.LiveView) >= views);
        Assert.True(nest.NamingAccuracy >= 0.9, $"{nest}");
    }

    private static long Total(ObservedEntity e) => e.Rates!.TotalBytes;
}
