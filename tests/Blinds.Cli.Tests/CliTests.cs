using System.Text.Json;

using Blinds.Lab;
using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>The blinds command run as a user runs it: a separate process, real files, exit codes, stdout and stderr.</summary>
public class CliTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Fact]
    public void Summary_json_reports_every_lab_device_with_its_names()
    {
        var r = CliRunner.Run(lab.Dir.Path, "summary", "--json", lab.Capture);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        var capture = root.GetProperty("captures")[0];
        Assert.Equal("pcapng", capture.GetProperty("format").GetString());
        Assert.Equal("b8:27:eb:00:00:01", root.GetProperty("gateway").GetProperty("mac").GetString());
        var devices = root.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("mac").GetString()!);
        var scenario = Presets.PaperLab(3);
        Assert.Equal(scenario.Devices.Count, devices.Count);
        foreach (var d in scenario.Devices)
        {
            var j = devices[d.Mac.ToString()];
            Assert.Equal(d.HostName, j.GetProperty("dhcp_host_names")[0].GetString());
            Assert.Equal(d.Address.ToString(), j.GetProperty("addresses")[0].GetString());
            var domains = j.GetProperty("top_domains").EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToHashSet();
            Assert.True(domains.SetEquals(d.Domains), $"{d.Name}: {string.Join(",", domains)}");
            Assert.False(string.IsNullOrEmpty(j.GetProperty("vendor").GetString()));
        }

        Assert.Equal(0, root.GetProperty("anomalies").GetArrayLength());
    }

    [Fact]
    public void Summary_text_shows_the_header_and_the_devices()
    {
        var r = CliRunner.Run(lab.Dir.Path, "summary", lab.Capture);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("File type:        pcapng", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nest Labs Inc.", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("avs-alexa-na.amazon.com", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Anomalies: none", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Summary_text_matches_its_golden_file()
    {
        using var dir = new TempDir();
        LabOutput.Write(Presets.PaperLab(5) with { Duration = TimeSpan.FromMinutes(10) }, dir.File("ten-minutes.pcapng"));
        var r = CliRunner.Run(dir.Path, "summary", "ten-minutes.pcapng");
        Assert.Equal(0, r.ExitCode);
        Golden.Check("Blinds.Cli.Tests", "summary-paper-lab-10min.txt", r.Stdout);
    }

    [Fact]
    public void Rates_csv_bins_add_up_to_the_device_totals()
    {
        var mac = Presets.PaperLab(3).Devices.Single(d => d.Name == "echo").Mac.ToString();
        var r = CliRunner.Run(lab.Dir.Path, "rates", lab.Capture, "--device", mac, "--bin", "10s");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,bytes_up,bytes_down,packets_up,packets_down", lines[0]);
        Assert.InRange(lines.Length - 1, 715, 721); // two hours of 10 s bins
        var up = lines.Skip(1).Sum(l => long.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        var summary = JsonDocument.Parse(CliRunner.Run(lab.Dir.Path, "summary", "--json", lab.Capture).Stdout);
        var device = summary.RootElement.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("mac").GetString() == mac);
        Assert.Equal(device.GetProperty("bytes_up").GetInt64(), up);
    }

    [Fact]
    public void Rates_json_has_one_object_per_bin()
    {
        var mac = Presets.PaperLab(3).Devices[0].Mac.ToString();
        var r = CliRunner.Run(lab.Dir.Path, "rates", lab.Capture, "--device", mac, "--bin", "1m", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(60, doc.RootElement.GetProperty("bin_seconds").GetDouble());
        Assert.InRange(doc.RootElement.GetProperty("bins").GetArrayLength(), 119, 121);
    }

    [Theory]
    [InlineData("--device", "zz:zz", "--device: 'zz:zz' is not a MAC address")]
    [InlineData("--bin", "-3s", "--bin: '-3s' is not a positive duration")]
    [InlineData("--bin", "infinitys", "--bin: 'infinitys' is not a positive duration")]
    [InlineData("--bin", "31d", "--bin: '31d' is not a positive duration")]
    [InlineData("--bin", "10", "--bin: '10' is not a positive duration")]
    public void Rates_rejects_bad_arguments_in_one_line(string option, string value, string message)
    {
        var args = new List<string> { "rates", lab.Capture, "--device", "00:17:88:24:76:ff" };
        var i = args.IndexOf(option);
        if (i >= 0)
        {
            args[i + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var r = CliRunner.Run(lab.Dir.Path, [.. args]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"blinds: error: {message}", r.Stderr.Trim().Split('\n')[0].Split(" (expected")[0]);
    }

    [Fact]
    public void Export_csv_writes_every_table_and_redacts_secrets()
    {
        using var dir = new TempDir();
        var home = dir.File("home.pcapng");
        LabOutput.Write(Presets.Home24h(1, busy: false) with { Duration = TimeSpan.FromHours(12) }, home);
        var outDir = dir.File("tables");
        var r = CliRunner.Run(dir.Path, "export", home, "--to", "csv", "--out", outDir);
        Assert.Equal(0, r.ExitCode);
        foreach (var t in new[] { "packets", "flows", "dns", "dns_records", "dhcp", "tls", "http", "ssdp", "conn", "devices" })
        {
            Assert.True(File.ReadLines(Path.Combine(outDir, t + ".csv")).Count() > 1, t);
        }

        var http = File.ReadAllText(Path.Combine(outDir, "http.csv"));
        Assert.DoesNotContain(HomeSimulator.HueApiKey, http, StringComparison.Ordinal);
        Assert.Contains("/api/[redacted]/lights", http, StringComparison.Ordinal);
        var packets = File.ReadLines(Path.Combine(outDir, "packets.csv")).Count() - 1;
        var summary = JsonDocument.Parse(CliRunner.Run(dir.Path, "summary", "--json", home).Stdout);
        Assert.Equal(summary.RootElement.GetProperty("captures")[0].GetProperty("packets").GetInt64(), packets);

        var shown = dir.File("shown");
        Assert.Equal(0, CliRunner.Run(dir.Path, "export", home, "--to", "csv", "--out", shown, "--show-secrets").ExitCode);
        Assert.Contains(HomeSimulator.HueApiKey, File.ReadAllText(Path.Combine(shown, "http.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_parquet_and_duckdb_hold_the_same_rows()
    {
        using var dir = new TempDir();
        var pq = dir.File("pq");
        var db = dir.File("home.duckdb");
        var a = CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "parquet", "--out", pq, "--json");
        var b = CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "duckdb", "--out", db, "--json");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        var countsA = JsonDocument.Parse(a.Stdout).RootElement.GetProperty("tables");
        var countsB = JsonDocument.Parse(b.Stdout).RootElement.GetProperty("tables");
        Assert.Equal(countsA.ToString(), countsB.ToString());

        using var conn = new DuckDB.NET.Data.DuckDBConnection($"Data Source={db}");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM packets";
        Assert.Equal(countsA.GetProperty("packets").GetInt64(), Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        cmd.CommandText = "SELECT count(DISTINCT name) FROM dns_records WHERE section = 'question' AND NOT mdns";
        var names = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(names >= 15);

        // One dns row per query: every unicast question the records hold is one query, answered by its response.
        cmd.CommandText = "SELECT count(DISTINCT query) FROM dns WHERE query_seen AND NOT mdns";
        Assert.Equal(names, Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        cmd.CommandText = "SELECT count(*) FROM dns_records WHERE section = 'question' AND NOT response AND NOT mdns";
        var queries = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        cmd.CommandText = "SELECT count(*) FROM dns WHERE query_seen AND NOT mdns";
        Assert.Equal(queries, Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        cmd.CommandText = "SELECT count(*) FROM dns WHERE NOT mdns AND answered AND rcode = 'NOERROR' AND rtt > 0 AND answers IS NOT NULL";
        Assert.True(Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > queries / 2);

        await using var file = File.OpenRead(Path.Combine(pq, "flows.parquet"));
        await using var reader = await Parquet.ParquetReader.CreateAsync(file);
        var rows = Enumerable.Range(0, reader.RowGroupCount).Sum(i => reader.OpenRowGroupReader(i).RowCount);
        Assert.Equal(countsA.GetProperty("flows").GetInt64(), rows);
    }

    [Fact]
    public void Fingerprint_eval_reports_accuracy_beside_chance()
    {
        var r = CliRunner.Run(lab.Dir.Path, "fingerprint", "eval", lab.Capture, "--labels", Path.Combine(lab.Dir.Path, "lab.devices.csv"), "-w", "60,120", "-s", "5", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var cells = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, cells.Length);
        foreach (var c in cells)
        {
            var result = c.GetProperty("result");
            Assert.Equal(7, result.GetProperty("classes").GetInt32());
            Assert.True(result.GetProperty("accuracy").GetDouble() > 0.9);
            Assert.True(result.GetProperty("chance").GetDouble() < 0.15);
        }

        File.WriteAllText(Path.Combine(lab.Dir.Path, "bad.csv"), "mac,name\nnot-a-mac,plug\n");
        var bad = CliRunner.Run(lab.Dir.Path, "fingerprint", "eval", lab.Capture, "--labels", "bad.csv");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("blinds: error: bad.csv:2:1: mac must be a MAC address such as 50:c7:bf:00:fc:a3, got 'not-a-mac' (rows are mac,name[,type])", bad.Stderr.Trim());
    }

    [Fact]
    public void Activity_finds_the_lab_events_and_scores_them()
    {
        var r = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--events", "lab.events.csv", "--devices", "lab.devices.csv", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var home = doc.RootElement.GetProperty("home");
        var labelled = File.ReadLines(Path.Combine(lab.Dir.Path, "lab.events.csv")).Count() - 1;
        Assert.Equal(labelled, home.GetProperty("truth").GetInt32());
        Assert.True(home.GetProperty("f1").GetDouble() >= 0.9, r.Stdout);
        Assert.True(home.GetProperty("chance_recall").GetDouble() < 0.05);
        Assert.Equal(home.GetProperty("detected").GetInt32(), doc.RootElement.GetProperty("events").GetArrayLength());

        var missing = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--events", "lab.events.csv");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("blinds: error: --events needs --devices to know which station is which device", missing.Stderr.Trim());
    }

    [Fact]
    public void Identify_scores_each_observer_against_the_labels()
    {
        foreach (var observer in new[] { "lan", "isp", "wifi" })
        {
            var r = CliRunner.Run(lab.Dir.Path, "identify", lab.Capture, "--observer", observer, "--labels", "lab.devices.csv", "--json");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Stdout);
            var root = doc.RootElement;
            Assert.Equal(observer, root.GetProperty("observer").GetString());
            var rates = root.GetProperty("score").GetProperty("rates");
            var accuracy = rates.GetProperty("accuracy").GetDouble();
            var chance = rates.GetProperty("chance").GetDouble();
            Assert.True(accuracy > chance + 0.4, $"{observer}: {accuracy} vs chance {chance}");
            var confusion = rates.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Sum(v => v.GetInt32())).Sum();
            Assert.Equal(rates.GetProperty("samples").GetInt32(), confusion);
            var entities = root.GetProperty("entities").EnumerateArray().ToArray();
            if (observer == "isp")
            {
                // Streams: no MAC, no vendor; several per device.
                Assert.All(entities, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("mac").ValueKind));
                Assert.True(entities.Length > 7);
                Assert.True(root.GetProperty("score").GetProperty("names").GetProperty("accuracy").GetDouble() > root.GetProperty("score").GetProperty("names").GetProperty("chance").GetDouble());
            }
            else
            {
                Assert.Equal(7, entities.Length);
                Assert.All(entities, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("vendor").GetString())));
            }

            if (observer == "wifi")
            {
                Assert.All(entities, e => Assert.Equal(0, e.GetProperty("names").GetArrayLength()));
                Assert.Equal(JsonValueKind.Null, root.GetProperty("score").GetProperty("names").ValueKind);
            }
        }
    }

    [Fact]
    public void An_isp_side_capture_read_with_the_home_address_gives_the_projected_streams()
    {
        using var dir = new TempDir();
        var gen = CliRunner.Run(dir.Path, "lab", "generate", "--preset", "paper-lab", "--seed", "3", "--side", "wan", "--out", "wan.pcapng");
        Assert.Equal(0, gen.ExitCode);
        var wan = CliRunner.Run(dir.Path, "identify", "wan.pcapng", "--observer", "isp", "--home-address", "198.51.100.23", "--json");
        var lan = CliRunner.Run(lab.Dir.Path, "identify", lab.Capture, "--observer", "isp", "--json");
        Assert.Equal(0, wan.ExitCode);
        Assert.Equal(0, lan.ExitCode);
        static Dictionary<string, (long Bytes, string? Label)> Streams(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("entities").EnumerateArray().ToDictionary(
                e => e.GetProperty("id").GetString()!,
                e => (e.GetProperty("bytes").GetInt64(), e.GetProperty("label").GetString()));
        }

        var projected = Streams(lan.Stdout);
        var captured = Streams(wan.Stdout);
        Assert.NotEmpty(projected);
        foreach (var (id, s) in projected)
        {
            Assert.Equal(s, captured[id]);
        }

        // The one stream more: the gateway forwarding DNS to its upstream resolver.
        Assert.Equal(["198.51.100.53"], captured.Keys.Except(projected.Keys));

        var bad = CliRunner.Run(dir.Path, "identify", "wan.pcapng", "--observer", "isp", "--home-address", "198.51.100.999");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("blinds: error: --home-address: '198.51.100.999' is not an IP address", bad.Stderr.Trim());
    }

    [Fact]
    public void Activity_names_the_lab_events_by_device_kind()
    {
        var r = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--events", "lab.events.csv", "--devices", "lab.devices.csv", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var scores = doc.RootElement.GetProperty("scores").EnumerateArray().ToDictionary(s => s.GetProperty("device").GetString()!);
        foreach (var device in new[] { "wemo-switch", "tplink-plug", "orvibo-socket", "echo", "nest-cam", "amcrest-cam" })
        {
            Assert.True(scores[device].GetProperty("naming_accuracy").GetDouble() >= 0.85, $"{device}: {scores[device]}");
        }

        var activities = doc.RootElement.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("device").GetString(), e.GetProperty("activity").GetString())).ToHashSet();
        Assert.Contains(("nest-cam", "motion"), activities);
        Assert.Contains(("wemo-switch", "toggle"), activities);
        Assert.Contains(("echo", "question"), activities);

        // Without the type column the shipped signatures tell the kinds from the names the devices look up.
        var untyped = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--json");
        using var u = JsonDocument.Parse(untyped.Stdout);
        var kinds = u.RootElement.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("activity").GetString() != "startup")
            .Select(e => (e.GetProperty("entity").GetString(), e.GetProperty("activity").GetString())).ToHashSet();
        Assert.Contains(("18:b4:30:aa:bb:01", "motion"), kinds);
        Assert.Contains(("f0:27:2d:40:50:61", "question"), kinds);
    }

    [Fact]
    public void Identify_links_macs_and_redacts_leaks()
    {
        using var dir = new TempDir();
        LabOutput.Write(Presets.Home24h(1, busy: false) with { Duration = TimeSpan.FromHours(12) }, dir.File("home.pcapng"));
        var r = CliRunner.Run(dir.Path, "identify", "home.pcapng", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(HomeSimulator.HueApiKey, r.Stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(r.Stdout);
        var linked = Assert.Single(doc.RootElement.GetProperty("linked").EnumerateArray());
        Assert.Equal(2, linked.GetProperty("macs").GetArrayLength());
        Assert.Contains(doc.RootElement.GetProperty("leaks").EnumerateArray(), l => l.GetProperty("kind").GetString() == "http_key_in_url");
        var shown = CliRunner.Run(dir.Path, "identify", "home.pcapng", "--show-secrets");
        Assert.Contains(HomeSimulator.HueApiKey, shown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_learned_on_the_lab_label_the_same_devices_in_another_home()
    {
        using var dir = new TempDir();
        var learn = CliRunner.Run(lab.Dir.Path, "fingerprint", "learn", lab.Capture, "--labels", "lab.devices.csv", "--out", dir.File("sig.json"));
        Assert.Equal(0, learn.ExitCode);
        Assert.Equal($"wrote {dir.File("sig.json")}: 7 labels from 7 observations", learn.Stdout.Trim());
        var again = CliRunner.Run(lab.Dir.Path, "fingerprint", "learn", lab.Capture, "--labels", "lab.devices.csv", "--out", dir.File("sig.json"));
        Assert.Equal(4, again.ExitCode);
        Assert.Equal($"blinds: error: {dir.File("sig.json")}: already exists; Blinds does not overwrite files", again.Stderr.Trim());

        LabOutput.Write(Presets.Home24h(9, busy: false) with { Duration = TimeSpan.FromHours(2) }, dir.File("other.pcapng"));
        var r = CliRunner.Run(dir.Path, "identify", "other.pcapng", "--signatures", "sig.json", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var labels = doc.RootElement.GetProperty("entities").EnumerateArray()
            .ToDictionary(d => d.GetProperty("mac").GetString()!, d => d.GetProperty("label").GetString());
        foreach (var d in Presets.HomeDevices())
        {
            // The seven lab devices are named; the others were never learned and stay unlabelled.
            var expected = Presets.PaperLabDevices().Any(p => p.Name == d.Name) ? d.Name : null;
            Assert.Equal(expected, labels[d.Mac.ToString()]);
        }
    }

    [Fact]
    public void Fingerprint_learn_labels_by_folder_merges_and_writes_a_model_that_identify_and_activity_take()
    {
        using var dir = new TempDir();
        foreach (var folder in new[] { "twin-a", "twin-b" })
        {
            Directory.CreateDirectory(dir.File(folder));
            File.Copy(lab.Capture, dir.File(Path.Combine(folder, "setup.pcapng")));
        }

        var labels = Path.Combine(lab.Dir.Path, "lab.devices.csv");
        var a = CliRunner.Run(dir.Path, "fingerprint", "learn", "twin-a/setup.pcapng", "twin-b/setup.pcapng", "--labels", labels, "--label-by", "folder", "--out", "folders.json", "--model", "model.bin");
        Assert.Equal(0, a.ExitCode);
        Assert.Contains("wrote folders.json: 2 labels from 2 observations", a.Stdout, StringComparison.Ordinal);
        Assert.Contains("wrote model.bin: 2 labels, a traffic classifier of 2 labels", a.Stdout, StringComparison.Ordinal);
        Assert.Contains("twin-a and twin-b share one MAC", a.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run(lab.Dir.Path, "fingerprint", "learn", lab.Capture, "--labels", "lab.devices.csv", "--out", dir.File("macs.json")).ExitCode);
        var merged = CliRunner.Run(dir.Path, "fingerprint", "learn", "--merge", "folders.json", "macs.json", "--out", "merged.json");
        Assert.Equal(0, merged.ExitCode);
        Assert.Equal("wrote merged.json: 9 labels from 0 observations and 2 merged files", merged.Stdout.Trim());

        // The same capture learned under two names: the evidence cannot split them, and identify says so.
        var r = CliRunner.Run(dir.Path, "identify", "twin-a/setup.pcapng", "--model", "model.bin", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var twins = doc.RootElement.GetProperty("entities").EnumerateArray().Where(e => e.GetProperty("tied").GetArrayLength() == 2).ToArray();
        Assert.NotEmpty(twins);
        Assert.All(twins, t => Assert.Equal(["twin-a", "twin-b"], t.GetProperty("tied").EnumerateArray().Select(x => x.GetString()).Order(StringComparer.Ordinal)));
        Assert.Equal(0, CliRunner.Run(dir.Path, "activity", "twin-a/setup.pcapng", "--model", "model.bin").ExitCode);

        File.WriteAllText(dir.File("stale.bin"), "not a model");
        var stale = CliRunner.Run(dir.Path, "identify", "twin-a/setup.pcapng", "--model", "stale.bin");
        Assert.Equal(2, stale.ExitCode);
        Assert.Equal("blinds: error: stale.bin: not a Blinds model (write one with blinds fingerprint learn --model)", stale.Stderr.Trim());
    }

    [Fact]
    public void Export_never_overwrites()
    {
        using var dir = new TempDir();
        var target = dir.File("taken.duckdb");
        File.WriteAllText(target, "precious");
        var r = CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "duckdb", "--out", target);
        Assert.Equal(4, r.ExitCode);
        Assert.Equal($"blinds: error: {target}: already exists; Blinds does not overwrite files", r.Stderr.Trim());
        Assert.Equal("precious", File.ReadAllText(target));

        var same = CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "csv", "--out", lab.Capture);
        Assert.Equal(4, same.ExitCode);
        Assert.True(new FileInfo(lab.Capture).Length > 1000);
    }

    [Fact]
    public void Lab_output_is_byte_identical_for_a_seed_and_never_overwrites()
    {
        using var dir = new TempDir();
        var a = CliRunner.Run(dir.Path, "lab", "generate", "--preset", "paper-lab", "--out", dir.File("a.pcapng"), "--seed", "3");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(File.ReadAllBytes(lab.Capture), File.ReadAllBytes(dir.File("a.pcapng")));
        Assert.Equal(File.ReadAllText(Path.Combine(lab.Dir.Path, "lab.events.csv")), File.ReadAllText(dir.File("a.events.csv")));
        var again = CliRunner.Run(dir.Path, "lab", "generate", "--preset", "paper-lab", "--out", dir.File("a.pcapng"));
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Tshark_reads_the_lab_capture_the_same_way()
    {
        Skip.IfNot(File.Exists("/usr/bin/tshark"), "tshark is not installed (.ci/run installs it)");
        using var dir = new TempDir();
        var scenario = Presets.Home24h(2, busy: false) with { Duration = TimeSpan.FromHours(1) };
        var capture = dir.File("hour.pcapng");
        LabOutput.Write(scenario, capture);
        var count = Tshark(capture, "-T", "fields", "-e", "frame.number").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var summary = JsonDocument.Parse(CliRunner.Run(dir.Path, "summary", "--json", capture).Stdout).RootElement;
        Assert.Equal(summary.GetProperty("captures")[0].GetProperty("packets").GetInt64(), count);

        var hosts = Tshark(capture, "-Y", "dhcp.option.hostname", "-T", "fields", "-e", "dhcp.option.hostname").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.True(hosts.SetEquals(scenario.Devices.Select(d => d.HostName!)), string.Join(",", hosts));
        var names = Tshark(capture, "-Y", "dns.flags.response == 0 && !mdns", "-T", "fields", "-e", "dns.qry.name").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.True(names.SetEquals(scenario.Devices.SelectMany(d => d.Domains)), string.Join(",", names));
        var snis = Tshark(capture, "-Y", "tls.handshake.type == 1", "-T", "fields", "-e", "tls.handshake.extensions_server_name").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.True(snis.SetEquals(names));
        var ssdp = Tshark(capture, "-Y", "ssdp", "-T", "fields", "-e", "http.server").Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        Assert.Equal(["Linux/3.14.0 UPnP/1.0 IpBridge/1.16.0"], ssdp);
        var malformed = Tshark(capture, "-Y", "_ws.malformed || _ws.expert.severity == error", "-T", "fields", "-e", "frame.number");
        Assert.Equal(string.Empty, malformed.Trim());
    }

    private static string Tshark(params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add("-r");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        _ = err.Result;
        return output;
    }
}
