using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Traffic;
using Blinds.Traffic.Records;

using Spectre.Console;

namespace Blinds.Cli;

/// <summary>Reads captures into a Trace with a progress bar (with ETA) when a person is watching, and turns failures into one-line errors; the same bar for later reads.</summary>
internal static class TraceLoader
{
    private const long ProgressThreshold = 64L << 20;

    /// <summary>Set by --strict: a damaged capture is an error (exit 3) instead of a warning.</summary>
    public static bool Strict { get; set; }

    public static (Trace Trace, int ExitCode) Load(IReadOnlyList<string> paths, TraceOptions? options = null, ITraceSink? sink = null)
    {
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                throw new CliException(ExitCodes.InputError, $"{p}: is a directory, not a capture file");
            }

            if (!File.Exists(p))
            {
                throw new CliException(ExitCodes.InputError, $"{p}: no such file");
            }
        }

        Trace trace;
        try
        {
            trace = Pass("reading", paths, progress => TraceBuilder.ReadFiles(paths, options, sink, progress));
        }
        catch (CaptureFormatException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }

        // Files covering the same time were merged; packets found in two of them were counted once. Say so, once.
        var overlaps = trace.Anomalies.Count(CaptureMerge.FilesOverlap);
        if (overlaps > 0)
        {
            var duplicates = trace.Anomalies.Count(CaptureMerge.DuplicatePacket);
            Terminal.Warning($"{overlaps} capture file(s) cover time another file given also covers (first: {trace.Anomalies.Entry(CaptureMerge.FilesOverlap).First.Source}); packets merged in time order{(duplicates > 0 ? $", {duplicates} found in two files counted once" : string.Empty)} (anomalies capture_files_overlap, duplicate_packet)");
        }

        // A damaged capture is normal input: the results cover what was read, with one line saying so; --strict
        // (for scripts that must not go on with part of a file) makes it an error with exit 3.
        var code = ExitCodes.Ok;
        void Damaged(string line)
        {
            if (Strict)
            {
                Terminal.Error(line);
                code = ExitCodes.InputDamaged;
            }
            else
            {
                Terminal.Warning(line);
            }
        }

        foreach (var c in trace.Captures.Where(c => c.StopError is not null))
        {
            Damaged(c.StopError!);
        }

        var cut = trace.Anomalies.Entry(CaptureAnomalies.TruncatedRecord);
        if (cut.Count > 0)
        {
            Damaged($"{cut.First.Source}: offset {cut.First.Offset}: the file ends inside a packet record; the partial record was dropped");
        }

        WarnTimeOutliers(trace);
        return (trace, code);
    }

    // One line, not one per packet: a hostile clock can stamp millions of them.
    private static void WarnTimeOutliers(Trace trace)
    {
        var entry = trace.Anomalies.Entry(TimeGuard.TimeOutlier);
        if (entry.Count == 0)
        {
            return;
        }

        var where = entry.First.Source is null ? string.Empty : $" (first in {entry.First.Source} at byte {entry.First.Offset})";
        Terminal.Warning($"{entry.Count} packet(s) stamped before 1990, after tomorrow or far from the capture's other packets were left out{where}: time_outlier");
    }

    /// <summary>
    /// Runs one read of <paramref name="paths"/> (the trace, a search, the simulations) under a progress bar with
    /// speed and time left, when a person is watching and the files are big enough to wait for.
    /// </summary>
    public static T Pass<T>(string step, IReadOnlyList<string> paths, Func<Action<string, long, long>?, T> read)
    {
        long total = 0;
        foreach (var p in paths)
        {
            total += new FileInfo(p).Length; // not LINQ's Sum: Sum<string, long> is JIT-compiled at every start
        }

        if (Terminal.PlainProgress)
        {
            return PlainPass(step, total, read);
        }

        if (!Terminal.Interactive || total < ProgressThreshold)
        {
            return read(null);
        }

        return BarPass(step, paths, total, read);
    }

    // Apart from Pass so that a run without a bar never loads Spectre.Console: ReadyToRun resolves a method's type
    // references when the method is first entered, whichever branch runs (issue 16 item 6).
    private static T BarPass<T>(string step, IReadOnlyList<string> paths, long total, Func<Action<string, long, long>?, T> read)
    {
        T result = default!;
        Terminal.Err.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(step, maxValue: total);
                result = read(Cumulative((path, at) =>
                {
                    task.Description = paths.Count == 1 ? step : $"{step}: {Markup.Escape(Path.GetFileName(path))}";
                    task.Value = at;
                }));
                task.Value = total;
            });
        return result;
    }

    // For logs (BLINDS_PROGRESS=plain): a line each tenth of the way, with the rate and the time left, so that a
    // long audit under nohup or a job scheduler says where it is.
    private static T PlainPass<T>(string step, long total, Func<Action<string, long, long>?, T> read)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var nextTenth = 1;
        var result = read(Cumulative((_, at) =>
        {
            if (total > 0 && at * 10 >= nextTenth * total && nextTenth < 10)
            {
                nextTenth = (int)(at * 10 / total) + 1;
                var seconds = Math.Max(1e-3, clock.Elapsed.TotalSeconds);
                var left = TimeSpan.FromSeconds(Math.Round((total - at) / (at / seconds)));
                Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"blinds: {step}: {at * 100 / total}% of {Reports.Formatting.Bytes(total)}, {at / seconds / 1e6:0.0} MB/s, {left:hh\\:mm\\:ss} left"));
            }
        }));
        Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"blinds: {step}: done in {clock.Elapsed.TotalSeconds:0.0} s"));
        return result;
    }

    // The reader reports (file, position, file size) for the file it is in; merged by time, it moves between files,
    // so the bytes read so far are the sum of each file's latest position.
    private static Action<string, long, long> Cumulative(Action<string, long> progress)
    {
        var at = new Dictionary<string, long>(StringComparer.Ordinal);
        long done = 0;
        return (path, pos, size) =>
        {
            var now = Math.Min(pos, size);
            done += now - at.GetValueOrDefault(path);
            at[path] = now;
            progress(path, done);
        };
    }
}
