using System.Diagnostics;
using System.Globalization;
using System.Net;

using Blinds.Capture.Anomalies;
using Blinds.Flows;
using Blinds.Testing;

namespace Blinds.Cli.Tests;

/// <summary>
/// A paper-lab capture and what a router would export of it: Debian's softflowd reads the capture as NetFlow v9
/// (60 s active timeout, MACs in the records for scoring), a collector on loopback receives the datagrams and they
/// are written as a collector-side capture, as `scripts/softflowd-export.py` does. Empty when softflowd is absent.
/// </summary>
public sealed class SoftflowdExportFixture : IDisposable
{
    public SoftflowdExportFixture()
    {
        Capture = Dir.File("lab.pcap");
        var r = CliRunner.Run(Dir.Path, "lab", "generate", "--preset", "paper-lab", "--out", Capture, "--seed", "3");
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab generate failed: {r.Stderr}");
        }

        Events = Dir.File("lab.events.csv");
        Devices = Dir.File("lab.devices.csv");
        Export = Dir.File("export.pcap");
        Untemplated = Dir.File("untemplated.pcap");
        if (Available)
        {
            var datagrams = Datagrams(Capture);
            File.WriteAllBytes(Export, Pcap(datagrams));

            // The first datagram carries the templates: without it, the data sets that follow it cannot be read.
            File.WriteAllBytes(Untemplated, Pcap(datagrams.Skip(1)));
        }
    }

    /// <summary>Whether softflowd is installed (.ci/run installs it).</summary>
    public static bool Available => File.Exists("/usr/sbin/softflowd");

    public TempDir Dir { get; } = new();

    public string Capture { get; }

    public string Events { get; }

    public string Devices { get; }

    /// <summary>The export datagrams as a capture (UDP to port 2055).</summary>
    public string Export { get; }

    /// <summary>The same export without its first datagram (the templates).</summary>
    public string Untemplated { get; }

    public void Dispose() => Dir.Dispose();

    private static byte[] Pcap(IEnumerable<byte[]> datagrams) =>
        CaptureBytes.Pcap(datagrams.Select((d, i) => (1_700_000_000_000_000_000L + (i * 1_000_000L), Frames.UdpWith(d, 40000, 2055))));

    // -a and -A milli: flow times from the capture, sent as absolute milliseconds (uptime-relative times are
    // ambiguous for a capture older than 49 days); -m 256: reading a file, softflowd checks expiry once per
    // max_flows packets, so the 60 s maxlife acts within 256 packets of being due.
    private static List<byte[]> Datagrams(string capture)
    {
        var datagrams = new List<byte[]>();
        using var collector = new FlowCollector(new IPEndPoint(IPAddress.Loopback, 0));
        collector.OnDatagram = (d, _) => datagrams.Add(d.ToArray());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var receiving = collector.RunAsync(new NetFlowDecoder(new AnomalyLog()), new FlowLog(), TimeSpan.FromSeconds(3), cancel.Token);
        var port = collector.LocalEndpoint.Port.ToString(CultureInfo.InvariantCulture);
        using (var softflowd = Process.Start(new ProcessStartInfo("/usr/sbin/softflowd", ["-d", "-a", "-A", "milli", "-T", "ether", "-m", "256", "-t", "maxlife=60", "-v", "9", "-r", capture, "-n", $"127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            softflowd.StandardOutput.ReadToEnd();
            softflowd.WaitForExit();
            if (softflowd.ExitCode != 0)
            {
                throw new InvalidOperationException($"softflowd failed: {softflowd.StandardError.ReadToEnd()}");
            }
        }

        receiving.GetAwaiter().GetResult();
        return datagrams;
    }
}
