namespace Blinds.Reports.Batch;

/// <summary>One home in the lake's summary table (homes.parquet; docs/scale.md). Figures are 0 for a home that failed.</summary>
/// <param name="Home">The home's folder name.</param>
/// <param name="Status">ok, or failed (see <paramref name="Error"/>).</param>
/// <param name="Error">Why it failed, one line; null when it did not.</param>
/// <param name="Captures">Capture files read.</param>
/// <param name="Packets">Packets in them.</param>
/// <param name="Days">Day partitions its rows fill (UTC dates).</param>
/// <param name="Devices">Stations of the home (the gateway left out).</param>
/// <param name="IspIdentifies">Devices the ISP can name (the audit's verdict).</param>
/// <param name="WifiIdentifies">Devices a Wi-Fi neighbour can name.</param>
/// <param name="LanIdentifies">Devices anyone on the LAN can name.</param>
/// <param name="Flooded">The LAN was flooded with stations (a MAC flood).</param>
/// <param name="Recommended">The recommended defence as `blinds simulate --defence` takes it; null when none is recommended.</param>
/// <param name="GbPerMonth">Its extra data a month (0 without one).</param>
/// <param name="MoneyPerMonth">Its extra money a month (0 without one).</param>
/// <param name="WithinBudget">Its cost is within the budget (false without one).</param>
/// <param name="Warnings">Damage met while reading (cut or corrupt captures, stray time stamps), one line each, joined by "; "; null when none.</param>
public sealed record BatchHomeRow(
    string Home,
    string Status,
    string? Error,
    long Captures,
    long Packets,
    long Days,
    long Devices,
    long IspIdentifies,
    long WifiIdentifies,
    long LanIdentifies,
    bool Flooded,
    string? Recommended,
    double GbPerMonth,
    double MoneyPerMonth,
    bool WithinBudget,
    string? Warnings)
{
    /// <summary>The row of a home that could not be audited.</summary>
    public static BatchHomeRow Failed(string home, long captures, string error) => new(home, "failed", error, captures, 0, 0, 0, 0, 0, 0, false, null, 0, 0, false, null);
}

/// <summary>One device an observer can name in one home (identified.parquet): the audit verdict's lists, across homes.</summary>
/// <param name="Home">The home.</param>
/// <param name="Observer">isp, wifi or lan.</param>
/// <param name="Device">The device's name in the home's report.</param>
/// <param name="Kind">What it is (camera, plug, ...).</param>
/// <param name="How">How the observer tells.</param>
public sealed record BatchIdentifiedRow(string Home, string Observer, string Device, string Kind, string How);
