using System.Globalization;

using Blinds.Attacks.Activity;
using Blinds.Attacks.Kinds;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;
using Blinds.Shaping;

namespace Blinds.Reports.Audit;

/// <summary>The defences the audit tried, the settings they were weighed against, and the one it recommends.</summary>
/// <param name="Rows">Every defence tried, no defence first.</param>
/// <param name="Recommendation">The legacy recommendation record (name, why, command).</param>
/// <param name="Recommended">The recommended action with its price and what it leaves; null when nothing needs hiding or nothing fits.</param>
/// <param name="Settings">The settings echoed.</param>
/// <param name="IfTooMuch">What to do if the recommendation costs or breaks too much.</param>
/// <param name="Baseline">The ISP's attacks on the undefended traffic.</param>
public sealed record AuditDefenceResult(IReadOnlyList<AuditDefence> Rows, AuditRecommendation? Recommendation, AuditRecommended? Recommended, AuditSettingsEcho Settings, string IfTooMuch, AuditPrivacyLeft Baseline)
{
    /// <summary>One leaking device's traffic before and after the recommended defence (paper 002 Fig. 7); null when none is recommended or no device leaks.</summary>
    public AuditShaped? Shaped { get; init; }
}

/// <summary>
/// What the ISP sees of one leaking device around one of its activities, unshaped and with the recommended defence,
/// from the simulation the audit ran (paper 002 Fig. 7).
/// </summary>
/// <param name="Device">The device.</param>
/// <param name="ActivityNs">When its activity happened.</param>
/// <param name="Before">Its own traffic, 1 s bins (what the ISP sees of it undefended).</param>
/// <param name="After">The stream the ISP sees it in with the defence (with a tunnel: the home's one stream).</param>
/// <param name="Defence">The defence's name.</param>
public sealed record AuditShaped(MacAddress Device, long ActivityNs, Blinds.Traffic.Series.RateSeries Before, Blinds.Traffic.Series.RateSeries After, string Defence);

/// <summary>
/// Chooses and simulates the defences a user would weigh, and picks the cheapest that brings the ISP's attacks to
/// chance within the user's budget, shaping only the devices whose activities show (issue 13).
/// </summary>
public static class AuditDefences
{
    // Packets the rate search holds (16 bytes each: 64 MB); the lab's home-24h (13 devices) sends 0.6 million a day.
    private const int SearchBudget = 4_000_000;
    private const double Month = 30 * 86_400;

    // Each 512-byte slot travels with the tunnel's 60 bytes of headers.
    private const double SlotOverhead = 572.0 / 512;

    /// <summary>Runs the defences on <paramref name="input"/>; <paramref name="notes"/> collects how they were chosen.</summary>
    public static AuditDefenceResult Run(AuditInput input, IReadOnlyDictionary<MacAddress, DeviceKind> kinds, Func<MacAddress, string> name, List<string> notes, IAuditProgress progress)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(progress);
        var trace = input.Trace;
        var settings = input.Settings;
        var labels = input.Labels;
        var truth = PrivacyEvaluation.Truth(trace, input.Events, labels);
        var experiment = new ExperimentInput(input.Paths, trace, labels, truth)
        {
            Kinds = kinds,
            Cost = settings.Cost,
            Tolerances = settings.Tolerances,
            Simulation = new SimulationOptions { HomeAddresses = input.HomeAddresses },
        };

        var seconds = Math.Max(1, ((trace.LastNs ?? 0) - (trace.FirstNs ?? 0)) / 1e9);
        var ownPerMonth = trace.HomeDevices.Sum(d => d.BytesUp + d.BytesDown) / seconds * Month;
        var budgetBytes = settings.BudgetBytesFor(ownPerMonth);
        var budgetGb = budgetBytes / 1e9;
        var echo = Echo(settings, budgetGb);

        // Phones, laptops and media players are people's own screens, not sensors: their downloads would set the
        // whole home's rate (megabytes a second), so padding covers the other devices (paper 002 §8: shape chosen
        // devices). Of those, only the devices whose activities show need it: nothing detected, nothing to hide.
        var screens = new HashSet<DeviceKind> { DeviceKind.Phone, DeviceKind.Laptop, DeviceKind.MediaPlayer };
        var sensors = trace.HomeDevices.Select(d => d.Mac).Where(m => !screens.Contains(kinds.GetValueOrDefault(m))).ToHashSet();
        var leaking = sensors.Where(m => truth.Any(t => t.Macs.Contains(m))).ToHashSet();
        var quiet = sensors.Except(leaking).Select(name).Order(StringComparer.Ordinal).ToArray();
        if (quiet.Length > 0)
        {
            notes.Add($"Not padded: {string.Join(", ", quiet)}. No activity of {(quiet.Length == 1 ? "it" : "theirs")} was detected, so there is nothing to hide.");
        }

        progress.Step("the attacks on the undefended traffic");
        var baseline = DefenceExperiment.Baseline(experiment);
        var margin = experiment.Privacy.Margin;
        // Every defence is built as the typed plan simulate runs and the shaper deploys; its text is only for display.
        var tunnel = DefencePlan.None.WithTunnel();
        var tried = new List<Candidate>
        {
            new("DNS and SNI concealed (encrypted DNS and Encrypted Client Hello)", DefencePlan.None with { ConcealDns = true, ConcealSni = true }, 0, 0, false),
            new("VPN tunnel (hides which services each device talks to, not when or how much the home sends)", tunnel, 0, 0, false),
        };
        double? needUp = null, needDown = null;
        if (leaking.Count > 0)
        {
            var scope = leaking.Count < trace.HomeDevices.Count() ? MacScope.Only(leaking) : MacScope.All;
            var who = scope.Devices is not null ? $" ({leaking.Count} devices)" : string.Empty;
            tried.Add(new($"VPN tunnel + random cover bursts (stochastic padding){who}", tunnel.WithInjection(new InjectionOptions { Timing = InjectionTiming.Stochastic, Q = 0.1 }, scope), 0, 0, false));

            // The rate the leaking devices need (002 Fig. 9 by search). It holds 16 bytes a packet, so on long
            // captures it keeps to the first SearchBudget packets and says so.
            var search = progress.Pass("finding the rate each device needs", input.Paths, p => RateSearch.Search(input.Paths, trace, kinds, settings.Tolerances, new RateSearchOptions { HomeAddresses = input.HomeAddresses, Only = leaking, MaxPackets = SearchBudget, Progress = p }));
            if (search.CutAtNs is { } cut)
            {
                notes.Add($"The delay search kept to the capture's first {search.Packets:N0} packets of the padded devices (to {Formatting.Time(cut)}), to hold memory at {SearchBudget * 16L / 1_000_000} MB; the defences themselves were simulated on the whole capture.");
            }

            var home = search.Needs[^1];
            needUp = home.Up is { } u ? Nice(u) : null;
            needDown = home.Down is { } d ? Nice(d) : null;

            // Each direction padded at its own need (a camera uploads, a TV downloads); the budget's rates keep the
            // needs' proportion.
            var (up, down) = (needUp ?? 0, needDown ?? 0);
            var need = up + down;
            var leakingOwn = trace.HomeDevices.Where(x => leaking.Contains(x.Mac)).Sum(x => x.BytesUp + x.BytesDown) / seconds;
            var affordable = ((budgetBytes / Month) + leakingOwn) / SlotOverhead * 0.97;
            var share = need > 0 ? up / need : 0.5;
            var (affordUp, affordDown) = (FloorNice(affordable * share), FloorNice(affordable * (1 - share)));
            affordable = affordUp + affordDown;
            var uplinkCap = settings.Cost.UploadBytesPerSecond / 2;
            if (up > 0 && down > 0 && up <= uplinkCap)
            {
                tried.Add(new($"VPN tunnel + constant-rate padding at {Units.FormatRate(up)} up, {Units.FormatRate(down)} down{who}", Padding(tunnel, up, down, vit: false, scope), up, down, true));

                // VIT costs what constant rate costs: over the budget, one row shows the price and saves a simulation.
                if (affordable >= need)
                {
                    tried.Add(new($"VPN tunnel + varying-rate padding (VIT) around {Units.FormatRate(up)} up, {Units.FormatRate(down)} down{who}", Padding(tunnel, up, down, vit: true, scope), up, down, true));
                }
            }
            else
            {
                notes.Add("No padding rate the search tried keeps every padded device within its delay tolerance.");
            }

            if ((need == 0 || affordable < need) && affordUp >= 100 && affordDown >= 100 && affordUp <= uplinkCap)
            {
                tried.Add(new($"VPN tunnel + constant-rate padding at {Units.FormatRate(affordUp)} up, {Units.FormatRate(affordDown)} down, the most the budget affords{who}", Padding(tunnel, affordUp, affordDown, vit: false, scope), affordUp, affordDown, true));

                // The other way to fit the budget: pad only the devices whose own needs it affords (the largest
                // needs, cameras' bursts, go first) at a rate they all work with; the rest stay visible.
                var own = search.Needs.Where(n => n.Mac is { } m && leaking.Contains(m)).ToDictionary(n => n.Mac!.Value, n => (Up: n.Up ?? double.PositiveInfinity, Down: n.Down ?? double.PositiveInfinity));
                var subset = leaking.OrderBy(m => own.TryGetValue(m, out var n) ? n.Up + n.Down : double.PositiveInfinity).ToList();
                while (subset.Count > 0)
                {
                    // Shaped together they need less than the sum of their own needs (paper 002), never more: the sum is safe.
                    var sum = subset.Sum(m => own.TryGetValue(m, out var n) ? Nice(n.Up) + Nice(n.Down) : double.PositiveInfinity);
                    var ownRate = trace.HomeDevices.Where(x => subset.Contains(x.Mac)).Sum(x => x.BytesUp + x.BytesDown) / seconds;
                    if (double.IsFinite(sum) && ((sum * SlotOverhead) - ownRate) * Month <= budgetBytes * 0.97)
                    {
                        break;
                    }

                    subset.RemoveAt(subset.Count - 1);
                }

                if (subset.Count > 0 && subset.Count < leaking.Count)
                {
                    var (pUp, pDown) = (Nice(subset.Sum(m => own[m].Up)), Nice(subset.Sum(m => own[m].Down)));
                    var left = leaking.Except(subset).Select(name).Order(StringComparer.Ordinal);
                    tried.Add(new($"VPN tunnel + constant-rate padding at {Units.FormatRate(pUp)} up, {Units.FormatRate(pDown)} down for {subset.Count} of the {leaking.Count} devices with activities ({string.Join(", ", left)} unpadded, in the same tunnel)", Padding(tunnel, pUp, pDown, vit: false, MacScope.Only(subset)), pUp, pDown, true) { Partial = true });
                }
            }
        }
        else
        {
            notes.Add("No activity was detected on any smart-home device, so there is nothing for padding to hide; only the cheap defences against naming were tried.");
        }

        // Every defence in one read of the capture.
        var plans = tried.Select(t => t.Plan).ToArray();
        var experiments = progress.Pass($"simulating {plans.Length} defences", input.Paths, p => DefenceExperiment.RunMany(experiment, plans, baseline, p));
        progress.Step("scored the defences");
        var shapedTruth = truth.Where(t => t.Macs.Overlaps(leaking)).ToArray();
        var nothingToFind = baseline.Truth == 0;
        var moneyNow = settings.MoneyFor(ownPerMonth);
        var scored = new List<Scored>();
        foreach (var (c, r) in tried.Zip(experiments))
        {
            var a = r.After;
            AuditScoped? only = null;
            if (r.Plan.ShaperScope.Devices is not null || r.Plan.InjectionScope.Devices is not null)
            {
                var s = PrivacyEvaluation.Rescore(r.After, r.Detections, trace, shapedTruth, experiment.Privacy);
                only = new AuditScoped(r.Plan.ShaperScope.Devices?.Count ?? r.Plan.InjectionScope.Devices?.Count ?? leaking.Count, s.F1, s.ChanceF1, a.Accuracy <= a.AccuracyChance + margin && a.NameAccuracy <= a.NameChance + margin && s.F1 <= s.ChanceF1 + margin);
            }

            var effective = only?.Effective ?? a.AtChance(margin);
            var works = effective && r.Broken.Count == 0;
            var within = r.Cost.OverheadGbPerMonth <= budgetGb + 1e-9;
            var money = settings.MoneyFor(ownPerMonth + (r.Cost.OverheadGbPerMonth * 1e9)) - moneyNow;
            var verdict = Verdict(nothingToFind, effective, works, within, c.Partial ? null : only, r.Broken.Count);
            if (c.Partial && effective && works && within)
            {
                // Measured, not assumed: the unpadded devices' bursts drown in the padded ones' cover inside one tunnel.
                verdict = $"hides all {leaking.Count} devices with activities: {only?.Devices ?? 0} padded, the others unpadded in the same tunnel";
            }

            var row = new AuditDefence(c.Label, c.Spec, r.Cost.OverheadBytesPerSecond / 1e3, r.Cost.OverheadGbPerMonth, r.Cost.CapShare, r.Cost.MoneyOverCap, r.Cost.DelayMean, r.Cost.DelayMax, r.Broken.Select(name).ToArray(), a.Accuracy, a.AccuracyChance, a.NameAccuracy, a.NameChance, a.F1, a.ChanceF1, a.AtChance(margin), works)
            {
                Scoped = only,
                WithinBudget = within,
                MoneyPerMonth = money,
                Verdict = verdict,
            };
            var left = Left(a, only, margin);
            scored.Add(new Scored(c, row, r, left, effective, within, money));
        }

        var noDefence = new AuditDefence("No defence", "none", 0, 0, 0, 0, 0, 0, [], baseline.Accuracy, baseline.AccuracyChance, baseline.NameAccuracy, baseline.NameChance, baseline.F1, baseline.ChanceF1, baseline.AtChance(margin), baseline.AtChance(margin))
        {
            WithinBudget = true,
            Verdict = nothingToFind && baseline.AtChance(margin) ? "nothing detected, so nothing to hide" : "leaks",
        };
        var rows = new List<AuditDefence> { noDefence };
        rows.AddRange(scored.Select(s => s.Row));
        var baselineLeft = Left(baseline, null, margin);

        var (chosen, why) = Choose(scored, baseline, margin, budgetGb, notes);
        AuditRecommended? recommended = null;
        AuditRecommendation? legacy = null;
        if (chosen is { } best)
        {
            // The command carries the very plan simulated, in its canonical spelling, for the cell path to read back.
            var decoys = best.Candidate.Plan.Injection is { Timing: InjectionTiming.Decoy };
            var commands = best.Candidate.Padded || decoys ? ShapeCommandLine.For(best.Candidate.Plan, HomeNetwork(input.HomeAddresses), decoys ? input.Paths[0] : null) : default((string Gateway, string Endpoint)?);
            var command = commands?.Gateway;
            var deploy = commands is { } c
                ? $" Deploy it with the cell path: `{c.Gateway}` on the gateway and `{c.Endpoint}` on the endpoint (a server outside the ISP's view; {best.Candidate.Plan.Endpoint} stands for its address), with the same 32-byte key on both (head -c 32 /dev/urandom > {ShapeCommandLine.KeyFile})."
                : best.Result.Plan.Injection is not null
                    ? " `blinds shape` cannot deploy stochastic padding yet (it copies each device's own activity periods as cover); a VPN (WireGuard) from the gateway is its first half."
                    : best.Result.Plan.Tunnel is not null
                        ? " Deploy it as a VPN (WireGuard) from the gateway: no shaping needed."
                        : " Deploy it as encrypted DNS (DoH or DoT) and TLS Encrypted Client Hello on the devices or the gateway's resolver.";
            recommended = new AuditRecommended(best.Row.Name, best.Row.Spec, best.Candidate.Up, best.Candidate.Down, best.Row.GbPerMonth, best.Money, best.Row.Broken, best.Left, best.WithinBudget, command, why + deploy) { Plan = best.Candidate.Plan };
            legacy = new AuditRecommendation(best.Row.Name, why + deploy, command);
        }

        var ifTooMuch = IfTooMuch(recommended, scored, needUp, needDown, leaking.Count, budgetGb);
        return new AuditDefenceResult(rows, legacy, recommended, echo, ifTooMuch, baselineLeft) { Shaped = chosen is { } c2 ? Shaped(trace, c2, shapedTruth) : null };
    }

    // The leaking device that sends the most (its bursts show), around one of its activities: its own series before, and the stream it
    // is seen in after (the most bytes among those it is part of).
    private static AuditShaped? Shaped(Blinds.Traffic.Trace trace, Scored chosen, IReadOnlyList<TruthEvent> truth)
    {
        var device = truth.SelectMany(t => t.Macs).Distinct().Select(trace.FindDevice).OfType<Blinds.Traffic.Devices.Device>()
            .Where(d => d.Rates is { BinNs: 1_000_000_000L }).OrderByDescending(d => d.BytesUp + d.BytesDown).ThenBy(d => d.Mac.ToString(), StringComparer.Ordinal)
            .Select(d => d.Mac).FirstOrDefault();
        var before = trace.FindDevice(device)?.Rates;
        var after = chosen.Result.Simulation.View.Entities.Where(e => e.Contributors.Contains(device) && e.Rates is not null)
            .OrderByDescending(e => e.Rates!.TotalBytes).Select(e => e.Rates).FirstOrDefault();
        if (before is null || after is null)
        {
            return null;
        }

        // An activity with five minutes of capture either side, so the picture shows the quiet around it (a device's
        // first activity is often its start-up, at the capture's first second); else its first.
        var mine = truth.Where(t => t.Macs.Contains(device)).Select(t => t.TimeNs).Order().ToArray();
        var at = mine.FirstOrDefault(t => t - 300_000_000_000L >= (trace.FirstNs ?? 0) && t + 300_000_000_000L <= (trace.LastNs ?? 0), mine[0]);
        return new AuditShaped(device, at, before, after, chosen.Row.Name);
    }

    // The cheapest that hides the home and keeps every device working within budget; else the cheapest that hides
    // it within budget, however many devices it slows (the verdict names them); else, within budget, the one
    // leaving least. Never one above the budget. Only what `blinds shape` can deploy is recommended when a
    // deployable option exists; a cheaper undeployable one is named in a note.
    private static (Scored?, string) Choose(List<Scored> scored, Defences.Evaluation.PrivacyScore baseline, double margin, double budgetGb, List<string> notes)
    {
        var budget = string.Create(CultureInfo.InvariantCulture, $"{budgetGb:0.#} GB a month");
        if (baseline.Truth == 0 && baseline.AtChance(margin))
        {
            return (null, string.Empty);
        }

        // Only what `blinds shape` deploys is recommended (issue 17): stochastic padding, which copies each device's
        // own activity periods as cover at random times, exists in simulation only, so it is named in a note instead;
        // decoys are deployed by the cell path (`--decoys-from` the capture audited).
        var within = scored.Where(s => s.WithinBudget).ToList();
        var works = within.Where(s => s.Effective && s.Row.Broken.Count == 0).OrderBy(s => s.Row.GbPerMonth).ToList();
        var deployable = works.FirstOrDefault(s => Deployable(s.Result.Plan));
        if (works.Count > 0 && works[0] != deployable)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{works[0].Row.Name} hides this home for less ({works[0].Row.GbPerMonth:0.#} GB a month) in simulation, but `blinds shape` cannot deploy it yet: it copies each device's own activity periods as cover."));
        }

        within = within.Where(s => Deployable(s.Result.Plan)).ToList();
        if (deployable is { } ok)
        {
            return (ok, string.Create(CultureInfo.InvariantCulture, $"The cheapest defence tried that brings the ISP's attacks to chance (guessing), keeps every device working and stays within the budget of {budget}: {ok.Row.GbPerMonth:0.#} GB a month."));
        }

        var hides = within.Where(s => s.Effective).OrderBy(s => s.Row.Broken.Count).ThenBy(s => s.Row.GbPerMonth).FirstOrDefault();
        if (hides is not null)
        {
            return (hides, string.Create(CultureInfo.InvariantCulture, $"Nothing tried both hides the home and keeps every device working within the budget of {budget}. This brings the ISP's attacks to chance for {hides.Row.GbPerMonth:0.#} GB a month, but delays {string.Join(", ", hides.Row.Broken)} beyond what {(hides.Row.Broken.Count == 1 ? "it works" : "they work")} with."));
        }

        var least = within.OrderBy(s => s.Excess).ThenBy(s => s.Row.GbPerMonth).FirstOrDefault();
        return least is null
            ? (null, string.Empty)
            : (least, string.Create(CultureInfo.InvariantCulture, $"No defence tried brings the ISP's attacks to chance within the budget of {budget}. This one, at {least.Row.GbPerMonth:0.#} GB a month, leaves the least: {least.Left.Words}"));
    }

    private static bool Deployable(DefencePlan plan) => plan.Injection is not { Timing: InjectionTiming.Stochastic };

    private static string IfTooMuch(AuditRecommended? recommended, List<Scored> scored, double? needUp, double? needDown, int leaking, double budgetGb)
    {
        var parts = new List<string>();
        var full = scored.Where(s => s.Candidate.Padded && s.Effective && s.Row.Broken.Count == 0).OrderBy(s => s.Row.GbPerMonth).FirstOrDefault();
        if (recommended is { Breaks.Count: > 0 } || (recommended is { } r && !r.PrivacyLeft.AtChance))
        {
            parts.Add(full is not null
                ? string.Create(CultureInfo.InvariantCulture, $"Keeping every device working needs {Units.FormatRate(full.Candidate.Up)} of padding up and {Units.FormatRate(full.Candidate.Down)} down: {full.Row.GbPerMonth:0.#} GB a month (audit again with --budget {Math.Ceiling(full.Row.GbPerMonth)}GB), or a larger delay tolerance (--tolerance 2x) if slower cameras and replies are acceptable.")
                : needUp is not null || needDown is not null
                    ? $"Keeping every device working needs about {Units.FormatRate(needUp ?? 0)} up and {Units.FormatRate(needDown ?? 0)} down of padding; a larger delay tolerance (--tolerance 2x) lowers it."
                    : "No padding rate tried keeps every device working; a larger delay tolerance (--tolerance 2x) may.");
        }

        var partial = scored.FirstOrDefault(s => s.Candidate.Partial && s.WithinBudget && s.Row.Broken.Count == 0);
        if (partial is not null && recommended is { Breaks.Count: > 0 })
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"To keep every device working within the budget instead: {partial.Row.Name}, {partial.Row.GbPerMonth:0.#} GB a month; it leaves {partial.Left.Words}"));
        }

        var tunnel = scored.FirstOrDefault(s => s.Row.Spec == "tunnel");
        if (tunnel is not null && recommended?.Spec != "tunnel")
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"If {(recommended is null ? "padding" : "that")} is too much: a VPN tunnel alone costs {tunnel.Row.GbPerMonth:0.#} GB a month and hides which services each device talks to (the ISP sees one encrypted stream), but not when the home is busy. With it, {char.ToLowerInvariant(tunnel.Left.Words[0])}{tunnel.Left.Words[1..]}"));
        }

        var conceal = scored.FirstOrDefault(s => s.Row.Spec.StartsWith("conceal-dns", StringComparison.Ordinal));
        if (conceal is not null)
        {
            parts.Add("Encrypted DNS with Encrypted Client Hello costs nothing and hides the names devices look up, but not their traffic's rhythm.");
        }

        if (leaking == 0)
        {
            parts.Insert(0, "Nothing detected, so nothing to hide: no smart-home device's activity showed in its traffic.");
        }

        _ = budgetGb;
        return string.Join(" ", parts);
    }

    private static string Verdict(bool nothingToFind, bool effective, bool works, bool within, AuditScoped? only, int broken) =>
        (nothingToFind, effective, works, within) switch
        {
            (true, true, _, _) => "nothing detected, so nothing to hide",
            (_, _, true, false) => "hides the home, but over budget",
            (_, _, true, true) => only is null ? "works" : $"hides the {only.Devices} smart-home devices with activities; phones, laptops and TVs stay visible",
            (_, true, false, _) => $"hides, but slows {broken} device{(broken == 1 ? string.Empty : "s")} beyond what {(broken == 1 ? "it works" : "they work")} with",
            _ => "leaks",
        };

    private static AuditPrivacyLeft Left(Defences.Evaluation.PrivacyScore a, AuditScoped? only, double margin)
    {
        var f1 = only?.ActivityF1 ?? a.F1;
        var chanceF1 = only?.ActivityChanceF1 ?? a.ChanceF1;
        var atChance = only?.Effective ?? a.AtChance(margin);
        var words = string.Create(CultureInfo.InvariantCulture, $"the ISP names the device behind {a.Accuracy * 100:0}% of traffic windows by rate (guessing: {a.AccuracyChance * 100:0}%), labels {a.NameAccuracy * 100:0}% of streams by name (guessing: {a.NameChance * 100:0}%) and finds activities with F1 {f1:0.00} (guessing: {chanceF1:0.00}; 1 is every activity found and none made up)");
        return new AuditPrivacyLeft(a.Accuracy, a.AccuracyChance, a.NameAccuracy, a.NameChance, f1, chanceF1, atChance, (atChance ? "At chance: " : "Above chance: ") + words + ".");
    }

    private static AuditSettingsEcho Echo(AuditSettings s, double budgetGb)
    {
        var source = s.BudgetBytes is not null ? "--budget" : s.BudgetMoney is not null ? "--budget (money: the data-cap blocks it buys)" : "default: a tenth of the data cap (paper 002 weighs 104 GB against a 1 TB cap)";
        return new AuditSettingsEcho(double.IsInfinity(budgetGb) ? -1 : budgetGb, s.BudgetMoney, source, s.Cost.CapBytes / 1e9, s.Cost.PricePerBlock, s.Cost.BlockBytes / 1e9, s.Cost.UploadBytesPerSecond / 1e3, s.TimeZone.Id, s.TolerancesSource, s.SettingsFile);
    }

    // Round a rate up to two significant figures, as a person would set it.
    private static double Nice(double bytesPerSecond)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, bytesPerSecond))) - 1);
        return Math.Ceiling(bytesPerSecond / magnitude) * magnitude;
    }

    // Round down to two significant figures: a budget's rate never rounds above what it affords.
    private static double FloorNice(double bytesPerSecond)
    {
        if (bytesPerSecond < 1)
        {
            return 0;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(bytesPerSecond)) - 1);
        return Math.Floor(bytesPerSecond / magnitude) * magnitude;
    }

    // Padding each way at its own rate inside the tunnel, over the chosen devices.
    private static DefencePlan Padding(DefencePlan tunnel, double up, double down, bool vit, MacScope scope) =>
        tunnel.WithShaper(new ShaperOptions { UpBytesPerSecond = up, DownBytesPerSecond = down, Spread = vit ? 0.5 : 0 }, scope);

    // The home's prefix for the endpoint's route back: the /24 holding every home IPv4 address seen, else the usual one.
    private static string HomeNetwork(IReadOnlySet<IpAddress>? home)
    {
        var v4 = home?.Where(a => a.IsV4).Select(a => a.ToString().Split('.')).Select(o => $"{o[0]}.{o[1]}.{o[2]}.0/24").Distinct().ToArray() ?? [];
        return v4.Length == 1 ? v4[0] : "192.168.1.0/24";
    }

    private sealed record Candidate(string Label, DefencePlan Plan, double Up, double Down, bool Padded)
    {
        // The canonical text: what the report shows and `blinds simulate --defence` reads back as the same plan.
        public string Spec => DefenceSpec.Format(Plan);

        // Pads only part of the devices whose activities show: it cannot bring the ISP to chance, only keep devices working.
        public bool Partial { get; init; }
    }

    private sealed record Scored(Candidate Candidate, AuditDefence Row, ExperimentResult Result, AuditPrivacyLeft Left, bool Effective, bool WithinBudget, double Money)
    {
        // How far above guessing the attacks stay, summed: the smaller, the less the defence leaves.
        public double Excess => Math.Max(0, Left.Identification - Left.IdentificationChance) + Math.Max(0, Left.Names - Left.NamesChance) + Math.Max(0, Left.ActivityF1 - Left.ActivityChanceF1);
    }
}
