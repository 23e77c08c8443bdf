using Blinds.Protocols.Addressing;

namespace Blinds.Lab;

/// <summary>Built-in scenarios.</summary>
public static class Presets
{
    /// <summary>Names of the presets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["home-24h", "paper-lab", "busy-24h"];

    /// <summary>Returns a preset by name, or null.</summary>
    public static Scenario? Get(string name, int seed = 1) => name switch
    {
        "home-24h" => Home24h(seed, busy: false),
        "busy-24h" => Home24h(seed, busy: true),
        "paper-lab" => PaperLab(seed),
        _ => null,
    };

    /// <summary>The lab's devices, with names, DHCP and DNS as paper 002 Fig. 2 and 003 report them.</summary>
    public static IReadOnlyList<LabDevice> Devices(bool busy) =>
    [
        new LabDevice
        {
            Name = "sense", Kind = DeviceKind.SleepMonitor, Mac = MacAddress.Parse("f4:b8:5e:10:20:31"), Address = V4(192, 168, 1, 21),
            HostName = "Sense-5E1020", VendorClass = "udhcp 1.22.1", Domains = ["messeji.hello.is", "sense-in.hello.is", "time.hello.is"],
            HeartbeatSeconds = 60, Heartbeat = (200, 90), Burst = (45_000, 3_000),
        },
        new LabDevice
        {
            Name = "nest-cam", Kind = DeviceKind.Camera, Mac = MacAddress.Parse("18:b4:30:aa:bb:01"), Address = V4(192, 168, 1, 22),
            HostName = "Nest-Cam", VendorClass = "dhcpcd-6.8.2", Domains = ["nexus.dropcam.com", "oculus519-vir.dropcam.com", "weave.nest.com"],
            HeartbeatSeconds = 20, Heartbeat = (150, 150), StreamBytesPerSecond = busy ? 40_000 : 400, StreamPacketBytes = busy ? 1000 : 400,
            LiveFactor = busy ? 4 : 75, Burst = (250_000, 4_000), Alpn = "h2",
        },
        new LabDevice
        {
            Name = "wemo-switch", Kind = DeviceKind.Plug, Mac = MacAddress.Parse("94:10:3e:35:01:c1"), Address = V4(192, 168, 1, 23),
            HostName = "wemo", VendorClass = "udhcp 1.22.1", Domains = ["api.xbcs.net", "nat.xbcs.net"],
            HeartbeatSeconds = 30, Heartbeat = (180, 120), Burst = (2_500, 1_800),
        },
        new LabDevice
        {
            Name = "tplink-plug", Kind = DeviceKind.Plug, Mac = MacAddress.Parse("50:c7:bf:00:fc:a3"), Address = V4(192, 168, 1, 24),
            HostName = "HS110", VendorClass = "udhcp 0.9.9-pre", Domains = ["devs.tplinkcloud.com", "time-a.nist.gov"],
            HeartbeatSeconds = 60, Heartbeat = (120, 90), Burst = (1_600, 1_200),
        },
        new LabDevice
        {
            Name = "echo", Kind = DeviceKind.Assistant, Mac = MacAddress.Parse("f0:27:2d:40:50:61"), Address = V4(192, 168, 1, 25),
            HostName = "amazon-c045e10a5", VendorClass = "dhcpcd-5.5.6", Domains = ["avs-alexa-na.amazon.com", "device-metrics-us.amazon.com", "example.com"],
            HeartbeatSeconds = 30, Heartbeat = (300, 200), Burst = (40_000, 120_000), Alpn = "h2",
        },
        new LabDevice
        {
            Name = "hue-bridge", Kind = DeviceKind.HueBridge, Mac = MacAddress.Parse("00:17:88:24:76:ff"), Address = V4(192, 168, 1, 26),
            HostName = "Philips-hue", VendorClass = "udhcp 1.19.4", Domains = ["bridge.meethue.com", "dcp.cpp.philips.com"],
            HeartbeatSeconds = 52, Heartbeat = (250, 250), Burst = (1_200, 900),
        },
        new LabDevice
        {
            Name = "phone", Kind = DeviceKind.Phone, Mac = MacAddress.Parse("3c:2e:ff:77:88:99"), Address = V4(192, 168, 1, 30),
            HostName = "Alices-iPhone", VendorClass = null, Domains = ["www.meethue.com", "api.amazonalexa.com"],
            HeartbeatSeconds = 300, Heartbeat = (400, 1_200), Burst = (8_000, 60_000), Alpn = "h2",
        },
    ];

    /// <summary>A day in a home: sleep at night, plugs morning and evening, questions and live views in the day.</summary>
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
        }

        for (var i = 0; i < 5; i++)
        {
            acts.Add((At(7.5 + (i * 3), 30), "phone", "app_open"));
        }

        return new Scenario { Name = busy ? "busy-24h" : "home-24h", Seed = seed, Devices = Devices(busy), Activities = acts, Duration = TimeSpan.FromHours(24) };
    }

    /// <summary>The papers' controlled experiments: one activity every 2 minutes for 2 hours, device by device.</summary>
    public static Scenario PaperLab(int seed)
    {
        var acts = new List<(TimeSpan, string, string)>();
        var rng = new Random(seed);
        var schedule = new (string Device, string Activity)[] { ("wemo-switch", "toggle"), ("tplink-plug", "toggle"), ("echo", "question"), ("sense", "in_bed"), ("nest-cam", "motion") };
        for (var m = 2; m < 120; m += 2)
        {
            var (device, activity) = schedule[(m / 2) % schedule.Length];
            acts.Add((TimeSpan.FromMinutes(m) + TimeSpan.FromSeconds(rng.Next(0, 20)), device, activity));
        }

        return new Scenario { Name = "paper-lab", Seed = seed, Devices = Devices(false), Activities = acts, Duration = TimeSpan.FromHours(2) };
    }

    private static IpAddress V4(byte a, byte b, byte c, byte d) => IpAddress.FromV4(((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d);
}
