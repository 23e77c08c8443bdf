using Blinds.Attacks.Kinds;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Costs;

/// <summary>A device a block rule touched and what it loses.</summary>
/// <param name="Mac">The device.</param>
/// <param name="Kind">Its kind (<see cref="DeviceKind.Unknown"/> when not known).</param>
/// <param name="BlockedShare">Share of its internet bytes blocked.</param>
/// <param name="Functionality">full, limited or none when all its traffic is blocked and the table knows its kind; "partial" otherwise.</param>
/// <param name="Description">What still works, or which share of its traffic is gone.</param>
public sealed record LostFunction(MacAddress Mac, DeviceKind Kind, double BlockedShare, string Functionality, string Description)
{
    /// <summary>The devices <paramref name="cost"/> shows blocked, with what they lose by <paramref name="table"/>.</summary>
    public static IReadOnlyList<LostFunction> Of(CostReport cost, IReadOnlyDictionary<MacAddress, DeviceKind> kinds, FunctionTable table)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(table);
        var lost = new List<LostFunction>();
        foreach (var d in cost.Devices.Where(d => d.BlockedBytes > 0))
        {
            var share = d.RealBytes == 0 ? 1 : d.BlockedBytes / (double)d.RealBytes;
            var kind = kinds.GetValueOrDefault(d.Mac);
            if (share >= 0.999)
            {
                var f = table.Lookup(kind);
                lost.Add(new LostFunction(d.Mac, kind, share, f?.Functionality ?? "unknown", f?.Description ?? "no entry for this kind of device in the function table"));
            }
            else
            {
                lost.Add(new LostFunction(d.Mac, kind, share, "partial", $"{share:P0} of its internet traffic blocked: features that use the blocked services may fail"));
            }
        }

        return lost;
    }
}
