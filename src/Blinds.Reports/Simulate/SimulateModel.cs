using System.Text.Json.Serialization;

namespace Blinds.Reports.Simulate;

/// <summary>What `blinds simulate` measured, as data: its JSON output is exactly this, its tables present it.</summary>
/// <param name="Defence">The defence, canonical.</param>
/// <param name="Shaper">Its padding, if any.</param>
/// <param name="Observer">isp, lan or wifi: whose view the attacks were run on.</param>
/// <param name="Notes">What the views assumed.</param>
/// <param name="Privacy">The attacks before and after, beside chance.</param>
/// <param name="Broken">Devices delayed past their kind's tolerance or dropped.</param>
/// <param name="Usable">Effective and breaks nothing.</param>
/// <param name="Cost">What the defence costs.</param>
/// <param name="InjectedPeriods">Cover activity periods injected.</param>
/// <param name="Blocked">Devices a block rule touched, with what they lose.</param>
/// <param name="FunctionTable">Where the loss of function comes from.</param>
public sealed record SimulateModel(
    string Defence,
    DefenceShaper? Shaper,
    string Observer,
    IReadOnlyList<string> Notes,
    SimulatePrivacy Privacy,
    IReadOnlyList<SimulateBroken> Broken,
    bool Usable,
    SimulateCost Cost,
    int InjectedPeriods,
    IReadOnlyList<SimulateBlocked> Blocked,
    string FunctionTable)
{
    /// <summary>The LAN and Wi-Fi observers only: what each station's link carried before and after the defence.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SimulateStation>? Stations { get; init; }
}

/// <summary>The attacks on the undefended and the defended view.</summary>
/// <param name="Undefended">Before.</param>
/// <param name="Defended">After.</param>
/// <param name="Effective">Every attack within the margin of chance after the defence.</param>
/// <param name="Margin">The margin.</param>
public sealed record SimulatePrivacy(SimulateScores Undefended, SimulateScores Defended, bool Effective, double Margin);

/// <summary>The three attacks on one view.</summary>
/// <param name="Identification">Rate identification by k-NN.</param>
/// <param name="Names">Identification by DNS/SNI names.</param>
/// <param name="Activities">Activity detection.</param>
public sealed record SimulateScores(SimulateIdentification Identification, SimulateNames Names, SimulateActivities Activities);

/// <summary>Rate identification.</summary>
/// <param name="Accuracy">Share of windows attributed right.</param>
/// <param name="Ci95">95% Wilson interval.</param>
/// <param name="Chance">Always naming the commonest device.</param>
/// <param name="Windows">Windows classified.</param>
public sealed record SimulateIdentification(double Accuracy, IReadOnlyList<double> Ci95, double Chance, int Windows);

/// <summary>Identification by names.</summary>
/// <param name="Accuracy">Share of entities named right.</param>
/// <param name="Chance">Always naming the commonest device.</param>
/// <param name="Streams">Entities scored.</param>
public sealed record SimulateNames(double Accuracy, double Chance, int Streams);

/// <summary>Activity detection against the true activities.</summary>
/// <param name="Truth">True activities.</param>
/// <param name="Detected">Bursts found.</param>
/// <param name="Matched">Bursts near a true activity.</param>
/// <param name="Precision">Matched / detected.</param>
/// <param name="Recall">Matched / true.</param>
/// <param name="F1">Their harmonic mean.</param>
/// <param name="ChanceRecall">Recall of as many random bursts.</param>
/// <param name="ChanceF1">F1 of as many random bursts.</param>
public sealed record SimulateActivities(int Truth, int Detected, int Matched, double Precision, double Recall, double F1, double ChanceRecall, double ChanceF1);

/// <summary>A device the defence breaks.</summary>
/// <param name="Mac">Its MAC.</param>
/// <param name="Name">Its label.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Tolerance">The delay its kind tolerates.</param>
public sealed record SimulateBroken(string Mac, string? Name, string? Kind, Blinds.Defences.Costs.Tolerance Tolerance);

/// <summary>A device a block rule touched.</summary>
/// <param name="Mac">Its MAC.</param>
/// <param name="Name">Its label.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="BlockedShare">Share of its bytes blocked.</param>
/// <param name="Functionality">What still works.</param>
/// <param name="Description">In words.</param>
public sealed record SimulateBlocked(string Mac, string? Name, string? Kind, double BlockedShare, string Functionality, string Description);

/// <summary>Delay statistics, seconds.</summary>
/// <param name="Mean">Mean.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Max">Largest.</param>
public sealed record SimulateDelay(double Mean, double P95, double Max);

/// <summary>What the defence costs the home.</summary>
/// <param name="Seconds">Capture length.</param>
/// <param name="RealBytes">Real bytes.</param>
/// <param name="ObservedBytes">Bytes after the defence.</param>
/// <param name="BlockedBytes">Bytes blocked.</param>
/// <param name="DroppedBytes">Bytes dropped by full queues.</param>
/// <param name="TunnelBytes">Tunnel overhead.</param>
/// <param name="PaddingBytes">Padding.</param>
/// <param name="CoverBytes">Cover slots.</param>
/// <param name="InjectedBytes">Injected activity.</param>
/// <param name="OverheadBytes">All extra bytes.</param>
/// <param name="OverheadKbPerS">Extra KB/s.</param>
/// <param name="OverheadUpKbPerS">Extra KB/s up.</param>
/// <param name="OverheadDownKbPerS">Extra KB/s down.</param>
/// <param name="OverheadGbPerMonth">Extra GB a month.</param>
/// <param name="MonthlyGb">All traffic, GB a month.</param>
/// <param name="CapShare">Share of the data cap.</param>
/// <param name="MoneyOverCap">Money over the cap a month.</param>
/// <param name="UploadShare">Share of the uplink.</param>
/// <param name="Delay">Added delay.</param>
/// <param name="MaxQueueBytes">Longest queue, bytes.</param>
/// <param name="MaxQueuePackets">Longest queue, packets.</param>
/// <param name="Drops">Packets dropped.</param>
/// <param name="Devices">Per device.</param>
public sealed record SimulateCost(
    double Seconds,
    long RealBytes,
    long ObservedBytes,
    long BlockedBytes,
    long DroppedBytes,
    long TunnelBytes,
    long PaddingBytes,
    long CoverBytes,
    long InjectedBytes,
    long OverheadBytes,
    double OverheadKbPerS,
    double OverheadUpKbPerS,
    double OverheadDownKbPerS,
    double OverheadGbPerMonth,
    double MonthlyGb,
    double CapShare,
    double MoneyOverCap,
    double UploadShare,
    SimulateDelay Delay,
    long MaxQueueBytes,
    int MaxQueuePackets,
    long Drops,
    IReadOnlyList<SimulateDeviceCost> Devices);

/// <summary>What the defence costs one device.</summary>
/// <param name="Mac">Its MAC.</param>
/// <param name="Name">Its label.</param>
/// <param name="RealBytes">Real bytes.</param>
/// <param name="BlockedBytes">Blocked.</param>
/// <param name="TunnelBytes">Tunnel overhead.</param>
/// <param name="PaddingBytes">Padding.</param>
/// <param name="InjectedBytes">Injected activity.</param>
/// <param name="OverheadKbPerS">Extra KB/s.</param>
/// <param name="OverheadUpKbPerS">Extra KB/s up.</param>
/// <param name="OverheadDownKbPerS">Extra KB/s down.</param>
/// <param name="Delay">Added delay.</param>
/// <param name="Drops">Packets dropped.</param>
public sealed record SimulateDeviceCost(string Mac, string? Name, long RealBytes, long BlockedBytes, long TunnelBytes, long PaddingBytes, long InjectedBytes, double OverheadKbPerS, double OverheadUpKbPerS, double OverheadDownKbPerS, SimulateDelay Delay, long Drops);

/// <summary>One station's link as the LAN or a neighbour's radio sees it, before and after the defence.</summary>
/// <param name="Mac">The station.</param>
/// <param name="Name">Its label.</param>
/// <param name="FramesBefore">Frames (packets) it sent or received, undefended.</param>
/// <param name="BytesBefore">Their bytes as this observer counts them (802.11 framing included on the radio).</param>
/// <param name="FramesAfter">Frames left after the defence.</param>
/// <param name="BytesAfter">Their bytes.</param>
public sealed record SimulateStation(string Mac, string? Name, long FramesBefore, long BytesBefore, long FramesAfter, long BytesAfter);
