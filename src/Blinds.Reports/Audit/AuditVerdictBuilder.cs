using System.Globalization;

using Blinds.Attacks.Activity;
using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;

namespace Blinds.Reports.Audit;

/// <summary>The report's opening: per observer what it can name and infer, and the one thing to do, in plain words.</summary>
public static class AuditVerdictBuilder
{
    private const int MaxTimes = 4;

    /// <summary>Builds the verdict from the audit's findings.</summary>
    public static AuditVerdict Build(AuditInput input, IReadOnlyList<AuditDevice> devices, IReadOnlyList<InferredActivity> lanActivities, Func<MacAddress, string> name, IReadOnlyDictionary<MacAddress, DeviceKind> kinds, IReadOnlyDictionary<MacAddress, EntityIdentity> lanIdentities, ObserverView isp, AuditScores? scores, AuditDefenceResult defences)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(lanActivities);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(lanIdentities);
        ArgumentNullException.ThrowIfNull(isp);
        ArgumentNullException.ThrowIfNull(defences);
        var zone = input.Settings.TimeZone;
        var trace = input.Trace;

        // The LAN reads every device's own names and DHCP facts: a device is named when its kind is known.
        var lanIds = trace.HomeDevices.Where(d => kinds.ContainsKey(d.Mac)).Select(d =>
        {
            var id = lanIdentities.GetValueOrDefault(d.Mac);
            var how = id?.Label is not null && id.Kind == kinds[d.Mac]
                ? "the names it looks up match a known signature"
                : d.DhcpHostNames.Values.Count > 0 ? "its DHCP host name and the names it looks up" : "the names it uses and its maker";
            return new AuditIdentified(name(d.Mac), KindWords.Of(kinds[d.Mac]), how);
        }).ToArray();

        // The ISP names a device when one of its streams carries a DNS or SNI name a signature knows.
        var ispIdentities = DeviceIdentifier.Identify(isp, NameSignatures.Papers(), null);
        // A stream whose signature is another kind's (a phone's Hue app reaching meethue.com) misleads the ISP rather
        // than informs it: only matches of the device's own kind count.
        var ispIds = ispIdentities.Where(i => i.Label is not null && (kinds.GetValueOrDefault(i.Entity.Device) is var k && (k == DeviceKind.Unknown || k == i.Kind))).GroupBy(i => i.Entity.Device)
            .Select(g => new AuditIdentified(name(g.Key), KindWords.Of(kinds.GetValueOrDefault(g.Key) is var known and not DeviceKind.Unknown ? known : g.First().Kind), $"the service names it contacts ({string.Join(", ", g.SelectMany(i => i.Entity.Names.Names).Distinct().Take(2))})"))
            .ToArray();

        // A Wi-Fi neighbour reads MAC addresses (the maker, unless randomised) and frame sizes and times.
        var wifiIds = devices.Where(d => d.Vendor is not null).Select(d => (Row: d, Mac: MacAddress.Parse(d.Mac)))
            .Where(d => !d.Mac.IsLocallyAdministered && kinds.ContainsKey(d.Mac))
            .Select(d => new AuditIdentified(d.Row.Name, KindWords.Of(kinds[d.Mac]), $"its maker ({d.Row.Vendor}) from its MAC address, and its traffic's rhythm"))
            .ToArray();

        var lanF1 = scores?.ActivityF1;
        var lanChance = scores?.ActivityChanceRecall;
        var lanRoutines = Routines(lanActivities, name, zone, lanF1, lanChance);
        var ispF1 = defences.Baseline.ActivityF1;
        // The ISP runs the same inference on what it sees: each stream's rates (its F1 is scored with the defences).
        var ispRoutines = Routines(Defences.Evaluation.ViewActivities.Infer(isp, e => kinds.GetValueOrDefault(e.Device)), name, zone, input.Labels is null ? null : ispF1, input.Labels is null ? null : defences.Baseline.ActivityChanceF1);
        var wifiRoutines = Routines(Defences.Evaluation.ViewActivities.Infer(Attacks.Observers.Observer.Project(trace, ObserverKind.Wifi), e => kinds.GetValueOrDefault(e.Device)), name, zone, null, null);

        var observers = new List<AuditObserverVerdict> { Observer("isp", "your internet provider (and anyone on its network)", ispIds, ispRoutines, defences.Baseline) };
        var ispSays = string.Create(CultureInfo.InvariantCulture, $"your internet provider can name {ispIds.Length} of {devices.Count} devices{(ispRoutines.Length > 0 ? $" and tell when {string.Join(", ", ispRoutines.Select(x => x.Device).Distinct().Take(4))} are used" : string.Empty)}");
        string opening;
        if (input.FlowRecords)
        {
            // Flow records hold no frame of the home network: the neighbour and the LAN are not judged, not "names none".
            const string NotMeasured = " is not measured: flow records hold no frame of the home network.";
            observers.Add(new AuditObserverVerdict("wifi", "a neighbour listening to your Wi-Fi without the password", [], [], "What a neighbour listening to your Wi-Fi learns" + NotMeasured));
            observers.Add(new AuditObserverVerdict("lan", "anyone or anything on your home network (a guest's phone, a compromised device)", [], [], "What anyone on your home network learns" + NotMeasured));
            opening = $"From the flow records alone (times, addresses and byte counts), {ispSays}; what a Wi-Fi neighbour or the LAN learns is not in flow records. ";
        }
        else
        {
            observers.Add(Observer("wifi", "a neighbour listening to your Wi-Fi without the password", wifiIds, wifiRoutines, null));
            observers.Add(Observer("lan", "anyone or anything on your home network (a guest's phone, a compromised device)", lanIds, lanRoutines, null));
            var routineDevices = lanRoutines.Select(x => x.Device).Distinct().Take(4).ToArray();
            opening = string.Create(CultureInfo.InvariantCulture, $"From traffic alone, without reading any content, {ispSays}; a Wi-Fi neighbour can name {wifiIds.Length}; anyone on your network can name {lanIds.Length} and tell when {(routineDevices.Length > 0 ? string.Join(", ", routineDevices) : "nothing")} {(routineDevices.Length > 0 ? "are used" : "is used")}. ");
        }

        var r = defences.Recommended;
        var summary = opening
            + (r is null
                ? defences.Rows.Count > 0 && defences.Rows[0].Verdict.StartsWith("nothing", StringComparison.Ordinal)
                    ? "Nothing detected, so nothing to hide: no defence is needed."
                    : "No defence tried fits the budget."
                : string.Create(CultureInfo.InvariantCulture, $"Recommended: {r.Defence}, {r.GbPerMonth:0.#} GB a month{(r.MoneyPerMonth > 0 ? $" (${r.MoneyPerMonth:0} over the data cap)" : " (no extra money: within the data cap)")}{(r.Breaks.Count > 0 ? $"; it slows {string.Join(", ", r.Breaks)}" : "; nothing breaks")}."));
        return new AuditVerdict(summary, observers, r, defences.IfTooMuch);
    }

    private static AuditObserverVerdict Observer(string observer, string who, AuditIdentified[] ids, AuditRoutine[] routines, AuditPrivacyLeft? isp)
    {
        var named = ids.Length == 0 ? "names no device" : $"names {ids.Length} device{(ids.Length == 1 ? string.Empty : "s")} ({string.Join(", ", ids.Take(6).Select(i => $"{i.Device}: {i.Kind}"))}{(ids.Length > 6 ? ", ..." : string.Empty)})";
        var infers = routines.Length == 0 ? "infers no routine" : $"infers {routines.Length} routine{(routines.Length == 1 ? string.Empty : "s")} ({string.Join("; ", routines.Take(4).Select(r => $"{r.Device}: {r.Words}"))}{(routines.Length > 4 ? "; ..." : string.Empty)})";
        var extra = isp is null ? string.Empty : $" {isp.Words}";
        return new AuditObserverVerdict(observer, who, ids, routines, $"{char.ToUpperInvariant(who[0])}{who[1..]} {named} and {infers}.{extra}");
    }

    private static AuditRoutine[] Routines(IReadOnlyList<InferredActivity> activities, Func<MacAddress, string> name, TimeZoneInfo zone, double? f1, double? chance) =>
        activities.Where(a => a.Named.Activity != ActivityKind.Startup)
            .GroupBy(a => (Device: name(a.Entity.Device), a.Named.Activity))
            .OrderBy(g => g.Key.Device, StringComparer.Ordinal).ThenBy(g => g.Key.Activity.Text(), StringComparer.Ordinal)
            .Select(g =>
            {
                // Distinct clock times: three detections in one minute read as one moment, not "08:53, 08:53, 08:53".
                var times = g.OrderBy(a => a.StartNs).Select(a => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddTicks(a.StartNs / 100), zone).ToString("HH:mm", CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal).Take(MaxTimes).ToArray();
                var confidence = g.Average(a => a.Named.Confidence);
                var sure = f1 is { } s
                    ? string.Create(CultureInfo.InvariantCulture, $"{Sureness(s)}: over the home this attack finds activities with F1 {s:0.00}, guessing {chance ?? 0:0.00}")
                    : string.Create(CultureInfo.InvariantCulture, $"{Sureness(confidence)}: the bursts match this kind of device's pattern with confidence {confidence:0.00} (no labels to score against)");
                return new AuditRoutine(g.Key.Device, g.Key.Activity.Text(), KindWords.Activity(g.Key.Activity), g.Count(), times, sure, f1, chance);
            }).ToArray();

    private static string Sureness(double score) => score switch
    {
        >= 0.8 => "almost certainly",
        >= 0.6 => "probably",
        >= 0.4 => "possibly",
        _ => "weakly",
    };
}
