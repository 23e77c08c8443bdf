using System.Globalization;

using Blinds.Protocols.Addressing;

namespace Blinds.Shaping;

/// <summary>The rate-only shaper's plan and how its classes are scheduled, as `plan` prints it and `up` applies it.</summary>
/// <param name="Plan">The tc plan.</param>
/// <param name="Scheduler">PRIO under HTB, or HTB class priorities.</param>
public sealed record RateOnlyDeployment(ShapePlan Plan, Scheduler Scheduler);

/// <summary>
/// The rate-only shaper from `blinds shape plan|up|endpoint --mode rate-only`: the options checked (a
/// <see cref="FormatException"/> is a usage error, a <see cref="ShapingException"/> an interface that does not exist).
/// </summary>
public static class RateOnlyBinding
{
    /// <summary>The plan of this end; <paramref name="note"/> hears what is allowed with a remark.</summary>
    public static RateOnlyDeployment Plan(ShapeSettings s, Action<string> note)
    {
        ArgumentNullException.ThrowIfNull(s);
        var device = s.Dev;
        if (device.Length is 0 or > 15 || device.Any(ch => char.IsWhiteSpace(ch) || ch == '/'))
        {
            throw new FormatException($"--dev: '{device}' is not an interface name");
        }

        if ((s.Mode ?? "constant") is not ("constant" or "rate-only" or "vit") and var m)
        {
            throw new FormatException($"--mode: '{m}' is not cells, rate-only, constant or vit");
        }

        var defence = ShapeBinding.Defence(s, cells: false, out _);
        var cover = Address(s.CoverTo, "--cover-to");
        var mtu = s.Mtu > 0 ? s.Mtu : ReadMtu(device);
        IpAddress? drop = null;
        if (s.Endpoint)
        {
            drop = s.DropCover is { } d ? Address(d, "--drop-cover") : throw new FormatException("endpoint needs --drop-cover: the home's cover address");
        }

        ShapePlan plan;
        try
        {
            plan = ShapePlan.From(defence, new RateOnlySite { Device = device, Endpoint = s.Endpoint, CoverTo = cover, Mtu = mtu, LanDevice = s.LanDevice, DropCoverTo = drop });
        }
        catch (FormatException e)
        {
            throw (s.Plan ?? s.PlanFile) is null ? e : new FormatException("--plan: " + e.Message, e);
        }

        if (!s.PlanOnly && OperatingSystem.IsLinux() && !Directory.Exists(Path.Combine(LinkSpeed.SysClassNet, device)))
        {
            throw new ShapingException($"{device}: no such network interface");
        }

        if (LinkSpeed.Check(device, plan.BytesPerSecond, s.Endpoint ? "the download rate" : "the upload rate") is { } n)
        {
            note?.Invoke(n);
        }

        return new RateOnlyDeployment(plan, s.PlanOnly && s.Scheduler == "htb" ? Scheduler.Htb : Scheduler.Prio);
    }

    private static IpAddress Address(string text, string option) =>
        IpAddress.TryParse(text, out var a) && a.IsV4 ? a : throw new FormatException($"{option}: '{text}' is not an IPv4 address");

    private static int ReadMtu(string device)
    {
        try
        {
            return int.Parse(File.ReadAllText($"/sys/class/net/{device}/mtu").Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 1500;
        }
    }
}
