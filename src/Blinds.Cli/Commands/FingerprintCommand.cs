using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Scoring;
using Blinds.Reports;
using Blinds.Reports.Fingerprint;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>blinds fingerprint: device fingerprints from traffic (eval, learn).</summary>
internal static class FingerprintCommand
{
    public static Command Create() => new("fingerprint", "Device fingerprints from traffic") { FingerprintEval.Create(), FingerprintLearn.Create() };
}
