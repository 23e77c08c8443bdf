using Blinds.Attacks.Leaks;

namespace Blinds.Reports.Identify;

/// <summary>What `blinds identify` found, as data: its JSON output is exactly this, its tables present it.</summary>
/// <param name="Observer">lan, wifi or isp.</param>
/// <param name="Notes">What the observer's view left out or could not see.</param>
/// <param name="Entities">One per station (LAN, Wi-Fi) or stream (ISP).</param>
/// <param name="Score">Identification scored against the labels, when labels were given.</param>
/// <param name="Linked">MAC addresses that belong to one device (LAN only).</param>
/// <param name="Leaks">Local leaks, credentials redacted unless asked (LAN only).</param>
public sealed record IdentifyModel(
    string Observer,
    IReadOnlyList<string> Notes,
    IReadOnlyList<IdentifiedEntity> Entities,
    IdentifyScore? Score,
    IReadOnlyList<IdentifyLinked> Linked,
    IReadOnlyList<IdentifyLeak> Leaks);

/// <summary>What the observer concludes about one entity.</summary>
/// <param name="Id">The entity: a MAC, or device and remote address.</param>
/// <param name="Mac">Its MAC, when the observer sees one.</param>
/// <param name="Remote">Its remote address (ISP streams).</param>
/// <param name="Truth">The label from the labels file, when given.</param>
/// <param name="Label">The best signature label, or null.</param>
/// <param name="Tied">Every label the evidence cannot split, <paramref name="Label"/> first.</param>
/// <param name="Kind">The label's device kind, when the signatures say.</param>
/// <param name="Confidence">The label's share of the score, rounded to 3 places.</param>
/// <param name="Vendor">The MAC's OUI vendor.</param>
/// <param name="Evidence">Facts used, in plain words.</param>
/// <param name="Names">Up to 20 names it asked for, in order.</param>
/// <param name="DhcpHostNames">DHCP host names.</param>
/// <param name="DhcpVendorClasses">DHCP vendor classes.</param>
/// <param name="DhcpParameterLists">DHCP parameter request lists.</param>
/// <param name="Bytes">Bytes the observer saw for it.</param>
public sealed record IdentifiedEntity(
    string Id,
    string? Mac,
    string? Remote,
    string? Truth,
    string? Label,
    IReadOnlyList<string> Tied,
    string? Kind,
    double Confidence,
    string? Vendor,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<string> Names,
    IReadOnlyList<string> DhcpHostNames,
    IReadOnlyList<string> DhcpVendorClasses,
    IReadOnlyList<string> DhcpParameterLists,
    long Bytes)
{
    /// <summary>When the device is "unknown" (below the open-set threshold), the labels it came closest to; empty otherwise.</summary>
    public IReadOnlyList<string> Guess { get; init; } = [];

    /// <summary>The label as people read it: "A | B" for tied labels.</summary>
    public string? Shown() => Tied.Count > 1 ? string.Join(" | ", Tied) : Label;
}

/// <summary>Identification against labels.</summary>
/// <param name="Labels">Label names by class index.</param>
/// <param name="Windows">Windows per label.</param>
/// <param name="SilentWindowsLeftOut">Windows without traffic, left out of the rate attack.</param>
/// <param name="Rates">The rate attack, when there were enough windows.</param>
/// <param name="Names">The name attack, when the observer sees names.</param>
public sealed record IdentifyScore(
    IReadOnlyList<string> Labels,
    IReadOnlyDictionary<string, int> Windows,
    int SilentWindowsLeftOut,
    IdentifyRateScore? Rates,
    IdentifyNameScore? Names);

/// <summary>The rate attack: k-NN over rate windows, stratified cross-validation.</summary>
/// <param name="WindowSeconds">Window length w.</param>
/// <param name="SampleSeconds">Sample length s.</param>
/// <param name="K">Neighbours.</param>
/// <param name="Accuracy">Accuracy.</param>
/// <param name="Ci95">95% interval over folds.</param>
/// <param name="Chance">Chance accuracy.</param>
/// <param name="Samples">Windows scored.</param>
/// <param name="Folds">Folds.</param>
/// <param name="ConfusionLabels">Label of each confusion row and column.</param>
/// <param name="Confusion">Rows: truth; columns: predicted.</param>
public sealed record IdentifyRateScore(
    int WindowSeconds,
    int SampleSeconds,
    int K,
    double Accuracy,
    IReadOnlyList<double> Ci95,
    double Chance,
    int Samples,
    int Folds,
    IReadOnlyList<string> ConfusionLabels,
    IReadOnlyList<int[]> Confusion);

/// <summary>The name attack, each labelled entity left out in turn.</summary>
/// <param name="Accuracy">Correct / evaluated.</param>
/// <param name="Ci95">95% Wilson interval.</param>
/// <param name="Chance">Share of the most common label.</param>
/// <param name="Evaluated">Entities scored.</param>
/// <param name="Correct">Of those, right.</param>
/// <param name="Unlearnable">Entities that are the only one of their device.</param>
public sealed record IdentifyNameScore(double Accuracy, IReadOnlyList<double> Ci95, double Chance, int Evaluated, int Correct, int Unlearnable);

/// <summary>MAC addresses that belong to one device.</summary>
/// <param name="Macs">The addresses.</param>
/// <param name="Evidence">Why.</param>
/// <param name="Confidence">How sure.</param>
public sealed record IdentifyLinked(IReadOnlyList<string> Macs, IReadOnlyList<string> Evidence, double Confidence);

/// <summary>A local leak.</summary>
/// <param name="Device">The device's MAC.</param>
/// <param name="Kind">What leaked.</param>
/// <param name="Evidence">What was seen, redacted unless asked.</param>
/// <param name="Count">How often.</param>
public sealed record IdentifyLeak(string Device, LeakKind Kind, string Evidence, long Count);
