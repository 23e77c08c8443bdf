namespace Blinds.Reports.Frontier;

/// <summary>What `blinds frontier` measured, as data: its JSON output is exactly this.</summary>
/// <param name="Defence">The defence whose knob was swept, canonical.</param>
/// <param name="Knob">The knob.</param>
/// <param name="Undefended">The ISP's attacks without a defence.</param>
/// <param name="Points">One per setting tried.</param>
/// <param name="CheapestEffective">The cheapest setting at chance that breaks no device, or null.</param>
public sealed record FrontierModel(string Defence, string Knob, FrontierScores Undefended, IReadOnlyList<FrontierPoint> Points, string? CheapestEffective);

/// <summary>The ISP's attacks, each beside chance.</summary>
/// <param name="Identification">Rate attack accuracy.</param>
/// <param name="IdentificationChance">Its chance.</param>
/// <param name="Names">Name attack accuracy.</param>
/// <param name="NamesChance">Its chance.</param>
/// <param name="F1">Activity F1.</param>
/// <param name="ChanceF1">Its chance.</param>
public sealed record FrontierScores(double Identification, double IdentificationChance, double Names, double NamesChance, double F1, double ChanceF1);

/// <summary>One setting of the knob: its plan, what it costs and what the attacks still learn.</summary>
/// <param name="Value">The knob's value, in its base unit.</param>
/// <param name="Setting">The value as written on the command line.</param>
/// <param name="Plan">The plan at this setting, canonical.</param>
/// <param name="Shaper">Its padding, if any.</param>
/// <param name="OverheadKbPerS">Extra KB/s, both directions.</param>
/// <param name="OverheadUpKbPerS">Extra KB/s up.</param>
/// <param name="OverheadDownKbPerS">Extra KB/s down.</param>
/// <param name="OverheadGbPerMonth">Extra GB a month.</param>
/// <param name="CapShare">Share of the data cap.</param>
/// <param name="MoneyOverCap">Money over the cap a month.</param>
/// <param name="DelayMean">Mean delay, seconds.</param>
/// <param name="DelayMax">Largest delay, seconds.</param>
/// <param name="Drops">Packets dropped by the bounded queue.</param>
/// <param name="Identification">Rate attack accuracy after.</param>
/// <param name="IdentificationChance">Its chance.</param>
/// <param name="Names">Name attack accuracy after.</param>
/// <param name="NamesChance">Its chance.</param>
/// <param name="F1">Activity F1 after.</param>
/// <param name="ChanceF1">Its chance.</param>
/// <param name="Effective">Every attack at chance within the margin.</param>
/// <param name="Broken">Devices delayed past their kind's tolerance or dropped.</param>
/// <param name="Usable">Effective and breaks nothing.</param>
public sealed record FrontierPoint(
    double Value,
    string Setting,
    string Plan,
    DefenceShaper? Shaper,
    double OverheadKbPerS,
    double OverheadUpKbPerS,
    double OverheadDownKbPerS,
    double OverheadGbPerMonth,
    double CapShare,
    double MoneyOverCap,
    double DelayMean,
    double DelayMax,
    long Drops,
    double Identification,
    double IdentificationChance,
    double Names,
    double NamesChance,
    double F1,
    double ChanceF1,
    bool Effective,
    IReadOnlyList<string> Broken,
    bool Usable);
