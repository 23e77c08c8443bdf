using Blinds.Attacks.Activity;
using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Leaks;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Reports.Summary;
using Blinds.Traffic.Series;

namespace Blinds.Reports.Audit;

/// <summary>
/// The audit as a library call: from a trace and the user's settings to the typed <see cref="AuditModel"/> (what
/// report.json holds) and its pictures. `blinds audit` binds options to <see cref="AuditInput"/> and renders.
/// </summary>
public static class AuditBuilder
{
    /// <summary>The version of report.json's shape (docs/report.schema.json); raised when a field is renamed or removed.</summary>
    public const int SchemaVersion = 2;

    /// <summary>Runs every attack and defence on <paramref name="input"/>.</summary>
    public static AuditReport Build(AuditInput input, IAuditProgress progress)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(progress);
        var trace = input.Trace;
        var labels = input.Labels;
        var zone = input.Settings.TimeZone;
        progress.Step("identifying devices and activities");
        var oui = OuiDatabase.For(trace.Devices.Select(d => d.Mac));
        var signatures = NameSignatures.Papers();
        var lan = Observer.Project(trace, ObserverKind.Lan);
        var isp = Observer.Project(trace, ObserverKind.Isp);
        var identities = DeviceIdentifier.Identify(lan, signatures, oui).ToDictionary(i => i.Entity.Device);
        var kinds = DeviceKinds.Of(input.Types, identities.Values, trace);

        string Name(MacAddress m) => labels?.GetValueOrDefault(m) ?? (trace.FindDevice(m)?.DhcpHostNames.Values is { Count: > 0 } hosts ? hosts[0] : m.ToString());
        var inferred = Defences.Evaluation.ViewActivities.Infer(lan, e => kinds.GetValueOrDefault(e.Device));
        var activities = inferred.Select(a => new AuditActivity(Formatting.Time(a.StartNs), Name(a.Entity.Device), a.Named.Activity.Text(), (a.Named.Event.EndNs - a.Named.Event.StartNs) / 1e9, Math.Round(a.Named.Confidence, 3))).ToArray();
        var ispStreams = isp.Entities.GroupBy(e => e.Device).ToDictionary(g => g.Key, g => g.ToArray());
        var deviceRows = trace.HomeDevices.Select(d =>
        {
            var id = identities[d.Mac];
            var kind = kinds.GetValueOrDefault(d.Mac);
            var streams = ispStreams.GetValueOrDefault(d.Mac) ?? [];
            var named = streams.Where(s => !s.Names.IsEmpty).Select(s => s.Names.Names.First()).Distinct().Take(3).ToArray();
            return new AuditDevice(d.Mac.ToString(), Name(d.Mac), id.Vendor, id.Label, kind.TextOrNull(), Math.Round(id.Confidence, 3), DeviceNames.Of(d).Names.Order(StringComparer.Ordinal).Take(8).ToArray(), d.BytesUp, d.BytesDown, d.BytesLocal, LanTells(id, kind), IspTells(streams.Length, named), WifiTells(d.Mac, id.Vendor));
        }).ToArray();

        AuditScores? scores = null;
        if (labels is not null)
        {
            progress.Step("scoring the attacks against the labels");
            var identification = new List<AuditIdentification>();
            foreach (var kind in new[] { ObserverKind.Lan, ObserverKind.Isp, ObserverKind.Wifi })
            {
                if (ViewEvaluation.Evaluate(Observer.Project(trace, kind), labels).Rates is { } cv)
                {
                    identification.Add(new AuditIdentification(kind.ToString().ToLowerInvariant(), cv.Accuracy, cv.Low, cv.High, cv.Chance));
                }
            }

            DeviceActivityScore? homeScore = null;
            if (input.Events is { } labelled)
            {
                homeScore = ActivityScore.Score(inferred, labelled, labels, TimeSpan.FromSeconds(10), (trace.LastNs ?? 0) - (trace.FirstNs ?? 0)).Single(s => s.Device == "home");
            }

            progress.Step("paper 002 Fig. 4: 16 windows and samples");
            var grid = RateFingerprintGrid.Evaluate(trace, labels, [60, 120, 300, 600], [1, 5, 10, 30], [3])
                .Select(c => new AuditGridCell(c.WindowSeconds, c.SampleSeconds, c.Result.Accuracy, c.Result.Chance)).ToArray();
            scores = new AuditScores(identification, homeScore?.Events.F1, homeScore?.Events.ChanceRecall, homeScore?.NamingAccuracy, grid);
        }

        progress.Step("looking for local leaks");
        var leaks = LeakFinder.Find(trace, showSecrets: false).Select(l => new AuditLeak(Name(l.Device), System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(l.Kind.ToString()), l.Evidence, l.Count)).ToArray();

        progress.Step("trying the defences");
        var notes = new List<string>();
        if (input.FlowRecords)
        {
            notes.Add("Read from flow records (NetFlow/IPFIX or Zeek logs): the ISP's view at the flows' resolution, each flow replayed as evenly spaced packets of its mean size. Flow records hold no frame of the home network, so what a Wi-Fi neighbour or anyone on the LAN learns is not measured here; devices are the flows' home addresses (with the MACs where the exporter sent them).");
        }

        if (trace.Flooded)
        {
            var beyond = trace.Anomalies.Count(Traffic.TraceBuilder.DeviceTableFull);
            notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The LAN was flooded: {trace.StationsSeen:N0} stations sent frames{(beyond > 0 ? $" and {beyond:N0} frames came from stations beyond the {trace.StationsSeen:N0} tracked" : string.Empty)}: a MAC flood, or a host changing its MAC per frame. Only the {trace.HomeDevices.Count():N0} that sent most are analysed below, and their results are mostly that noise."));
        }

        var defences = AuditDefences.Run(input, kinds, Name, notes, progress);

        // The defended views (a series as long as the capture for each defence) are garbage now: the heap shrinks by
        // their size, and a compacting collection gives the memory back before the report is drawn, so the drawing's
        // own allocations do not stack on it (on 22 days the peak RSS was reached here).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        var hourly = Enumerable.Range(0, 24).Select(h => new AuditHour(h, 0, 0)).ToArray();
        var timeline = new SortedDictionary<long, (long Up, long Down)>();
        foreach (var d in trace.HomeDevices.Where(d => d.Rates is not null))
        {
            foreach (var b in d.Rates!.Bins)
            {
                var ns = d.Rates.OriginNs + (b.Index * d.Rates.BinNs);
                var hourStart = ns / 3_600_000_000_000L * 3_600_000_000_000L;
                var hour = LocalHour(ns, zone);
                hourly[hour] = hourly[hour] with { BytesUp = hourly[hour].BytesUp + b.BytesUp, BytesDown = hourly[hour].BytesDown + b.BytesDown };
                var t = timeline.GetValueOrDefault(hourStart);
                timeline[hourStart] = (t.Up + b.BytesUp, t.Down + b.BytesDown);
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
        var localProtocols = trace.LocalProtocols.Select(p => new AuditLocalProtocol(p.Protocol, AuditProtocol.NameOf(p.Protocol), p.Bytes, p.Packets)).ToArray();

        var verdict = AuditVerdictBuilder.Build(input, deviceRows, inferred, Name, kinds, identities, isp, scores, defences);
        var model = new AuditModel(SummaryBuilder.Build(trace, oui), deviceRows, activities, scores, leaks, defences.Rows, defences.Recommendation, hourly, services, protocols, notes)
        {
            SchemaVersion = SchemaVersion,
            Settings = defences.Settings,
            Verdict = verdict,
            Timeline = timeline.Select(kv => new AuditTimelineHour(Formatting.Time(kv.Key), kv.Value.Up, kv.Value.Down)).ToArray(),
            LocalProtocols = localProtocols,
        };

        progress.Step("drawing");
        var plots = new List<AuditFigure>();
        foreach (var d in trace.HomeDevices.Where(d => d.Rates is not null).OrderByDescending(d => d.BytesUp + d.BytesDown).Take(8))
        {
            var marks = inferred.Where(a => a.Entity.Device == d.Mac).Select(a => (a.StartNs, a.Named.Activity));
            plots.Add(new AuditFigure($"{Name(d.Mac)}: internet traffic per minute, sent and received, on the home's clock ({zone.Id}); each dashed line is an activity the LAN observer inferred, named in the legend. Values past the top of the axis are clipped and marked with a triangle.", AuditPlots.Rates(Name(d.Mac), d.Rates!, marks, zone)));
        }

        plots.Add(new AuditFigure("Paper 002 Fig. 3 on this home: every device's 5-minute windows placed by how much they send on average (across) and how much that varies (up). Each device keeps to its own cloud: that is why rates alone identify devices.", AuditPlots.Features(trace.HomeDevices.Where(d => d.Rates is not null).Select(d => (Name(d.Mac), (IReadOnlyList<double[]>)RateWindows.Features(d.Rates!, 10, 300))))));
        plots.Add(new AuditFigure($"The whole capture hour by hour on the home's clock ({zone.Id}): internet bytes sent and received.", AuditPlots.Timeline(model.Timeline, zone)));
        plots.Add(new AuditFigure($"Paper 003's daily view: internet bytes by hour of day on the home's clock ({zone.Id}), all days added up.", AuditPlots.Hourly(hourly, zone.Id)));
        var defencePlots = new List<AuditFigure>
        {
            new("What each defence costs against what it leaves: extra GB a month (across, log scale) against the ISP's activity attack (up; guessing scores near 0). The recommendation is ringed; the dashed line is the budget.", AuditPlots.Frontier(defences.Rows, defences.Settings.BudgetGbPerMonth, verdict.Recommended?.Spec)),
        };
        if (defences.Shaped is { } shaped)
        {
            defencePlots.Add(new($"Paper 002 Fig. 7 on this home: {Name(shaped.Device)}'s bytes each second around one of its activities ({Formatting.Time(shaped.ActivityNs)}), as the ISP sees them without a defence (its own stream) and with the recommended one ({shaped.Defence}; behind a tunnel the ISP sees one stream for the home), from the simulation above, on the home's clock ({zone.Id}).", AuditPlots.Shaped(Name(shaped.Device), shaped, zone)));
        }

        var bytePlots = new List<AuditFigure>
        {
            new("Paper 003: bytes by protocol and port, to and from the internet (a stream counts under the port it used most) and inside the home (mDNS, SSDP, DHCP and local APIs, which the LAN and a Wi-Fi neighbour see whatever the uplink hides).", AuditPlots.Protocols(protocols, localProtocols)),
            new("Paper 003: internal against external traffic, per device.", AuditPlots.Locality(deviceRows)),
        };
        return new AuditReport(model, plots, defencePlots, bytePlots);
    }

    /// <summary>The hour of day (0..23) of <paramref name="ns"/> on <paramref name="zone"/>'s clock.</summary>
    public static int LocalHour(long ns, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddTicks(ns / 100), zone).Hour;
    }

    /// <summary>"a" or "an" before <paramref name="word"/>, by its first letter (an Amazon, a TP-Link).</summary>
    public static string Article(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an " + word : "a " + word;
    }

    private static string LanTells(EntityIdentity id, DeviceKind kind)
    {
        // A signature match whose kind disagrees with what the device is (a phone whose names overlap an Echo's)
        // is shown as the weak hint it is, never as the device's identity.
        if (id.Label is not null && (kind == DeviceKind.Unknown || id.Kind == kind))
        {
            return $"it is {Article(id.Label)} ({id.Evidence.FirstOrDefault(e => e.Contains("names", StringComparison.Ordinal)) ?? "names"})";
        }

        var what = kind == DeviceKind.Unknown ? null : KindWords.Of(kind);
        return (id.Label, what, id.Vendor) switch
        {
            (not null, not null, _) => $"{Article(what)} (its DHCP or devices-file facts); its names partly overlap {Article(id.Label)}'s ({id.Confidence:0.00}), a weak hint",
            (null, not null, not null) => $"{Article(what)} made by {id.Vendor}",
            (null, not null, null) => Article(what),
            (_, null, not null) => $"{Article(id.Vendor)} device; its names match no signature",
            _ => "little: no vendor, no known names",
        };
    }

    private static string IspTells(int streams, string[] named) => streams == 0
        ? "nothing: no internet traffic"
        : named.Length > 0 ? $"{streams} streams, named {string.Join(", ", named)}; its rates" : $"{streams} unnamed streams; their rates";

    private static string WifiTells(MacAddress mac, string? vendor) => mac.IsLocallyAdministered
        ? "a randomised MAC and its frame sizes and times"
        : $"vendor {vendor ?? "unknown"} by MAC, frame sizes and times";
}
