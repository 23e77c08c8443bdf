using Blinds.Protocols.Addressing;

namespace Blinds.Lab;

/// <summary>Built-in scenarios (`blinds lab scenario --preset NAME` prints any of them as an editable JSON file).</summary>
public static class Presets
{
    /// <summary>Names of the presets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["home-24h", "paper-lab", "sparse", "dominating", "busy-24h"];

    /// <summary>Returns a preset by name, or null.</summary>
    public static Scenario? Get(string name, int seed = 1) => name switch
    {
        "home-24h" => Home24h(seed, busy: false),
        "busy-24h" => Home24h(seed, busy: true),
        "paper-lab" => PaperLab(seed),
        "sparse" => Sparse(seed),
        "dominating" => Dominating(seed),
        _ => null,
    };

    /// <summary>
    /// The seven devices of paper 002's lab (Sense, Nest Cam, Amcrest camera, WeMo switch, TP-Link plug, Orvibo
    /// socket, Amazon Echo) with the DNS names of its Fig. 2, DHCP as IoT Sentinel and paper 003 saw them, and rates
    /// in the ranges of its Fig. 9.
    /// </summary>
    public static IReadOnlyList<LabDevice> PaperLabDevices(bool busy = false) =>
    [
        new LabDevice
        {
            Name = "sense", Kind = BehaviourModel.SleepMonitor, Mac = MacAddress.Parse("f4:b8:5e:10:20:31"), Address = V4(192, 168, 1, 21),
            HostName = "Sense-5E1020", VendorClass = "udhcp 1.22.1", Domains = ["messeji.hello.is", "sense-in.hello.is", "time.hello.is"],
            HeartbeatSeconds = 60, Heartbeat = (200, 90), Burst = (45_000, 3_000),
        },
        new LabDevice
        {
            Name = "nest-cam", Kind = BehaviourModel.Camera, Mac = MacAddress.Parse("18:b4:30:aa:bb:01"), Address = V4(192, 168, 1, 22),
            HostName = "Nest-Cam", VendorClass = "dhcpcd-6.8.2", Domains = ["nexus.dropcam.com", "oculus519-vir.dropcam.com", "weave.nest.com"],
            HeartbeatSeconds = 20, Heartbeat = (150, 150), StreamBytesPerSecond = busy ? 40_000 : 400, StreamPacketBytes = busy ? 1000 : 400,
            LiveFactor = busy ? 4 : 75, Burst = (250_000, 4_000), Alpn = "h2",
        },
        new LabDevice
        {
            Name = "amcrest-cam", Kind = BehaviourModel.Camera, Mac = MacAddress.Parse("9c:8e:cd:0a:0b:0c"), Address = V4(192, 168, 1, 27),
            HostName = "AMC0123456789", VendorClass = "udhcp 1.20.2", Domains = ["p2p.amcrestcloud.com", "config.amcrestcloud.com"],
            HeartbeatSeconds = 45, Heartbeat = (120, 80), StreamBytesPerSecond = 800, StreamPacketBytes = 500, LiveFactor = 40,
            Burst = (180_000, 2_500),
        },
        new LabDevice
        {
            Name = "wemo-switch", Kind = BehaviourModel.Plug, Mac = MacAddress.Parse("94:10:3e:35:01:c1"), Address = V4(192, 168, 1, 23),
            HostName = "wemo", VendorClass = "udhcp 1.22.1", Domains = ["api.xbcs.net", "nat.xbcs.net"],
            HeartbeatSeconds = 30, Heartbeat = (180, 120), Burst = (2_500, 1_800),
        },
        new LabDevice
        {
            Name = "tplink-plug", Kind = BehaviourModel.Plug, Mac = MacAddress.Parse("50:c7:bf:00:fc:a3"), Address = V4(192, 168, 1, 24),
            HostName = "HS110", VendorClass = "udhcp 0.9.9-pre", Domains = ["devs.tplinkcloud.com", "time-a.nist.gov"],
            HeartbeatSeconds = 60, Heartbeat = (120, 90), Burst = (1_600, 1_200),
        },
        new LabDevice
        {
            Name = "orvibo-socket", Kind = BehaviourModel.Plug, Mac = MacAddress.Parse("ac:cf:23:62:3c:6e"), Address = V4(192, 168, 1, 28),
            HostName = "HF-LPB100", VendorClass = null, Domains = ["wiwo.orvibo.com", "pool.ntp.org"],
            HeartbeatSeconds = 32, Heartbeat = (42, 42), Burst = (600, 400),
        },
        new LabDevice
        {
            Name = "echo", Kind = BehaviourModel.Assistant, Mac = MacAddress.Parse("f0:27:2d:40:50:61"), Address = V4(192, 168, 1, 25),
            HostName = "amazon-c045e10a5", VendorClass = "dhcpcd-5.5.6", Domains = ["avs-alexa-na.amazon.com", "device-metrics-us.amazon.com", "example.com"],
            HeartbeatSeconds = 30, Heartbeat = (300, 200), Burst = (40_000, 120_000), Alpn = "h2",
        },
    ];

    /// <summary>The rest of a home: a Hue bridge, a phone that randomises its MAC, a laptop, an Apple TV.</summary>
    public static IReadOnlyList<LabDevice> HomeDevices(bool busy = false) =>
    [
        .. PaperLabDevices(busy),
        new LabDevice
        {
            Name = "hue-bridge", Kind = BehaviourModel.HueBridge, Mac = MacAddress.Parse("00:17:88:24:76:ff"), Address = V4(192, 168, 1, 26),
            HostName = "Philips-hue", VendorClass = "udhcp 1.19.4", Domains = ["bridge.meethue.com", "dcp.cpp.philips.com"],
            HeartbeatSeconds = 52, Heartbeat = (250, 250), Burst = (1_200, 900),
        },
        new LabDevice
        {
            Name = "phone", Kind = BehaviourModel.Phone, Mac = MacAddress.Parse("3c:2e:ff:77:88:99"), Address = V4(192, 168, 1, 30),
            HostName = "Alices-iPhone", VendorClass = null, Domains = ["www.meethue.com", "api.amazonalexa.com"],
            HeartbeatSeconds = 300, Heartbeat = (400, 1_200), Burst = (8_000, 60_000), Alpn = "h2", MacRotation = TimeSpan.FromHours(8),
        },
        new LabDevice
        {
            Name = "laptop", Kind = BehaviourModel.Laptop, Mac = MacAddress.Parse("8c:85:90:12:34:56"), Address = V4(192, 168, 1, 31),
            HostName = "bobs-laptop", VendorClass = "MSFT 5.0", ParameterList = [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252],
            Domains = ["www.wikipedia.org", "news.ycombinator.com", "www.bbc.co.uk", "mail.example.org", "www.youtube.com"],
            HeartbeatSeconds = 120, Heartbeat = (300, 600), Burst = (20_000, 800_000), Alpn = "h2",
        },
        new LabDevice
        {
            Name = "apple-tv", Kind = BehaviourModel.MediaPlayer, Mac = MacAddress.Parse("40:cb:c0:01:02:03"), Address = V4(192, 168, 1, 32),
            HostName = "Living-Room", VendorClass = null, Domains = ["mesu.apple.com", "updates.cdn-apple.com"],
            HeartbeatSeconds = 600, Heartbeat = (500, 900), Burst = (10_000, 40_000_000), Alpn = "h2",
        },
    ];

    /// <summary>A day in a home: sleep at night, plugs morning and evening, questions and live views in the day, an update at night.</summary>
    public static Scenario Home24h(int seed, bool busy)
    {
        var rng = new Random(seed);
        var acts = new List<(TimeSpan, string, string)>();
        TimeSpan At(double hours, double jitterMinutes) => TimeSpan.FromHours(hours) + TimeSpan.FromMinutes((rng.NextDouble() - 0.5) * 2 * jitterMinutes);
        acts.Add((At(7.1, 20), "sense", "out_of_bed"));
        acts.Add((At(23.2, 20), "sense", "in_bed"));
        foreach (var h in new[] { 7.3, 8.0, 18.5, 22.9 })
        {
            acts.Add((At(h, 10), "wemo-switch", "toggle"));
            acts.Add((At(h + 0.2, 10), "tplink-plug", "toggle"));
            acts.Add((At(h + 0.4, 10), "orvibo-socket", "toggle"));
        }

        for (var i = 0; i < 10; i++)
        {
            acts.Add((At(8 + (i * 1.4), 15), "echo", "question"));
        }

        foreach (var h in new[] { 10.0, 15.5 })
        {
            var s = At(h, 20);
            acts.Add((s, "nest-cam", "live_view_start"));
            acts.Add((s + TimeSpan.FromMinutes(10), "nest-cam", "live_view_stop"));
        }

        for (var i = 0; i < 6; i++)
        {
            acts.Add((At(9 + (i * 2.1), 30), "nest-cam", "motion"));
            acts.Add((At(9.5 + (i * 2.1), 30), "amcrest-cam", "motion"));
        }

        for (var i = 0; i < 5; i++)
        {
            acts.Add((At(7.5 + (i * 3), 30), "phone", "app_open"));
        }

        foreach (var h in new[] { 9.0, 13.0, 20.5 })
        {
            acts.Add((At(h, 30), "laptop", "browse"));
        }

        acts.Add((At(3.0, 20), "apple-tv", "software_update"));
        return new Scenario { Name = busy ? "busy-24h" : "home-24h", Seed = seed, Devices = HomeDevices(busy), Activities = acts, Duration = TimeSpan.FromHours(24) };
    }

    /// <summary>The papers' controlled experiments: one activity every 2 minutes for 2 hours, device by device.</summary>
    public static Scenario PaperLab(int seed)
    {
        var acts = new List<(TimeSpan, string, string)>();
        var rng = new Random(seed);
        var schedule = new (string Device, string Activity)[]
        {
            ("wemo-switch", "toggle"), ("tplink-plug", "toggle"), ("echo", "question"), ("sense", "in_bed"),
            ("nest-cam", "motion"), ("orvibo-socket", "toggle"), ("amcrest-cam", "motion"),
        };
        for (var m = 2; m < 120; m += 2)
        {
            var (device, activity) = schedule[(m / 2) % schedule.Length];
            acts.Add((TimeSpan.FromMinutes(m) + TimeSpan.FromSeconds(rng.Next(0, 20)), device, activity));
        }

        return new Scenario { Name = "paper-lab", Seed = seed, Devices = PaperLabDevices(), Activities = acts, Duration = TimeSpan.FromHours(2) };
    }

    /// <summary>
    /// VPN failure case 1 and 2 of paper 002 section 6.2: a single device, rarely active. Behind a tunnel its
    /// activity still shows as the tunnel's own rate changes.
    /// </summary>
    public static Scenario Sparse(int seed)
    {
        var rng = new Random(seed);
        var plug = PaperLabDevices().Single(d => d.Name == "tplink-plug");
        double[] hours = [6.5, 12.25, 19.75, 22.5];
        var acts = hours
            .Select(h => (TimeSpan.FromHours(h) + TimeSpan.FromMinutes(rng.NextDouble() * 10), plug.Name, "toggle")).ToArray();
        return new Scenario { Name = "sparse", Seed = seed, Devices = [plug], Activities = acts, Duration = TimeSpan.FromHours(24) };
    }

    /// <summary>VPN failure case 3: one device (a camera watched live for hours) dominates the tunnel's traffic.</summary>
    public static Scenario Dominating(int seed)
    {
        var devices = PaperLabDevices().Where(d => d.Name is "nest-cam" or "wemo-switch" or "sense").ToArray();
        var rng = new Random(seed);
        var acts = new List<(TimeSpan, string, string)>
        {
            (TimeSpan.FromHours(8), "nest-cam", "live_view_start"),
            (TimeSpan.FromHours(11), "nest-cam", "live_view_stop"),
            (TimeSpan.FromHours(14), "nest-cam", "live_view_start"),
            (TimeSpan.FromHours(18), "nest-cam", "live_view_stop"),
            (TimeSpan.FromHours(7.1), "sense", "out_of_bed"),
            (TimeSpan.FromHours(23.2), "sense", "in_bed"),
        };
        foreach (var h in new[] { 7.5, 9.0, 12.0, 17.0, 21.0 })
        {
            acts.Add((TimeSpan.FromHours(h) + TimeSpan.FromMinutes(rng.NextDouble() * 20), "wemo-switch", "toggle"));
        }

        return new Scenario { Name = "dominating", Seed = seed, Devices = devices, Activities = acts, Duration = TimeSpan.FromHours(24) };
    }

    private static IpAddress V4(byte a, byte b, byte c, byte d) => IpAddress.FromV4(((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d);
}
