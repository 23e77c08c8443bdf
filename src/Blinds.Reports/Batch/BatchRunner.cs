
using Blinds.Attacks.Scoring;
using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Flows;
using Blinds.Reports.Audit;
using Blinds.Reports.Export;
using Blinds.Traffic;
using Blinds.Traffic.Records;

namespace Blinds.Reports.Batch;

/// <summary>
/// Many homes into one lake: each home folder audited as `blinds audit` audits one home (the same
/// <see cref="AuditBuilder"/>), <see cref="BatchRequest.Jobs"/> homes at a time, its rows written into hive
/// partitions while its trace is read (<see cref="LakeSink"/>), its report under <c>reports/NAME/</c>, and one
/// summary row per home. A home that cannot be audited (no capture, a file that is not one, a bad devices file)
/// fails alone: its partitions and report are removed, its row says why, and the other homes finish.
/// </summary>
public static class BatchRunner
{
    /// <summary>
    /// Runs the batch. Throws <see cref="DirectoryNotFoundException"/> when the homes' folder is missing or has no
    /// sub-folder, and
    /// <see cref="IOException"/> when the lake exists and is not empty; <paramref name="finished"/> hears of each
    /// home as it ends (one call at a time).
    /// </summary>
    public static BatchModel Run(BatchRequest request, Action<BatchProgress>? finished = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var homes = BatchHome.Discover(request.HomesDir);
        if (homes.Count == 0)
        {
            throw new DirectoryNotFoundException($"{request.HomesDir}: no home folder in it (one sub-folder per home)");
        }

        var lake = request.Lake;
        if (File.Exists(lake) || (Directory.Exists(lake) && Directory.EnumerateFileSystemEntries(lake).Any()))
        {
            throw new IOException($"{lake}: already exists and is not empty; Blinds does not overwrite files");
        }

        var homesFull = Path.GetFullPath(request.HomesDir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if ((Path.GetFullPath(lake).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).StartsWith(homesFull, StringComparison.Ordinal))
        {
            throw new IOException($"{lake}: is inside {request.HomesDir}; a later batch would take the lake for a home");
        }

        Directory.CreateDirectory(Path.Combine(lake, "reports"));
        var results = new (BatchHomeRow Row, IReadOnlyList<BatchIdentifiedRow> Identified)[homes.Count];
        var done = 0;
        var gate = new object();
        Parallel.For(0, homes.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Jobs) }, i =>
        {
            results[i] = RunHome(homes[i], request);
            lock (gate)
            {
                finished?.Invoke(new BatchProgress(results[i].Row, ++done, homes.Count));
            }
        });

        var rows = results.Select(r => r.Row).ToArray();
        var identified = results.SelectMany(r => r.Identified).ToArray();
        using (var w = new ParquetTableWriter<BatchHomeRow>(BatchTables.Homes, Path.Combine(lake, "homes.parquet")))
        {
            foreach (var r in rows)
            {
                w.Write(r);
            }
        }

        using (var w = new ParquetTableWriter<BatchIdentifiedRow>(BatchTables.Identified, Path.Combine(lake, "identified.parquet")))
        {
            foreach (var r in identified)
            {
                w.Write(r);
            }
        }

        return new BatchModel(lake, rows, identified, rows.Count(r => r.Status != "ok"));
    }

    private static (BatchHomeRow Row, IReadOnlyList<BatchIdentifiedRow> Identified) RunHome(BatchHome home, BatchRequest request)
    {
        if (home.Problem is { } problem)
        {
            return (BatchHomeRow.Failed(home.Name, home.Captures.Count, problem), []);
        }

        var homeDir = Path.Combine(request.Lake, LakePartitions.HomeFolder(home.Name));
        var reportDir = Path.Combine(request.Lake, "reports", home.Name);
        try
        {
            return Audit(home, request, homeDir, reportDir);
        }
#pragma warning disable CA1031 // One home's failure, whatever it is, must not stop the others: it becomes its row's one line.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Remove(homeDir);
            Remove(reportDir);
            var known = e is CaptureFormatException or IOException or UnauthorizedAccessException or FormatException or InvalidDataException or HomeException;
            var line = known ? e.Message : $"internal error: {e.GetType().Name}: {e.Message} (please report)";
            return (BatchHomeRow.Failed(home.Name, home.Captures.Count, line.ReplaceLineEndings(" ")), []);
        }
    }

    private static (BatchHomeRow Row, IReadOnlyList<BatchIdentifiedRow> Identified) Audit(BatchHome home, BatchRequest request, string homeDir, string reportDir)
    {
        var devices = home.Devices is null ? null : DeviceLabels.Load(home.Devices);
        var events = home.Events is null ? null : EventLabels.Read(home.Events);

        // A home of flow records (an ISP's NetFlow/IPFIX or Zeek logs) is audited as `audit` audits them: replayed as
        // the packets they stand for, the ISP's view only. Told from the content, never mixed with packet captures.
        var flowLines = new List<string>();
        var replay = ReplayFlows(home, flowLines);
        try
        {
            IReadOnlyList<string> paths = replay is null ? home.Captures : [replay];
            Trace trace;

            // One read of the home's captures: the lake's rows, and the packets the rate search and the defence
            // simulations replay (as `audit` does).
            using var packets = new PacketLog();
            using (var sink = new LakeSink(homeDir))
            {
                trace = TraceBuilder.ReadFiles(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true }, new TeeSink(sink, packets));
                if (trace.FirstNs is null)
                {
                    throw new HomeException($"{home.Directory}: its captures hold no packet to audit");
                }

                sink.Finish(trace);
            }

            var damage = Damage(trace);
            damage.Lines.InsertRange(0, flowLines);
            if (request.Strict && (damage.Damaged || flowLines.Count > 0))
            {
                throw new HomeException(damage.Lines[0] + " (--strict)");
            }

            var report = AuditBuilder.Build(new AuditInput(paths, trace) { Labels = devices?.Names, Types = devices?.Kinds ?? DeviceLabelSet.None.Kinds, Events = events, Settings = request.Settings, FlowRecords = replay is not null, Packets = packets }, new QuietProgress());
            return Write(home, report, trace, homeDir, reportDir, damage.Lines);
        }
        finally
        {
            if (replay is not null)
            {
                File.Delete(replay);
            }
        }
    }

    // Null for a home of packet captures; else the path of its flow records replayed as packets (a temporary pcap),
    // with what `audit` would warn of as lines for the home's row.
    private static string? ReplayFlows(BatchHome home, List<string> lines)
    {
        if (!FlowReplay.AreFlows(home.Captures))
        {
            return null;
        }

        var log = FlowReader.ReadFiles(home.Captures);
        if (log.Flows.Count == 0)
        {
            throw new HomeException($"{home.Directory}: no flow records could be read");
        }

        lines.AddRange(log.StopErrors);
        lines.AddRange(new[] { FlowReplay.StrayLine(log), FlowReplay.LostLine(log) }.OfType<string>());
        return FlowReplay.WriteTemporaryCapture(log, null);
    }

    private static (BatchHomeRow Row, IReadOnlyList<BatchIdentifiedRow> Identified) Write(BatchHome home, AuditReport report, Trace trace, string homeDir, string reportDir, List<string> warnings)
    {
        Directory.CreateDirectory(reportDir);
        AuditReportFiles.Write(report, reportDir);

        var verdict = report.Model.Verdict;
        int Names(string observer) => verdict?.Observers.FirstOrDefault(o => o.Observer == observer)?.Identifies.Count ?? 0;
        var recommended = verdict?.Recommended;
        var days = Directory.Exists(homeDir) ? Directory.EnumerateDirectories(homeDir, "day=*").Count() : 0;
        var row = new BatchHomeRow(
            home.Name,
            "ok",
            null,
            home.Captures.Count,
            trace.Packets,
            days,
            trace.HomeDevices.Count(),
            Names("isp"),
            Names("wifi"),
            Names("lan"),
            trace.Flooded,
            recommended?.Spec,
            recommended?.GbPerMonth ?? 0,
            recommended?.MoneyPerMonth ?? 0,
            recommended?.WithinBudget ?? false,
            warnings.Count == 0 ? null : string.Join("; ", warnings));
        var identified = verdict?.Observers.SelectMany(o => o.Identifies.Select(d => new BatchIdentifiedRow(home.Name, o.Observer, d.Device, d.Kind, d.How))).ToArray() ?? [];
        return (row, identified);
    }

    // What `blinds audit` says on stderr about a damaged capture, as lines for the home's row.
    private static (bool Damaged, List<string> Lines) Damage(Trace trace)
    {
        var lines = trace.Captures.Where(c => c.StopError is not null).Select(c => c.StopError!).ToList();
        var cut = trace.Anomalies.Entries.FirstOrDefault(e => e.Anomaly == CaptureAnomalies.TruncatedRecord);
        if (cut.Count > 0)
        {
            lines.Add($"{cut.First.Source}: offset {cut.First.Offset}: the file ends inside a packet record; the partial record was dropped");
        }

        var damaged = lines.Count > 0;
        var outliers = trace.Anomalies.Count(TimeGuard.TimeOutlier);
        if (outliers > 0)
        {
            lines.Add($"{outliers} packet(s) stamped before 1990, after tomorrow or far from the capture's other packets were left out: time_outlier");
        }

        return (damaged, lines);
    }

    private static void Remove(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the user; the home's row says it failed.
        }
    }

    private sealed class HomeException(string message) : Exception(message);

    private sealed class QuietProgress : IAuditProgress
    {
        public void Step(string step)
        {
        }

        public T Pass<T>(string step, IReadOnlyList<string> paths, Func<Action<string, long, long>?, T> read) => read(null);
    }
}
