using System.IO.Compression;

using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>Bad input is normal input: one line on stderr, a documented exit code, never a stack trace.</summary>
public class BadInputTests
{
    private static void NoStackTrace(CliRunner.Result r)
    {
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("notes.pcap"), "this is not a capture");
        var r = CliRunner.Run(dir.Path, "summary", "notes.pcap");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("blinds: error: notes.pcap: not a pcap or pcapng capture (first bytes 74686973)", r.Stderr.Trim());
        NoStackTrace(r);
    }

    [Fact]
    public void A_failed_export_leaves_nothing_behind()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("notes.pcap"), "this is not a capture");
        Directory.CreateDirectory(dir.File("mine"));
        foreach (var (to, output) in new[] { ("csv", "new-dir"), ("parquet", "mine"), ("duckdb", "x.duckdb") })
        {
            var r = CliRunner.Run(dir.Path, "export", "notes.pcap", "--to", to, "--out", output);
            Assert.Equal(2, r.ExitCode);
            NoStackTrace(r);
        }

        Assert.False(Directory.Exists(dir.File("new-dir")));
        Assert.True(Directory.Exists(dir.File("mine"))); // the user's empty directory stays, empty
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.File("mine")));
        Assert.False(File.Exists(dir.File("x.duckdb")));
    }

    [Fact]
    public void Empty_and_missing_files_and_directories()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("empty.pcap"), []);
        var empty = CliRunner.Run(dir.Path, "summary", "empty.pcap");
        Assert.Equal(2, empty.ExitCode);
        Assert.Equal("blinds: error: empty.pcap: empty file, not a capture", empty.Stderr.Trim());
        var missing = CliRunner.Run(dir.Path, "summary", "nope.pcap");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("blinds: error: nope.pcap: no such file", missing.Stderr.Trim());
        var folder = CliRunner.Run(dir.Path, "summary", dir.Path);
        Assert.Equal(2, folder.ExitCode);
        NoStackTrace(folder);
    }

    [Fact]
    public void Damaged_file_reports_what_it_read_and_where_it_stopped()
    {
        using var dir = new TempDir();
        var frames = Enumerable.Range(0, 10).Select(i => ((long)i * 1_000_000_000, Frames.Udp(20))).ToArray();
        var bytes = CaptureBytes.Pcap(frames);
        var fifth = 24 + (4 * (16 + frames[0].Item2.Length));
        BitConverter.GetBytes(0x40000000u).CopyTo(bytes, fifth + 8);
        File.WriteAllBytes(dir.File("damaged.pcap"), bytes);
        var r = CliRunner.Run(dir.Path, "summary", "--json", "damaged.pcap");
        Assert.Equal(0, r.ExitCode); // a damaged capture is normal input: a warning, the results of what was read
        Assert.Equal($"blinds: warning: damaged.pcap: offset {fifth}: pcap record captured length 1073741824 is impossible (limit 16777216); stopped after 4 packets", r.Stderr.Trim());
        var strict = CliRunner.Run(dir.Path, "summary", "--json", "--strict", "damaged.pcap");
        Assert.Equal(3, strict.ExitCode);
        Assert.Equal($"blinds: error: damaged.pcap: offset {fifth}: pcap record captured length 1073741824 is impossible (limit 16777216); stopped after 4 packets", strict.Stderr.Trim());
        Assert.Equal(r.Stdout, strict.Stdout);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        Assert.Equal(4, doc.RootElement.GetProperty("captures")[0].GetProperty("packets").GetInt64());
        Assert.Equal("pcap_bad_record_length", doc.RootElement.GetProperty("anomalies")[0].GetProperty("id").GetString());
    }

    [Fact]
    public void Truncated_snapped_and_odd_files_are_counted_not_fatal()
    {
        using var dir = new TempDir();
        var frames = Enumerable.Range(0, 10).Select(i => ((long)i * 1_000_000_000, Frames.Tcp(0x18, 200))).ToArray();
        var cut = CaptureBytes.Pcap(frames, snapLength: 60, cutTo: 60);
        File.WriteAllBytes(dir.File("cut.pcap"), cut[..^7]);
        File.WriteAllBytes(dir.File("weird-link.pcap"), CaptureBytes.Pcap(frames, linkType: 147));
        var r = CliRunner.Run(dir.Path, "summary", "--json", "cut.pcap", "weird-link.pcap");
        Assert.Equal(0, r.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var anomalies = doc.RootElement.GetProperty("anomalies").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("count").GetInt64());
        Assert.Equal(1, anomalies["truncated_record"]);
        Assert.Equal(10, anomalies["unknown_link_type"]);
        Assert.Equal(9, doc.RootElement.GetProperty("captures")[0].GetProperty("snapped_packets").GetInt64());
    }

    [Fact]
    public void A_capture_cut_mid_record_says_so_on_stderr()
    {
        using var dir = new TempDir();
        var bytes = CaptureBytes.Pcap(Enumerable.Range(0, 10).Select(i => (HostileCaptures.At(2026) + (i * 1_000_000_000L), Frames.Udp(20))));
        var cutAt = bytes.Length - 30;
        File.WriteAllBytes(dir.File("cut.pcap"), bytes[..cutAt]);
        var r = CliRunner.Run(dir.Path, "summary", "cut.pcap");
        Assert.Equal(0, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("blinds: warning: cut.pcap: offset ", line, StringComparison.Ordinal);
        Assert.EndsWith("the file ends inside a packet record; the partial record was dropped", line, StringComparison.Ordinal);
        Assert.Equal(3, CliRunner.Run(dir.Path, "summary", "--strict", "cut.pcap").ExitCode);
    }

    [Fact]
    public void Gzip_with_a_lying_extension_is_read()
    {
        using var dir = new TempDir();
        var plain = CaptureBytes.Pcap([(1_000_000_000, Frames.Udp())]);
        using (var gz = new GZipStream(File.Create(dir.File("capture.txt")), CompressionLevel.Fastest))
        {
            gz.Write(plain);
        }

        var r = CliRunner.Run(dir.Path, "summary", "--json", "capture.txt");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"format\": \"pcap (gzip)\"", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        var r = CliRunner.Run(Path.GetTempPath(), "summary", "--frobnicate", "x.pcap");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("unknown option '--frobnicate'", r.Stderr, StringComparison.Ordinal);
        NoStackTrace(r);
    }
}
