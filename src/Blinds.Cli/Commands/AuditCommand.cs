using System.CommandLine;
using System.Globalization;
using System.Text;

using Blinds.Attacks.Activity;
using Blinds.Attacks.Identification;
using Blinds.Attacks.Leaks;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Capture;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Reports.Audit;
using Blinds.Reports.Summary;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>blinds audit: everything at once, as report.html (for people) and report.json (for machines).</summary>
internal static class AuditCommand
{
    // Packets the rate search holds (16 bytes each: 64 MB); the lab's home-24h (13 devices) sends 0.6 million a day.
    private const int SearchBudget = 4_000_000;

    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var devices = new Option<string?>("--devices") { Description = "Devices file (mac,name[,type]): names, kinds, and the attacks scored against it" };
        var events = new Option<string?>("--events") { Description = "True activities (time,device,activity; needs --devices)" };
        var output = new Option<string>("--out", "-o") { Description = "New (or empty) directory for report.html and report.json", Required = true };
        var home = CommonOptions.HomeAddresses();
        var command = new Command("audit", "One report: what the home's traffic tells each observer, what people do, what leaks, and what each defence costs and buys")
        {
            captures, devices, events, output, home,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(devices), r.GetValue(events), r.GetValue(output)!, CommonOptions.ParseHomeAddresses(r.GetValue(home))));
        return command;
    }

    internal static int Run(string[] paths, string? devicesPath, string? eventsPath, string dir, IReadOnlySet<IpAddress>? home)
    {
        if (eventsPath is not null && devicesPath is null)
        {
            throw new CliException(ExitCodes.Usage, "--events needs --devices to know which station is which device");
        }

        if (File.Exists(dir) || (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any()))
        {
            throw new CliException(ExitCodes.OutputError, $"{dir}: already exists and is not empty; Blinds does not overwrite files");
        }

        var labels = devicesPath is null ? null : CliException.GuardInput(() => DeviceLabels.Read(devicesPath));
        var types = devicesPath is null ? new Dictionary<MacAddress, string>() : CliException.GuardInput(() => DeviceLabels.ReadTypes(devicesPath));
        var labelled = eventsPath is null ? null : CliException.GuardInput(() => EventLabels.Read(eventsPath));
        var (trace, code) = TraceLoader.Load(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true, HomeAddresses = home });
        Terminal.Progress("identifying devices and activities");
        var oui = OuiDatabase.For(trace.Devices.Select(d => d.Mac));
        var signatures = NameSignatures.Papers();
        var lan = Observer.Project(trace, ObserverKind.Lan);
        var isp = Observer.Project(trace, ObserverKind.Isp);
        var identities = DeviceIdentifier.Identify(lan, signatures, oui).ToDictionary(i => i.Entity.Device);
        var kinds = DeviceKinds.Of(types, identities.Values, trace);

        string Name(MacAddress m) => labels?.GetValueOrDefault(m) ?? (trace.FindDevice(m)?.DhcpHostNames.Values is { Count: > 0 } hosts ? hosts[0] : m.ToString());
        var inferred = ActivityInference.Infer(lan, e => kinds.GetValueOrDefault(e.Device));
        var activities = inferred.Select(a => new AuditActivity(Formatting.Time(a.StartNs), Name(a.Entity.Device), a.Named.Activity, (a.Named.Event.EndNs - a.Named.Event.StartNs) / 1e9, Math.Round(a.Named.Confidence, 3))).ToArray();
        var ispStreams = isp.Entities.GroupBy(e => e.Device).ToDictionary(g => g.Key, g => g.ToArray());
        var deviceRows = trace.HomeDevices.Select(d =>
        {
            var id = identities[d.Mac];
            var streams = ispStreams.GetValueOrDefault(d.Mac) ?? [];
            var named = streams.Where(s => !s.Names.IsEmpty).Select(s => s.Names.Names.First()).Distinct().Take(3).ToArray();
            var lanTells = id.Label is not null ? $"it is a {id.Label} ({id.Evidence.FirstOrDefault(e => e.Contains("names", StringComparison.Ordinal)) ?? "names"})" : id.Vendor is not null ? $"a {id.Vendor} device; its names match no signature" : "little: no vendor, no known names";
            var ispTells = streams.Length == 0 ? "nothing: no internet traffic" : named.Length > 0 ? $"{streams.Length} streams, named {string.Join(", ", named)}; its rates" : $"{streams.Length} unnamed streams; their rates";
            var wifiTells = d.Mac.IsLocallyAdministered ? "a randomised MAC and its frame sizes and times" : $"vendor {id.Vendor ?? "unknown"} by MAC, frame sizes and times";
            return new AuditDevice(d.Mac.ToString(), Name(d.Mac), id.Vendor, id.Label, kinds.GetValueOrDefault(d.Mac), Math.Round(id.Confidence, 3), DeviceNames.Of(d).Names.Order(StringComparer.Ordinal).Take(8).ToArray(), d.BytesUp, d.BytesDown, d.BytesLocal, lanTells, ispTells, wifiTells);
        }).ToArray();

        AuditScores? scores = null;
        if (labels is not null)
        {
            Terminal.Progress("scoring the attacks against the labels");
            var identification = new List<AuditIdentification>();
            foreach (var kind in new[] { ObserverKind.Lan, ObserverKind.Isp, ObserverKind.Wifi })
            {
                if (ViewEvaluation.Evaluate(Observer.Project(trace, kind), labels).Rates is { } cv)
                {
                    identification.Add(new AuditIdentification(kind.ToString().ToLowerInvariant(), cv.Accuracy, cv.Low, cv.High, cv.Chance));
                }
            }

            DeviceActivityScore? homeScore = null;
            if (labelled is not null)
            {
                homeScore = ActivityScore.Score(inferred, labelled, labels, TimeSpan.FromSeconds(10), (trace.LastNs ?? 0) - (trace.FirstNs ?? 0)).Single(s => s.Device == "home");
            }

            Terminal.Progress("paper 002 Fig. 4: 16 windows and samples");
            var grid = RateFingerprintGrid.Evaluate(trace, labels, [60, 120, 300, 600], [1, 5, 10, 30], [3])
                .Select(c => new AuditGridCell(c.WindowSeconds, c.SampleSeconds, c.Result.Accuracy, c.Result.Chance)).ToArray();
            scores = new AuditScores(identification, homeScore?.Events.F1, homeScore?.Events.ChanceRecall, homeScore?.NamingAccuracy, grid);
        }

        Terminal.Progress("looking for local leaks");
        var leaks = LeakFinder.Find(trace, showSecrets: false).Select(l => new AuditLeak(Name(l.Device), System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(l.Kind.ToString()), l.Evidence, l.Count)).ToArray();

        Terminal.Progress("trying the defences");
        var notes = new List<string>();
        if (trace.Flooded)
        {
            notes.Add($"The LAN was flooded: {trace.Devices.Count:N0} stations sent frames{(trace.Anomalies.Count(TraceBuilder.DeviceTableFull) > 0 ? $" and {trace.Anomalies.Count(TraceBuilder.DeviceTableFull):N0} frames came from stations beyond the {trace.Devices.Count:N0} tracked" : string.Empty)}: a MAC flood, or a host changing its MAC per frame. Per-device results below are mostly that noise.");
        }
        var (defences, recommendation) = Defences(paths, trace, labels, labelled, kinds, home, Name, notes);

        var hourly = Enumerable.Range(0, 24).Select(h => new AuditHour(h, 0, 0)).ToArray();
        foreach (var d in trace.HomeDevices.Where(d => d.Rates is not null))
        {
            foreach (var b in d.Rates!.Bins)
            {
                var hour = (int)((((d.Rates.OriginNs + (b.Index * d.Rates.BinNs)) / 3_600_000_000_000L) % 24 + 24) % 24);
                hourly[hour] = hourly[hour] with { BytesUp = hourly[hour].BytesUp + b.BytesUp, BytesDown = hourly[hour].BytesDown + b.BytesDown };
            }
        }

        var services = trace.Streams
            .GroupBy(s => $"{(s.TopServices(1) is { Count: > 0 } top ? top[0] : "ip")} {s.Name ?? s.Remote.ToString()}")
            .Select(g => new AuditService(g.Key, g.Sum(s => s.BytesUp + s.BytesDown), g.Select(s => s.Device).Distinct().Count()))
            .OrderByDescending(s => s.Bytes).ToArray();
        var protocols = trace.Streams
            .GroupBy(s => s.TopServices(1) is { Count: > 0 } top ? top[0] : "ip")
            .Select(g => new AuditProtocol(g.Key, AuditProtocol.NameOf(g.Key), g.Sum(s => s.BytesUp + s.BytesDown), g.Count(), g.Select(s => s.Device).Distinct().Count()))
            .OrderByDescending(p => p.Bytes).ThenBy(p => p.Protocol, StringComparer.Ordinal).ToArray();
        var model = new AuditModel(SummaryBuilder.Build(trace, oui), deviceRows, activities, scores, leaks, defences, recommendation, hourly, services, protocols, notes);

        Terminal.Progress("drawing");
        var plots = new List<(string, string)>();
        foreach (var d in trace.HomeDevices.Where(d => d.Rates is not null).OrderByDescending(d => d.BytesUp + d.BytesDown).Take(8))
        {
            var starts = inferred.Where(a => a.Entity.Device == d.Mac).Select(a => a.StartNs);
            plots.Add(($"{Name(d.Mac)}: internet traffic per minute; red lines: inferred activities", AuditPlots.Rates(Name(d.Mac), d.Rates!, starts)));
        }

        plots.Add(("Paper 002 Fig. 3: every device's 300 s windows by mean and spread", AuditPlots.Features(trace.HomeDevices.Where(d => d.Rates is not null).Select(d => (Name(d.Mac), (IReadOnlyList<double[]>)RateWindows.Features(d.Rates!, 10, 300))))));
        plots.Add(("Paper 003: the home's day", AuditPlots.Hourly(hourly)));
        var bytePlots = new List<(string, string)>
        {
            ("Paper 003: protocols and ports (a stream counts under the port it used most)", AuditPlots.Protocols(protocols)),
            ("Paper 003: internal against external traffic, per device", AuditPlots.Locality(deviceRows)),
        };

        Directory.CreateDirectory(dir);
        CliException.Guard(ExitCodes.OutputError, () =>
        {
            // Reports that name leaks are the owner's only (0600), like the leaks themselves.
            using (var json = CaptureWriter.CreateNew(Path.Combine(dir, "report.json"), ownerOnly: leaks.Length > 0))
            {
                Json.Write(model, json);
            }

            using var html = new StreamWriter(CaptureWriter.CreateNew(Path.Combine(dir, "report.html"), ownerOnly: leaks.Length > 0), new UTF8Encoding(false));
            AuditHtml.Write(model, plots, bytePlots, html);
            return 0;
        });
        Console.Out.WriteLine($"wrote {Path.Combine(dir, "report.html")} and {Path.Combine(dir, "report.json")}");
        return code;
    }

    // The defences a user would weigh, each simulated on the capture: concealing names, a tunnel alone, and link
    // padding at the lowest whole-home rate every device tolerates (paper 002 Fig. 9), constant and VIT.
    private static (IReadOnlyList<AuditDefence>, AuditRecommendation?) Defences(string[] paths, Trace trace, IReadOnlyDictionary<MacAddress, string>? labels, IReadOnlyList<LabelledEvent>? labelled, Dictionary<MacAddress, string> kinds, IReadOnlySet<IpAddress>? home, Func<MacAddress, string> name, List<string> notes)
    {
        var truth = labelled is null || labels is null
            ? PrivacyEvaluation.LeakedActivities(trace)
            : TruthEvent.FromLabels(labelled, labels);
        var input = new ExperimentInput(paths, trace, labels, truth)
        {
            Kinds = kinds,
            Simulation = new Defences.Simulation.SimulationOptions { HomeAddresses = home },
        };
        // Phones, laptops and media players are people's own screens, not sensors: their downloads would set the whole
        // home's rate (megabytes a second), so the padding covers the other devices (paper 002 §8: shape chosen devices).
        var screens = new HashSet<string>(StringComparer.Ordinal) { "phone", "laptop", "media_player" };
        var sensors = trace.HomeDevices.Select(d => d.Mac).Where(m => !screens.Contains(ActivityNamer.NormaliseKind(kinds.GetValueOrDefault(m)) ?? string.Empty)).ToHashSet();
        var scoped = sensors.Count < trace.HomeDevices.Count();
        // Pass 2: the rate the shaped devices need (002 Fig. 9 by search). It holds 16 bytes a packet, so on long
        // captures it keeps to the first SearchBudget packets and says so.
        var search = TraceLoader.Pass("finding the rate each device needs", paths, progress => RateSearch.Search(paths, trace, kinds, input.Tolerances, new RateSearchOptions { HomeAddresses = home, Only = sensors, MaxPackets = SearchBudget, Progress = progress }));
        var needs = search.Needs;
        if (search.CutAtNs is { } cut)
        {
            notes.Add($"The delay search kept to the capture's first {search.Packets:N0} packets of the shaped devices (to {Formatting.Time(cut)}), to hold memory at {SearchBudget * 16L / 1_000_000} MB; the defences themselves were simulated on the whole capture.");
        }

        if (scoped)
        {
            notes.Add($"Padding shapes {sensors.Count} of {trace.HomeDevices.Count()} devices: phones, laptops and media players are left out, their downloads would set the whole home's rate (paper 002 §8).");
        }

        var needed = needs[^1].Up is { } up ? Nice(Math.Max(up, needs[^1].Down ?? 0)) : (double?)null;
        var homeRate = needed ?? 10_000;

        // Padding both ways at a rate costs twice the rate all month, each 512-byte slot with the tunnel's 60 bytes,
        // besides what the unshaped devices send: beyond the data cap it is no option, and simulating it slot by
        // slot would take minutes. The most the cap affords is tried instead.
        var seconds = Math.Max(1, ((trace.LastNs ?? 0) - (trace.FirstNs ?? 0)) / 1e9);
        var unshaped = trace.HomeDevices.Where(d => !sensors.Contains(d.Mac)).Sum(d => d.BytesUp + d.BytesDown) / seconds;
        var budget = (input.Cost.CapBytes / (30 * 86_400.0)) - (unshaped * 1.05);
        var affordable = Math.Max(1000, Math.Floor(budget / 2 * 512 / 572 / 1000) * 1000);
        var capped = homeRate > affordable;
        homeRate = Math.Min(homeRate, affordable);
        if (capped)
        {
            notes.Add(needed is { } n
                ? $"The devices need {Units.FormatRate(n)} of padding to stay within their delay tolerances; the data cap affords {Units.FormatRate(affordable)}, so that was tried."
                : $"No padding rate the search tried keeps every device within its delay tolerance; the data cap affords {Units.FormatRate(affordable)}, so that was tried.");
        }

        var rate = Units.FormatRate(homeRate).Replace(" ", string.Empty, StringComparison.Ordinal);
        var scope = scoped ? ",devices=" + string.Join(";", sensors.Order()) : string.Empty;
        Terminal.Progress("the attacks on the undefended traffic");
        var baseline = DefenceExperiment.Baseline(input);
        var tried = new (string Name, string Spec)[]
        {
            ("DNS and SNI concealed", "conceal-dns:sni=true"),
            ("VPN tunnel", "tunnel"),
            ("Tunnel + stochastic padding", "tunnel+stp:q=0.1" + scope),
            ($"Tunnel + constant rate at {rate}{(scoped ? " (sensors only)" : string.Empty)}{(capped ? " (the most the data cap affords; devices need more)" : string.Empty)}", $"tunnel+constant:rate={rate}{scope}"),
            ($"Tunnel + VIT around {rate}{(scoped ? " (sensors only)" : string.Empty)}{(capped ? " (the most the data cap affords)" : string.Empty)}", $"tunnel+vit:rate={rate}{scope}"),
        };

        // Pass 3: every defence in one read of the capture.
        var experiments = TraceLoader.Pass($"simulating {tried.Length} defences", paths, progress => DefenceExperiment.RunMany(input, tried.Select(t => DefenceSpec.Parse(t.Spec)).ToArray(), baseline, progress));
        Terminal.Progress("scored the defences");
        var results = new List<(AuditDefence Row, double Cost, DefencePlan Plan)>();
        // A defence of the sensors only is judged on what it sets out to hide: their activities (people's own
        // screens stay visible, and the row says so); rates and names are the whole home's either way.
        var shapedTruth = truth.Where(t => t.Macs.Overlaps(sensors)).ToArray();
        var margin = input.Privacy.Margin;
        foreach (var ((label, spec), r) in tried.Zip(experiments))
        {
            var a = r.After;
            AuditScoped? only = null;
            if (r.Plan.ShaperScope.Devices is not null || r.Plan.InjectionScope.Devices is not null)
            {
                var s = PrivacyEvaluation.Score(r.Simulation.View, trace, labels, shapedTruth, input.Privacy);
                only = new AuditScoped(sensors.Count, s.F1, s.ChanceF1, a.Accuracy <= a.AccuracyChance + margin && a.NameAccuracy <= a.NameChance + margin && s.F1 <= s.ChanceF1 + margin);
            }

            var works = (only?.Effective ?? a.AtChance(margin)) && r.Broken.Count == 0;
            results.Add((new AuditDefence(label, spec, r.Cost.OverheadBytesPerSecond / 1e3, r.Cost.OverheadGbPerMonth, r.Cost.CapShare, r.Cost.MoneyOverCap, r.Cost.DelayMean, r.Cost.DelayMax, r.Broken.Select(name).ToArray(), a.Accuracy, a.AccuracyChance, a.NameAccuracy, a.NameChance, a.F1, a.ChanceF1, a.AtChance(margin), works) { Scoped = only }, r.Cost.OverheadBytes, r.Plan));
        }

        var rows = new List<AuditDefence>
        {
            new("No defence", "none", 0, 0, 0, 0, 0, 0, [], baseline.Accuracy, baseline.AccuracyChance, baseline.NameAccuracy, baseline.NameChance, baseline.F1, baseline.ChanceF1, baseline.AtChance(margin), baseline.AtChance(margin)),
        };
        rows.AddRange(results.Select(r => r.Row));
        // The cheapest defence that works; `blinds shape` deploys padding, so when the cheapest is stochastic padding
        // (which copies each device's own activity as cover: the live shaper does not do that) the cheapest padding
        // is recommended and the other named.
        var usable = results.Where(r => r.Row.Usable && r.Row.CapShare <= 1).OrderBy(r => r.Cost).ToList();
        var best = usable.FirstOrDefault(r => r.Plan.Injection is null || !usable.Any(u => u.Plan.Shaper is not null));
        if (usable.Count > 0 && usable[0].Plan != best.Plan)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{usable[0].Row.Name} hides this home for less ({usable[0].Row.OverheadKbPerSecond:0.0} KB/s extra) in simulation, but `blinds shape` cannot deploy it yet: it copies each device's own activity periods as cover."));
        }

        AuditRecommendation? recommendation = null;
        if (best.Row is not null)
        {
            var why = best.Row.Scoped is { } sc
                ? string.Create(CultureInfo.InvariantCulture, $"the cheapest defence tried that hides the {sc.Devices} smart-home devices (rates and names at chance, their activities found with F1 {sc.ActivityF1:0.00} against {sc.ActivityChanceF1:0.00} by chance), keeps every device within its delay tolerance and the month within the data cap: {best.Row.OverheadKbPerSecond:0.0} KB/s extra, {best.Row.GbPerMonth:0.0} GB a month. People's phones, laptops and TVs are left as they are: over the whole home the activity F1 is {best.Row.ActivityF1:0.00}.")
                : string.Create(CultureInfo.InvariantCulture, $"the cheapest defence tried that leaves every attack within 5 points of chance, every device within its delay tolerance and the month within the data cap: {best.Row.OverheadKbPerSecond:0.0} KB/s extra, {best.Row.GbPerMonth:0.0} GB a month.");
            recommendation = best.Plan.Shaper is { } shaper
                ? new AuditRecommendation(
                    best.Row.Name,
                    why + " Deploy it on the VPN tunnel's interface, and `blinds shape endpoint` on the endpoint for the download direction.",
                    $"blinds shape up --dev tun0 --rate {rate} --mode {(shaper.Spread > 0 ? "vit" : "constant")}" + (scoped ? $" --devices {string.Join(",", sensors.Order())} --lan-dev br0" : string.Empty))
                : new AuditRecommendation(
                    best.Row.Name,
                    why + (best.Plan.Injection is not null
                        ? " `blinds shape` cannot deploy stochastic padding yet (it copies each device's own activity periods as cover); none of the padding the live shaper does was usable here."
                        : best.Plan.Tunnel is not null
                            ? " Deploy it as a VPN (WireGuard) from the gateway: no shaping needed."
                            : " Deploy it as encrypted DNS (DoH or DoT) and TLS Encrypted Client Hello on the devices or the gateway's resolver."),
                    null);
        }

        return (rows, recommendation);
    }

    // Round a rate up to two significant figures, as a person would set it.
    private static double Nice(double bytesPerSecond)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(bytesPerSecond)) - 1);
        return Math.Ceiling(bytesPerSecond / magnitude) * magnitude;
    }
}
