using System.CommandLine;
using System.Globalization;

using Blinds.Reports;
using Blinds.Reports.Batch;

namespace Blinds.Cli.Commands;

/// <summary>blinds batch: binds the options, runs <see cref="BatchRunner"/>, prints one line per home and the summary.</summary>
internal static class BatchCommand
{
    public static Command Create()
    {
        var homes = new Argument<string>("HOMES_DIR") { Description = "A folder with one sub-folder per home: its capture files, and optionally devices.csv and events.csv (as `blinds audit` takes them)" };
        var output = new Option<string>("--out", "-o") { Description = "New (or empty) folder for the lake: home=NAME/day=yyyy-mm-dd/TABLE.parquet, reports/NAME/, homes.parquet, identified.parquet", Required = true };
        var jobs = new Option<int?>("--jobs", "-j") { Description = $"Homes audited at once (default {BatchRequest.DefaultJobs} here: one per core, at most one per 2 GiB of memory)" };
        var settings = AuditOptions.Create();
        var json = CommonOptions.Json();
        var command = new Command("batch", "Audit many homes (one per folder) in parallel into a hive-partitioned Parquet lake with each home's report and a cross-home summary")
        {
            homes, output, jobs, json,
        };
        settings.AddTo(command);
        command.SetAction(r => Run(r.GetValue(homes)!, r.GetValue(output)!, r.GetValue(jobs), settings.Bind(r), r.GetValue(json)));
        return command;
    }

    private static int Run(string homesDir, string lake, int? jobs, Reports.Audit.AuditSettings settings, bool json)
    {
        if (jobs is < 1 or > 256)
        {
            throw new CliException(ExitCodes.Usage, $"--jobs: {jobs} is out of range (1 to 256)");
        }

        var request = new BatchRequest(homesDir, lake) { Jobs = jobs ?? BatchRequest.DefaultJobs, Settings = settings, Strict = TraceLoader.Strict };
        BatchModel model;
        try
        {
            model = BatchRunner.Run(request, Report);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.OutputError, e.Message);
        }

        if (json)
        {
            Json.WriteToStdout(model);
        }
        else
        {
            var c = CultureInfo.InvariantCulture;
            Console.Out.WriteLine("home\tstatus\tdevices\tisp\twifi\tlan\trecommended\tGB/month");
            foreach (var r in model.Homes)
            {
                Console.Out.WriteLine(string.Create(c, $"{r.Home}\t{r.Status}\t{r.Devices}\t{r.IspIdentifies}\t{r.WifiIdentifies}\t{r.LanIdentifies}\t{r.Recommended ?? "-"}\t{r.GbPerMonth:0.##}"));
            }

            Console.Out.WriteLine($"wrote {lake}: {model.Homes.Count - model.Failed} of {model.Homes.Count} homes audited");
        }

        // 0: every home audited; 3: some failed (the lake holds the others); 2: none could be.
        return model.Failed == model.Homes.Count ? ExitCodes.InputError : model.Failed > 0 ? ExitCodes.InputDamaged : ExitCodes.Ok;
    }

    // One line per home as it ends: a failure is one error line, the others finish.
    private static void Report(BatchProgress p)
    {
        var r = p.Row;
        if (r.Status != "ok")
        {
            Terminal.Error($"home {r.Home}: {r.Error}");
            return;
        }

        if (r.Warnings is { } w)
        {
            Terminal.Warning($"home {r.Home}: {w}");
        }

        Terminal.Progress($"home {r.Home} done ({p.Done}/{p.Total})");
    }
}
