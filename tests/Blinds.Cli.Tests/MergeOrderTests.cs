using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>Several captures in any order: merged by time, so the argument order never changes what is reported.</summary>
public class MergeOrderTests(LabFixture lab) : IClassFixture<LabFixture>
{
    // The lab capture cut by time into three files (early, middle, late), as a rotating tcpdump would write it.
    private string[] Thirds()
    {
        var parts = new[] { lab.Dir.File("part-a.pcapng"), lab.Dir.File("part-b.pcapng"), lab.Dir.File("part-c.pcapng") };
        if (parts.All(File.Exists))
        {
            return parts;
        }

        var log = new AnomalyLog();
        long first = long.MaxValue, last = long.MinValue;
        using (var r = CaptureReader.Open(lab.Capture, log))
        {
            while (r.TryRead(out var p))
            {
                first = Math.Min(first, p.TimestampNs);
                last = Math.Max(last, p.TimestampNs);
            }
        }

        var writers = parts.Select(p => new PcapNgWriter(File.Create(p + ".tmp"), LinkType.Ethernet)).ToArray();
        using (var r = CaptureReader.Open(lab.Capture, log))
        {
            while (r.TryRead(out var p))
            {
                var third = (int)Math.Min(2, (p.TimestampNs - first) * 3 / Math.Max(1, last - first + 1));
                writers[third].Write(p.TimestampNs, p.Data, p.OriginalLength);
            }
        }

        foreach (var w in writers)
        {
            w.Dispose();
        }

        foreach (var p in parts)
        {
            File.Move(p + ".tmp", p, overwrite: true);
        }

        return parts;
    }

    [Theory]
    [InlineData("rates", "--device", "18:b4:30:aa:bb:01")]
    [InlineData("activity", "--json")]
    [InlineData("identify", "--json")]
    [InlineData("summary", "--json")]
    public void Files_in_reverse_order_give_identical_output(params string[] args)
    {
        var parts = Thirds();
        var forward = CliRunner.Run(lab.Dir.Path, [args[0], .. parts, .. args[1..]]);
        var reverse = CliRunner.Run(lab.Dir.Path, [args[0], .. parts.Reverse(), .. args[1..]]);
        Assert.Equal(0, forward.ExitCode);
        Assert.Equal(0, reverse.ExitCode);
        Assert.Equal(forward.Stdout, reverse.Stdout);
        Assert.DoesNotContain("overlap", forward.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_in_reverse_order_give_the_same_rates_as_the_whole_capture()
    {
        var parts = Thirds();
        var whole = CliRunner.Run(lab.Dir.Path, "rates", lab.Capture, "--device", "18:b4:30:aa:bb:01");
        var reverse = CliRunner.Run(lab.Dir.Path, ["rates", .. parts.Reverse(), "--device", "18:b4:30:aa:bb:01"]);
        Assert.Equal(whole.Stdout, reverse.Stdout);
    }

    [Fact]
    public void Audit_reports_the_same_whatever_the_order()
    {
        var parts = Thirds();
        var forward = lab.Dir.File("audit-forward");
        var reverse = lab.Dir.File("audit-reverse");
        Assert.Equal(0, CliRunner.Run(lab.Dir.Path, ["audit", .. parts, "--out", forward]).ExitCode);
        Assert.Equal(0, CliRunner.Run(lab.Dir.Path, ["audit", .. parts.Reverse(), "--out", reverse]).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(forward, "report.json")), File.ReadAllText(Path.Combine(reverse, "report.json")));
    }

    [Theory]
    [InlineData("rates", "--device", "18:b4:30:aa:bb:01")]
    [InlineData("summary", "--json")]
    [InlineData("audit", "--out", "audit-decoders")]
    public void Files_decoded_on_threads_of_their_own_give_what_files_read_on_one_thread_give(params string[] args)
    {
        // The thirds and the whole capture: overlapping files, each packet in two of them (overlaps and duplicates).
        string[] files = [.. Thirds(), lab.Capture];
        string Run(string decoders)
        {
            string[] outDir = args[0] == "audit" ? [args[1], lab.Dir.File(args[2] + decoders)] : args[1..];
            var result = CliRunner.RunWith(new Dictionary<string, string> { ["BLINDS_DECODERS"] = decoders }, lab.Dir.Path, [args[0], .. files, .. outDir]);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("duplicate_packet", result.Stderr, StringComparison.Ordinal);
            return args[0] == "audit" ? File.ReadAllText(Path.Combine(outDir[1], "report.json")) : result.Stdout + result.Stderr;
        }

        Assert.Equal(Run("0"), Run("2"));
    }

    [Fact]
    public void The_same_file_twice_is_counted_once_and_said_once()
    {
        var once = CliRunner.Run(lab.Dir.Path, "rates", lab.Capture, "--device", "18:b4:30:aa:bb:01");
        var twice = CliRunner.Run(lab.Dir.Path, "rates", lab.Capture, lab.Capture, "--device", "18:b4:30:aa:bb:01");
        Assert.Equal(0, twice.ExitCode);
        Assert.Equal(once.Stdout, twice.Stdout);
        var line = Assert.Single(twice.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("capture_files_overlap", line, StringComparison.Ordinal);
        Assert.Contains("counted once", line, StringComparison.Ordinal);
    }
}
