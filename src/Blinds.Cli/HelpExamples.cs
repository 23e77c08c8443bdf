using System.CommandLine;

namespace Blinds.Cli;

/// <summary>
/// The examples every command's <c>--help</c> ends with. Kept in one catalogue, keyed by the command's path, so that a
/// test can parse every example against the real command tree: an example that no longer parses fails the build's
/// tests instead of misleading a user.
/// </summary>
internal static class HelpExamples
{
    /// <summary>Examples per command path ("lab generate"), each a whole command line starting with <c>blinds</c>.</summary>
    public static IReadOnlyDictionary<string, string[]> ByCommand { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["demo"] = ["blinds demo", "blinds demo --out my-demo --json"],
        ["summary"] =
        [
            "blinds summary home.pcapng",
            "blinds summary day1.pcap.gz day2.pcap.gz --json",
            "blinds summary uplink.pcap --home-address 203.0.113.7",
        ],
        ["rates"] =
        [
            "blinds rates home.pcapng --device 00:17:88:aa:bb:cc",
            "blinds rates home.pcapng --device 00:17:88:aa:bb:cc --bin 5m --format json",
        ],
        ["export"] =
        [
            "blinds export home.pcapng --to parquet --out tables",
            "blinds export home.pcapng --to duckdb --out home.duckdb",
            "blinds export home.pcapng --to csv --out csv-tables --raw-csv",
        ],
        ["lab generate"] =
        [
            "blinds lab generate --preset home-24h --out home.pcapng",
            "blinds lab generate --preset home-24h --repeat 7 --seed 3 --out week.pcapng",
            "blinds lab generate my-home.json --side wan --out uplink.pcapng",
        ],
        ["lab scenario"] = ["blinds lab scenario --preset paper-lab", "blinds lab scenario --preset home-24h --json"],
        ["lab replay"] =
        [
            "blinds lab replay home.pcapng --to 127.0.0.1:9000 --speed 10",
            "blinds lab replay home.pcapng --to 192.0.2.10:9000 --device 18:b4:30:00:00:01 --direction both --from 2h --duration 10m --json",
        ],
        ["fingerprint eval"] =
        [
            "blinds fingerprint eval home.pcapng --labels home.devices.csv",
            "blinds fingerprint eval home.pcapng --labels home.devices.csv -w 300 -s 10 --k 3 --json",
        ],
        ["fingerprint learn"] =
        [
            "blinds fingerprint learn home.pcapng --labels home.devices.csv --out signatures.json",
            "blinds fingerprint learn captures/*/*.pcap --labels devices.csv --label-by folder --model model.bin",
            "blinds fingerprint learn --merge mine.json theirs.json --out both.json",
        ],
        ["activity"] =
        [
            "blinds activity home.pcapng",
            "blinds activity home.pcapng --observer isp --devices home.devices.csv --events home.events.csv",
            "blinds activity uplink.pcap --observer isp --home-address 203.0.113.7 --json",
            "blinds activity conn.log --devices home.devices.csv --events home.events.csv",
        ],
        ["identify"] =
        [
            "blinds identify home.pcapng",
            "blinds identify home.pcapng --observer isp --labels home.devices.csv",
            "blinds identify home.pcapng --model model.bin --json",
            "blinds identify netflow-export.pcap --labels home.devices.csv",
        ],
        ["simulate"] =
        [
            "blinds simulate home.pcapng --defence tunnel",
            "blinds simulate home.pcapng --defence \"tunnel+constant:up=8KB/s,down=20KB/s\" --labels home.devices.csv --events home.events.csv",
            "blinds simulate home.pcapng --defence \"block:domain=ads.example.com\" --format csv",
            "blinds simulate netflow-export.pcap --defence \"tunnel+constant:rate=10KB/s\" --labels home.devices.csv",
        ],
        ["frontier"] =
        [
            "blinds frontier home.pcapng --defence tunnel+constant --sweep rate=1KB/s..64KB/s",
            "blinds frontier home.pcapng --defence tunnel+stp --sweep q=0.01..0.5 --points 5 --json",
        ],
        ["tolerance"] =
        [
            "blinds tolerance home.pcapng --labels home.devices.csv",
            "blinds tolerance home.pcapng --size 1024 --json",
        ],
        ["shape plan"] =
        [
            "blinds shape plan --dev tun0 --up-rate 8KB/s --down-rate 20KB/s",
            "blinds shape plan --dev tun0 --mode cells --up-rate 8KB/s --down-rate 20KB/s --timing vit --peer 203.0.113.2:51821 --key-file key --route 192.168.1.0/24",
            "blinds shape plan --dev tun0 --mode rate-only --rate 10KB/s --devices 00:17:88:aa:bb:cc --lan-dev br0 --json",
            "blinds shape plan --dev blinds0 --mode cells --plan \"tunnel+constant:up=4KB/s,down=8KB/s,devices=00:17:88:aa:bb:cc\" --peer 203.0.113.2:51821 --lan-dev br0",
        ],
        ["shape up"] =
        [
            "blinds shape up --dev wg0 --mode rate-only --rate 10KB/s",
            "blinds shape up --dev tun0 --mode cells --up-rate 8KB/s --down-rate 20KB/s --peer 203.0.113.2:51821 --key-file key --route 192.168.1.0/24",
            "blinds shape up --dev blinds0 --mode cells --plan \"tunnel+vit:up=8KB/s,down=20KB/s\" --peer 203.0.113.2:51821 --key-file key --route 192.168.1.0/24",
        ],
        ["shape endpoint"] =
        [
            "blinds shape endpoint --dev tun0 --mode cells --down-rate 20KB/s --peer 198.51.100.1:51821 --key-file key --route 192.168.1.0/24",
        ],
        ["shape down"] = ["blinds shape down --dev tun0"],
        ["shape status"] = ["blinds shape status --dev tun0", "blinds shape status --dev tun0 --interval 10s --json"],
        ["shape firewall plan"] =
        [
            "blinds shape firewall plan --defence \"block:domain=ads.example.com\" --lan-dev br0",
            "blinds shape firewall plan --defence conceal-dns --lan-dev br0 --home-net 192.168.1.0/24 --resolver 192.168.1.1 --json",
        ],
        ["shape firewall up"] =
        [
            "blinds shape firewall up --defence conceal-dns --lan-dev br0 --resolver-conf /etc/unbound/unbound.conf.d/blinds.conf",
        ],
        ["shape firewall down"] = ["blinds shape firewall down"],
        ["audit"] =
        [
            "blinds audit home.pcapng --out report",
            "blinds audit home.pcapng --devices home.devices.csv --events home.events.csv --out report",
            "blinds audit home.pcapng --budget 50GB --tz Europe/London --out report",
            "blinds audit home.pcapng --budget '$20' --cap 350GB --price 10 --out report",
        ],
        ["batch"] =
        [
            "blinds batch homes --out lake",
            "blinds batch homes --out lake --jobs 2 --budget 50GB --json",
        ],
        ["flows"] =
        [
            "blinds flows export.pcap",
            "blinds flows conn.log dns.log ssl.log --json",
        ],
        ["collect"] =
        [
            "blinds collect --listen 127.0.0.1:2055 --out flows.parquet --duration 10m",
            "blinds collect --listen 0.0.0.0:4739 --out ipfix.parquet --json",
        ],
        ["label"] = ["blinds label home.pcapng --out devices.csv"],
    };

    /// <summary>Appends each command's examples to its description, which <c>--help</c> prints under the usage line.</summary>
    public static void AddTo(RootCommand root)
    {
        foreach (var (path, command) in Leaves(root, string.Empty))
        {
            if (ByCommand.TryGetValue(path, out var examples))
            {
                command.Description += "\n\nExamples:\n" + string.Concat(examples.Select(e => "  " + e + "\n")).TrimEnd('\n');
            }
        }
    }

    /// <summary>Every command that runs something (has no subcommands), with its path below the root.</summary>
    public static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
            yield break;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name))
            {
                yield return leaf;
            }
        }
    }
}
