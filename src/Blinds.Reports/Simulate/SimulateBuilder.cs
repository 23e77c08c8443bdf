using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Records;
using Blinds.Traffic.Series;

namespace Blinds.Reports.Simulate;

/// <summary>`blinds simulate` as a library call: one defence on a capture, its cost and what an observer's attacks still get.</summary>
public static class SimulateBuilder
{
    /// <summary>
    /// What a defence at the gateway leaves to the LAN and to a neighbour's radio: stated with every local result
    /// because it is physics, not a measurement.
    /// </summary>
    public const string LocalPhysics = "the defence runs at the gateway: shaping, padding, a VPN tunnel and cover change only what leaves the home; the link between each station and the access point carries the station's own frames as before";

    /// <summary>Runs <paramref name="plan"/> on <paramref name="input"/> and scores the attacks of <paramref name="observer"/> before and after.</summary>
    public static SimulateModel Build(ExperimentInput input, DefencePlan plan, ObserverKind observer = ObserverKind.Isp)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(plan);
        if (observer == ObserverKind.Isp)
        {
            var r = DefenceExperiment.Run(input, plan, DefenceExperiment.Baseline(input));
            return Model(r, input, "isp", r.Simulation.View.Notes, r.Before, r.After, null);
        }

        // The LAN and the radio: the attacker learns each station from its own undefended view, then watches the
        // defended one. Only what a block rule drops at the gateway leaves the link: the replies never come, so the
        // connections they belonged to never carry the station's data either.
        var before = Observer.Project(input.Original, observer);
        var removed = plan.Block is { } block ? Blocked(input, block) : new Dictionary<MacAddress, RateSeries>();
        var after = Observer.ProjectLocal(input.Original, observer, removed);
        var undefended = PrivacyEvaluation.Score(before, input.Original, input.Labels, input.Truth, input.Privacy, before);
        var defended = PrivacyEvaluation.Score(after, input.Original, input.Labels, input.Truth, input.Privacy, before);
        var run = DefenceExperiment.Run(input, plan, undefended);
        var notes = new List<string>(after.Notes) { LocalPhysics };
        notes.Add(plan.Block is null
            ? "nothing is blocked, so this observer sees exactly what it saw undefended"
            : "blocking takes the blocked traffic off the link both ways: the gateway drops the replies, so those connections never carry the station's data (the few frames of its unanswered attempts are not modelled)");
        var stations = before.Entities.Zip(after.Entities, (b, a) => new SimulateStation(
            b.Id,
            input.Labels?.GetValueOrDefault(b.Device),
            Packets(b.Rates),
            b.Rates?.TotalBytes ?? 0,
            Packets(a.Rates),
            a.Rates?.TotalBytes ?? 0)).ToArray();
        return Model(run, input, observer.ToString().ToLowerInvariant(), notes, undefended, defended, stations);
    }

    private static long Packets(RateSeries? rates)
    {
        long n = 0;
        if (rates is not null)
        {
            foreach (ref readonly var b in rates.Bins)
            {
                n += b.PacketsUp + b.PacketsDown;
            }
        }

        return n;
    }

    // The packets the block rule drops, per station (what the simulator's block stage drops, by the same rule: the
    // device, a remote address, or a name that resolved to it).
    private static Dictionary<MacAddress, RateSeries> Blocked(ExperimentInput input, BlockRules block)
    {
        var addresses = new HashSet<IpAddress>(block.Addresses);
        foreach (var (address, name) in input.Original.AddressNames.Concat(input.Original.SniNames))
        {
            if (block.Domains.Any(d => name.Equals(d, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)))
            {
                addresses.Add(address);
            }
        }

        var sink = new DroppedReplies(input.Original, block.Devices, addresses);
        TraceBuilder.ReadFiles(input.Paths, new TraceOptions { HomeAddresses = input.Simulation.HomeAddresses }, sink);
        return sink.Removed;
    }

    private static SimulateModel Model(ExperimentResult r, ExperimentInput input, string observer, IReadOnlyList<string> notes, PrivacyScore before, PrivacyScore after, IReadOnlyList<SimulateStation>? stations)
    {
        var margin = input.Privacy.Margin;
        var effective = after.AtChance(margin);
        var c = r.Cost;
        string? Name(MacAddress m) => input.Labels?.GetValueOrDefault(m);
        return new SimulateModel(
            r.Plan.ToString(),
            DefenceShaper.Of(r.Plan),
            observer,
            notes,
            new SimulatePrivacy(Scores(before), Scores(after), effective, margin),
            r.Broken.Select(m => new SimulateBroken(m.ToString(), Name(m), input.Kinds.GetValueOrDefault(m).TextOrNull(), input.Tolerances.For(input.Kinds.GetValueOrDefault(m)))).ToArray(),
            effective && r.Broken.Count == 0,
            new SimulateCost(
                c.Seconds, c.RealBytes, c.ObservedBytes, c.BlockedBytes, c.DroppedBytes, c.TunnelBytes, c.PaddingBytes, c.CoverBytes, c.InjectedBytes, c.OverheadBytes,
                c.OverheadBytesPerSecond / 1e3, c.OverheadUpBytesPerSecond / 1e3, c.OverheadDownBytesPerSecond / 1e3, c.OverheadGbPerMonth, c.MonthlyGb, c.CapShare, c.MoneyOverCap, c.UploadShare,
                new SimulateDelay(c.DelayMean, c.DelayP95, c.DelayMax), c.MaxQueueBytes, c.MaxQueuePackets, c.Drops,
                c.Devices.Select(d => new SimulateDeviceCost(
                    d.Mac.ToString(), Name(d.Mac), d.RealBytes, d.BlockedBytes, d.TunnelBytes, d.PaddingBytes, d.InjectedBytes,
                    d.OverheadBytesPerSecond / 1e3, d.OverheadUpBytesPerSecond / 1e3, d.OverheadDownBytesPerSecond / 1e3, new SimulateDelay(d.DelayMean, d.DelayP95, d.DelayMax), d.Drops)).ToArray()),
            r.Simulation.InjectedPeriods,
            r.Lost.Select(l => new SimulateBlocked(l.Mac.ToString(), Name(l.Mac), l.Kind.TextOrNull(), l.BlockedShare, l.Functionality, l.Description)).ToArray(),
            input.Functions.Source)
        {
            Stations = stations,
        };
    }

    private static SimulateScores Scores(PrivacyScore p) => new(
        new SimulateIdentification(p.Accuracy, [p.AccuracyLow, p.AccuracyHigh], p.AccuracyChance, p.Windows),
        new SimulateNames(p.NameAccuracy, p.NameChance, p.Streams),
        new SimulateActivities(p.Truth, p.Detected, p.Matched, p.Precision, p.Recall, p.F1, p.ChanceRecall, p.ChanceF1));

    // A station's internet traffic that the block rule drops at the gateway, both ways, in 1 s bins on the trace's grid.
    private sealed class DroppedReplies(Trace original, IReadOnlySet<MacAddress> devices, HashSet<IpAddress> addresses) : PacketSink
    {
        private readonly HashSet<MacAddress> home = original.HomeDevices.Select(d => d.Mac).ToHashSet();
        private readonly long origin = original.HomeDevices.Select(d => d.FrameRates?.OriginNs ?? d.Rates?.OriginNs).FirstOrDefault(o => o.HasValue) ?? 0;

        public Dictionary<MacAddress, RateSeries> Removed { get; } = [];

        public override void OnPacket(in PacketRow row)
        {
            var up = row.Direction == Direction.Up;
            if (!(up || row.Direction == Direction.Down) || !home.Contains(row.Device) || !(devices.Contains(row.Device) || addresses.Contains(up ? row.DestinationIp : row.SourceIp)) || row.TimeNs < origin)
            {
                return;
            }

            if (!Removed.TryGetValue(row.Device, out var s))
            {
                s = new RateSeries(origin, 1_000_000_000L);
                Removed[row.Device] = s;
            }

            s.Add(row.TimeNs, row.WireLength, up);
        }
    }
}
