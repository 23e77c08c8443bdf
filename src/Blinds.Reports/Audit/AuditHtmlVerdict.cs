using System.Globalization;
using System.Net;

namespace Blinds.Reports.Audit;

/// <summary>The page's opening (the verdict and the settings behind it) and its closing glossary and references.</summary>
public static class AuditHtmlVerdict
{
    /// <summary>Writes the verdict box and the settings echo.</summary>
    public static void Write(AuditVerdict verdict, AuditSettingsEcho? settings, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteLine($"<section id=\"verdict\"><h2>In short</h2><p>{Text(verdict.Summary)}</p><dl>");
        foreach (var o in verdict.Observers)
        {
            w.WriteLine($"<dt>{Text(char.ToUpperInvariant(o.Who[0]) + o.Who[1..])}</dt><dd>{Text(o.Words)}");
            if (o.Routines.Count > 0)
            {
                // A home-wide score is the same for every routine: said once above the list, not on every line.
                var shared = o.Routines.Select(r => r.Sure).Distinct(StringComparer.Ordinal).Count() == 1 ? o.Routines[0].Sure : null;
                if (shared is not null)
                {
                    w.WriteLine($"<p class=\"sure\">How sure: {Text(shared)}.</p>");
                }

                w.WriteLine("<ul>");
                foreach (var r in o.Routines.Take(8))
                {
                    var sure = shared is null ? "; " + Text(r.Sure) : string.Empty;
                    w.WriteLine($"<li>{Text(r.Device)}: {Text(r.Words)}, {r.Count} time{(r.Count == 1 ? string.Empty : "s")} (at {Text(string.Join(", ", r.Times))}{(r.Count > r.Times.Count && r.Times.Count == 4 ? ", ..." : string.Empty)}){sure}</li>");
                }

                if (o.Routines.Count > 8)
                {
                    w.WriteLine($"<li>and {o.Routines.Count - 8} more (report.json lists them all)</li>");
                }

                w.WriteLine("</ul>");
            }

            w.WriteLine("</dd>");
        }

        w.WriteLine("</dl>");
        if (verdict.Recommended is { } r2)
        {
            var rates = r2.UpRate > 0 || r2.DownRate > 0 ? $", padding {Units(r2.UpRate)} up and {Units(r2.DownRate)} down" : string.Empty;
            w.WriteLine($"<h3>What to do</h3><p><strong>{Text(r2.Defence)}</strong>{Text(rates)}: {r2.GbPerMonth.ToString("0.#", CultureInfo.InvariantCulture)} GB a month, {(r2.MoneyPerMonth > 0 ? "$" + r2.MoneyPerMonth.ToString("0", CultureInfo.InvariantCulture) + " a month over the data cap" : "no extra money (within the data cap)")}; {(r2.Breaks.Count == 0 ? "nothing breaks" : "it slows " + Text(string.Join(", ", r2.Breaks)) + " beyond what they work with")}.</p><p>{Text(r2.Why)}</p><p>What it leaves: {Text(r2.PrivacyLeft.Words)}</p>");
            if (r2.Command is not null)
            {
                w.WriteLine($"<p>On the gateway, as root: <code>{Text(r2.Command)}</code></p>");
            }
        }

        if (verdict.IfTooMuch.Length > 0)
        {
            w.WriteLine($"<p><em>If that is too much:</em> {Text(verdict.IfTooMuch)}</p>");
        }

        if (settings is { } s)
        {
            var budget = s.BudgetGbPerMonth < 0 ? "no limit" : s.BudgetGbPerMonth.ToString("0.#", CultureInfo.InvariantCulture) + " GB a month" + (s.BudgetMoneyPerMonth is { } m ? $" (${m.ToString("0.##", CultureInfo.InvariantCulture)})" : string.Empty);
            w.WriteLine($"<p><small>Weighed against: budget {Text(budget)} ({Text(s.BudgetSource)}); data cap {s.CapGb.ToString("0.#", CultureInfo.InvariantCulture)} GB, ${s.PricePerBlock.ToString("0.##", CultureInfo.InvariantCulture)} per {s.BlockGb.ToString("0.#", CultureInfo.InvariantCulture)} GB over it; uplink {s.UplinkKbPerSecond.ToString("0", CultureInfo.InvariantCulture)} KB/s; clock {Text(s.TimeZone)}; delay tolerances: {Text(s.Tolerances)}{(s.SettingsFile is null ? string.Empty : "; settings file " + Text(s.SettingsFile))}. Change them with --budget, --cap, --price, --uplink, --tz, --tolerance or --settings.</small></p>");
        }

        w.WriteLine("</section>");
    }

    /// <summary>Writes the glossary and the papers the report follows, cited in full.</summary>
    public static void WriteGlossary(TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteLine("""
            <h2 id="glossary">Words used here</h2><dl>
            <dt>Observer</dt><dd>Someone who sees the home's traffic but not its content: the ISP (outside the router, after address translation), a Wi-Fi neighbour (radio frames without the key), anyone on the LAN (every packet's headers).</dd>
            <dt>Chance, guessing</dt><dd>What an attack gets with no information: always naming the commonest device, or marking random moments as activities. An attack "at chance" learns nothing.</dd>
            <dt>Rate identification</dt><dd>Naming a device from how much it sends and when: a k-nearest-neighbours classifier (k = 3) on the mean and spread of 10-second samples in 5-minute windows (paper 002 Fig. 3 and 4).</dd>
            <dt>F1</dt><dd>One number for how well activities are found: it is high only when most true activities are found and few detections are false (0 = nothing right, 1 = perfect).</dd>
            <dt>Window and sample (w × s)</dt><dd>How many seconds of traffic the rate attack looks at (the window) and how many seconds it adds up per point (the sample).</dd>
            <dt>VPN tunnel</dt><dd>All traffic leaves the home encrypted to one server: the ISP no longer sees which services each device talks to, only when and how much the home as a whole sends.</dd>
            <dt>Padding (constant rate)</dt><dd>The gateway sends fixed-size packets at a fixed rate, filling gaps with cover: the ISP sees the same flat line whatever happens inside (paper 002 §7).</dd>
            <dt>VIT (variable interval timing)</dt><dd>Padding whose rate changes at random every few seconds, independently of the traffic.</dd>
            <dt>Stochastic padding (STP)</dt><dd>Cover bursts copied from the devices' own activity, sent at random times, so real activity hides among fake ones.</dd>
            <dt>Delay tolerance</dt><dd>How much added delay a device still works with (paper 002 Fig. 9); a defence "breaks" a device when it delays it more.</dd>
            </dl>
            <h2 id="references">Papers</h2><ol>
            <li>[000] N. Apthorpe, D. Reisman, N. Feamster. "A Smart Home is No Castle: Privacy Vulnerabilities of Encrypted IoT Traffic". Princeton University, arXiv:1705.06805, 2017.</li>
            <li>[002] N. Apthorpe, D. Reisman, S. Sundaresan, A. Narayanan, N. Feamster. "Spying on the Smart Home: Privacy Attacks and Defenses on Encrypted IoT Traffic". Princeton University, arXiv:1708.05044, 2017.</li>
            <li>[003] Y. Amar, H. Haddadi, R. Mortier, A. Brown, J. Colley, A. Crabtree. "An Analysis of Home IoT Network Traffic and Behaviour". arXiv:1803.05368, 2018.</li>
            <li>[004] N. Apthorpe, D. Reisman, N. Feamster. "Closing the Blinds: Four Strategies for Protecting Smart Home Privacy from Network Observers". arXiv:1705.06809, 2017.</li>
            </ol>
            """);
    }

    private static string Units(double bytesPerSecond) => Defences.Specs.Units.FormatRate(bytesPerSecond);

    private static string Text(string s) => WebUtility.HtmlEncode(s);
}
