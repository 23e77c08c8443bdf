namespace Blinds.Reports.Audit;

/// <summary>What the ISP's attacks still get under a defence, each beside what guessing gets.</summary>
/// <param name="Identification">Share of traffic windows whose device the rate attack names right.</param>
/// <param name="IdentificationChance">The same by always guessing the commonest device.</param>
/// <param name="Names">Share of streams the name attack labels right.</param>
/// <param name="NamesChance">Its guessing share.</param>
/// <param name="ActivityF1">Activity attack's F1 on the defended devices (1 = all found, none made up).</param>
/// <param name="ActivityChanceF1">A guesser's F1.</param>
/// <param name="AtChance">Every attack within 5 points of guessing.</param>
/// <param name="Words">The same in a sentence.</param>
public sealed record AuditPrivacyLeft(double Identification, double IdentificationChance, double Names, double NamesChance, double ActivityF1, double ActivityChanceF1, bool AtChance, string Words);
