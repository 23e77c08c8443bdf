using Blinds.Reports.Summary;

namespace Blinds.Reports.Audit;

/// <summary>Everything `blinds audit` found, as data: report.json is exactly this, report.html presents it.</summary>
/// <param name="Summary">What is in the captures (as `blinds summary`).</param>
/// <param name="Devices">Per device: what identifies it and what each observer can tell.</param>
/// <param name="Activities">Inferred activities (LAN observer).</param>
/// <param name="Scores">Attacks against the labels, when labels were given.</param>
/// <param name="Leaks">Local leaks, credentials redacted.</param>
/// <param name="Defences">Defences side by side.</param>
/// <param name="Recommendation">The defence to deploy, if one works.</param>
/// <param name="Hourly">Bytes per hour of day (paper 003's daily view).</param>
/// <param name="Services">Bytes by service and remote name.</param>
/// <param name="Protocols">Bytes by protocol and port (paper 003's protocol view).</param>
/// <param name="Notes">How the audit chose what it tried, and where it kept to part of the capture.</param>
public sealed record AuditModel(
    SummaryModel Summary,
    IReadOnlyList<AuditDevice> Devices,
    IReadOnlyList<AuditActivity> Activities,
    AuditScores? Scores,
    IReadOnlyList<AuditLeak> Leaks,
    IReadOnlyList<AuditDefence> Defences,
    AuditRecommendation? Recommendation,
    IReadOnlyList<AuditHour> Hourly,
    IReadOnlyList<AuditService> Services,
    IReadOnlyList<AuditProtocol> Protocols,
    IReadOnlyList<string> Notes);

/// <summary>One device as the audit sees it.</summary>
/// <param name="Mac">MAC.</param>
/// <param name="Name">Name from the devices file, or the DHCP host name.</param>
/// <param name="Vendor">OUI vendor.</param>
/// <param name="Label">Best signature label.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Confidence">Signature score.</param>
/// <param name="Names">DNS/SNI/mDNS names it uses (first 8).</param>
/// <param name="BytesUp">Bytes to the internet.</param>
/// <param name="BytesDown">Bytes from it.</param>
/// <param name="BytesLocal">Bytes to and from other devices of the home (paper 003: internal traffic).</param>
/// <param name="Lan">What anyone on the LAN tells about it.</param>
/// <param name="Isp">What the ISP tells.</param>
/// <param name="Wifi">What a Wi-Fi eavesdropper tells.</param>
public sealed record AuditDevice(string Mac, string Name, string? Vendor, string? Label, string? Kind, double Confidence, IReadOnlyList<string> Names, long BytesUp, long BytesDown, long BytesLocal, string Lan, string Isp, string Wifi);

/// <summary>An inferred activity.</summary>
/// <param name="Time">Start (ISO 8601 UTC).</param>
/// <param name="Device">Device name.</param>
/// <param name="Activity">toggle, motion, ...</param>
/// <param name="Seconds">Length.</param>
/// <param name="Confidence">0..1.</param>
public sealed record AuditActivity(string Time, string Device, string Activity, double Seconds, double Confidence);

/// <summary>Attack scores against ground truth, each beside chance.</summary>
/// <param name="Identification">Rate k-NN per observer.</param>
/// <param name="ActivityF1">Activity detection F1 (LAN).</param>
/// <param name="ActivityChanceRecall">Recall of random detections.</param>
/// <param name="NamedRight">Share of matched activities named right.</param>
/// <param name="Grid">Paper 002 Fig. 4: LAN rate identification for each window w and sample s (k = 3).</param>
public sealed record AuditScores(IReadOnlyList<AuditIdentification> Identification, double? ActivityF1, double? ActivityChanceRecall, double? NamedRight, IReadOnlyList<AuditGridCell> Grid);

/// <summary>One cell of the w × s table.</summary>
/// <param name="WindowSeconds">w.</param>
/// <param name="SampleSeconds">s.</param>
/// <param name="Accuracy">10-fold cross-validated accuracy.</param>
/// <param name="Chance">Majority class.</param>
public sealed record AuditGridCell(int WindowSeconds, int SampleSeconds, double Accuracy, double Chance);

/// <summary>Rate identification by one observer.</summary>
/// <param name="Observer">lan, isp or wifi.</param>
/// <param name="Accuracy">Cross-validated accuracy.</param>
/// <param name="Low">95% interval over folds, lower end.</param>
/// <param name="High">Upper end.</param>
/// <param name="Chance">Majority class.</param>
public sealed record AuditIdentification(string Observer, double Accuracy, double Low, double High, double Chance);

/// <summary>A local leak.</summary>
/// <param name="Device">Device.</param>
/// <param name="Kind">What.</param>
/// <param name="Evidence">Redacted evidence.</param>
/// <param name="Count">How often.</param>
public sealed record AuditLeak(string Device, string Kind, string Evidence, long Count);

/// <summary>One defence's cost and the privacy it leaves (ISP observer).</summary>
/// <param name="Name">In words.</param>
/// <param name="Spec">As `blinds simulate --defence` takes it.</param>
/// <param name="OverheadKbPerSecond">Extra traffic.</param>
/// <param name="GbPerMonth">Extra traffic a month.</param>
/// <param name="CapShare">All traffic a month over the data cap.</param>
/// <param name="MoneyOverCap">Money over the cap a month.</param>
/// <param name="DelayMean">Added delay, mean, seconds.</param>
/// <param name="DelayMax">Added delay, worst, seconds.</param>
/// <param name="Broken">Devices whose delays exceed their kind's tolerance.</param>
/// <param name="Identification">Rate identification after.</param>
/// <param name="IdentificationChance">Its chance.</param>
/// <param name="Names">Name identification after.</param>
/// <param name="NamesChance">Its chance.</param>
/// <param name="ActivityF1">Activity F1 after.</param>
/// <param name="ActivityChanceF1">Its chance.</param>
/// <param name="Effective">All attacks within 5 points of chance.</param>
/// <param name="Usable">Effective (for a defence of chosen devices: for those devices) and nothing broken.</param>
public sealed record AuditDefence(string Name, string Spec, double OverheadKbPerSecond, double GbPerMonth, double CapShare, double MoneyOverCap, double DelayMean, double DelayMax, IReadOnlyList<string> Broken, double Identification, double IdentificationChance, double Names, double NamesChance, double ActivityF1, double ActivityChanceF1, bool Effective, bool Usable)
{
    /// <summary>For a defence of chosen devices only: the attacks on those devices' activities; null otherwise.</summary>
    public AuditScoped? Scoped { get; init; }
}

/// <summary>What to deploy.</summary>
/// <param name="Defence">The defence's name.</param>
/// <param name="Why">In words.</param>
/// <param name="Command">The exact `blinds shape` command; null when `blinds shape` does not deploy it (Why says how).</param>
public sealed record AuditRecommendation(string Defence, string Why, string? Command);

/// <summary>Bytes in one hour of the day (UTC), all captures folded onto one day.</summary>
/// <param name="Hour">0..23.</param>
/// <param name="BytesUp">Up.</param>
/// <param name="BytesDown">Down.</param>
public sealed record AuditHour(int Hour, long BytesUp, long BytesDown);

/// <summary>Bytes to one remote service ("tcp/443 devs.tplinkcloud.com").</summary>
/// <param name="Service">Protocol, port and name.</param>
/// <param name="Bytes">Bytes both ways.</param>
/// <param name="Devices">Devices using it.</param>
public sealed record AuditService(string Service, long Bytes, int Devices);
