using System.Globalization;
using System.Net;

using Blinds.Defences.Specs;
using Blinds.Shaping.Cells;

namespace Blinds.Shaping;

/// <summary>
/// The `blinds shape` commands that deploy a <see cref="DefencePlan"/> with the cell path, as a user pastes them (the
/// audit's recommendation). The plan is written canonically in --plan, so the shaper reads back the very value that
/// was simulated; the plan is first made into a <see cref="CellPlan"/> for both ends, so a command is only ever
/// written for a plan the shaper deploys.
/// </summary>
public static class ShapeCommandLine
{
    /// <summary>The TUN device the commands name.</summary>
    public const string Tun = "blinds0";

    /// <summary>The key file the commands name (made with `head -c 32 /dev/urandom`).</summary>
    public const string KeyFile = "blinds.key";

    /// <summary>The LAN interface the commands name when the plan chooses devices.</summary>
    public const string LanDevice = "br0";

    /// <summary>The gateway's command (`shape up`) and the endpoint's (`shape endpoint`) for <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan simulated.</param>
    /// <param name="homeNetwork">The home's IPv4 prefix (the endpoint routes it back into the cells).</param>
    /// <param name="decoysFrom">The capture a decoy part copies (the gateway's --decoys-from); needed when the plan has one.</param>
    /// <exception cref="FormatException">The shaper cannot deploy the plan (one line naming the part).</exception>
    public static (string Gateway, string Endpoint) For(DefencePlan plan, string homeNetwork, string? decoysFrom = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(homeNetwork);
        var peer = new IPEndPoint(IPAddress.Parse(plan.Endpoint.ToString()), CellSite.DefaultPort);
        var site = new CellSite { Role = CellRole.Gateway, Tun = Tun, Listen = new IPEndPoint(IPAddress.Any, CellSite.DefaultPort), Peer = peer, Route = homeNetwork, LanDevice = LanDevice, Key = new byte[32] };

        // A decoy part's periods are read from the capture when the gateway starts; planning needs only to know there are some.
        var decoys = plan.Injection is not null ? decoysFrom ?? throw new FormatException("--decoys-from: the decoy part copies the devices' real activity periods: give a capture of the home") : null;
        if (decoys is not null && plan.Injection is { Timing: Defences.Stages.InjectionTiming.Decoy } injection)
        {
            site = site with { Decoys = new Decoys.DecoyPlan { Options = injection, Scope = Defences.Stages.Scope.All, Devices = [], Profiles = [], RealPerDay = new Dictionary<int, double>(), Source = Path.GetFileName(decoys) } };
        }

        var gateway = CellPlan.From(plan, site);
        CellPlan.From(plan, site with { Role = CellRole.Endpoint, Peer = null });
        var spec = DefenceSpec.Format(plan);
        var common = $"--mode cells --plan '{spec}' --dev {Tun}";
        var chosen = gateway.Devices is not null ? $" --lan-dev {LanDevice}" : $" --route {homeNetwork}";
        return (
            $"blinds shape up {common} --peer {peer} --key-file {KeyFile}{chosen}{(decoys is null ? string.Empty : $" --decoys-from '{decoys}'")}",
            $"blinds shape endpoint {common} --listen {string.Create(CultureInfo.InvariantCulture, $"0.0.0.0:{CellSite.DefaultPort}")} --route {homeNetwork} --key-file {KeyFile}");
    }
}
