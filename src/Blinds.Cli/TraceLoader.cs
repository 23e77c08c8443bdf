using Blinds.Capture;
using Blinds.Traffic;
using Blinds.Traffic.Records;

using Spectre.Console;

namespace Blinds.Cli;

/// <summary>Reads captures into a Trace with a progress bar (with ETA) when a person is watching, and turns failures into one-line errors.</summary>
internal static class TraceLoader
{
    private const long ProgressThreshold = 64L << 20;

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

        var total = paths.Sum(p => new FileInfo(p).Length);
        Trace trace;
        try
        {
            if (Terminal.Interactive && total >= ProgressThreshold)
            {
                trace = null!;
                Terminal.Err.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("reading", maxValue: total);
                        long done = 0;
                        var last = string.Empty;
                        trace = TraceBuilder.ReadFiles(paths, options, sink, (path, pos, size) =>
                        {
                            if (path != last)
                            {
                                if (last.Length > 0)
                                {
                                    done += new FileInfo(last).Length;
                                }

                                last = path;
                                task.Description = Path.GetFileName(path);
                            }

                            task.Value = done + Math.Min(pos, size);
                        });
                        task.Value = total;
                    });
            }
            else
            {
                trace = TraceBuilder.ReadFiles(paths, options, sink);
            }
        }
        catch (CaptureFormatException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }

        var code = ExitCodes.Ok;
        foreach (var c in trace.Captures.Where(c => c.StopError is not null))
        {
            Terminal.Error(c.StopError!);
            code = ExitCodes.InputDamaged;
        }

        return (trace, code);
    }
}
