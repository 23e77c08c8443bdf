using System.Globalization;
using System.Net;

using Blinds.Defences.Stages;
using Blinds.Shaping.Decoys;
using Blinds.Traffic;

namespace Blinds.Shaping.Cells;

/// <summary>
/// The cell path's end from `blinds shape plan|up|endpoint --mode cells`: the options checked one by one (a
/// <see cref="FormatException"/> is a usage error, a <see cref="ShapingException"/> an input that cannot be read or an
/// interface that does not exist), the plan bound by <see cref="ShapeBinding"/>, decoys read from their capture.
/// </summary>
public static class CellBinding
{
    /// <summary>The plan of this end.</summary>
    /// <param name="s">The options as given.</param>
    /// <param name="loadCapture">Reads a capture of the home with 1 s series (the CLI's loader, with its one-line errors).</param>
    /// <param name="note">Where a note goes (a link that does not report its speed).</param>
    public static CellPlan Plan(ShapeSettings s, Func<string, Trace> loadCapture, Action<string> note)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(loadCapture);
        var tun = ShapeBinding.Interface(s.Dev, "--dev");
        var defence = ShapeBinding.Defence(s, cells: true, out var unshapedCell);
        var listen = CellPlan.TryParseEndpoint(s.Listen, out var l) ? l : throw new FormatException($"--listen: '{s.Listen}' is not ADDRESS:PORT");
        IPEndPoint? peer = null;
        if (s.Peer is { } p)
        {
            peer = CellPlan.TryParseEndpoint(p, out var e) ? e : throw new FormatException($"--peer: '{p}' is not ADDRESS:PORT");
        }

        string? route = null;
        if (s.Route is { } prefix)
        {
            route = IPNetwork.TryParse(prefix, out var network) && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                ? network.ToString()
                : throw new FormatException($"--route: '{prefix}' is not an IPv4 prefix such as 192.0.2.0/24");
        }

        var fail = s.Fail switch
        {
            "closed" => true,
            "open" => false,
            var f => throw new FormatException($"--fail: '{f}' is not closed or open"),
        };
        if (s.Queue is < 1 or > 1_000_000)
        {
            throw new FormatException("--queue: 1 to 1000000 packets");
        }

        if (s.TunMtu is < 576 or > 65_535)
        {
            throw new FormatException("--tun-mtu: 576 to 65535 bytes");
        }

        var key = Key(s);
        var lan = s.LanDevice is null ? null : ShapeBinding.Interface(s.LanDevice, "--lan-dev");
        var site = new CellSite
        {
            Role = s.Endpoint ? CellRole.Endpoint : CellRole.Gateway,
            Tun = tun,
            Listen = listen,
            Peer = peer,
            Route = route,
            LanDevice = lan,
            FailClosed = fail,
            Seed = s.Seed,
            QueuePackets = s.Queue,
            TunMtu = s.TunMtu,
            Key = key,
            UnshapedCellBytes = unshapedCell,
        };
        CellPlan plan;
        try
        {
            ShapeDeployment.Check(defence, cells: true, unshaped: unshapedCell is not null);
            plan = CellPlan.From(defence, site with { Decoys = Decoys(s, defence, loadCapture) });
        }
        catch (FormatException e)
        {
            throw ShapeBinding.PlanError(s, e);
        }

        if (!s.PlanOnly && lan is not null && plan.Devices is not null && !Directory.Exists(Path.Combine(LinkSpeed.SysClassNet, lan)))
        {
            throw new ShapingException($"--lan-dev: {lan}: no such network interface");
        }

        if (plan.Options.BytesPerSecond > 0 && plan.Options.Peer is { } toward && LinkSpeed.Toward(toward.Address) is { } link
            && LinkSpeed.Check(link, plan.Options.BytesPerSecond, s.Endpoint ? "the download rate" : "the upload rate") is { } n)
        {
            note?.Invoke(n);
        }

        return plan;
    }

    /// <summary>The UTC day whose decoys `plan` lists: --decoy-day, else today.</summary>
    public static DateOnly DecoyDay(ShapeSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.DecoyDay is null
            ? DateOnly.FromDateTime(DateTime.UtcNow)
            : DateOnly.TryParseExact(s.DecoyDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new FormatException($"--decoy-day: '{s.DecoyDay}' is not a day such as 2026-12-03");
    }

    private static DecoyPlan? Decoys(ShapeSettings s, Defences.Specs.DefencePlan defence, Func<string, Trace> loadCapture)
    {
        if (defence.Injection is not { Timing: InjectionTiming.Decoy })
        {
            return s.DecoysFrom is null ? null : throw new FormatException("--decoys-from: the plan has no decoy part");
        }

        if (s.Endpoint || s.DecoysFrom is not { } capture)
        {
            return null; // the endpoint only answers; a gateway without a capture is refused by CellPlan.From
        }

        return DecoyPlan.From(defence, loadCapture(capture), s.Seed, Path.GetFileName(capture));
    }

    private static byte[] Key(ShapeSettings s)
    {
        if (s.KeyFile is not { } keyFile)
        {
            return s.PlanOnly ? new byte[32] : throw new FormatException("--key-file: the cell path needs the 32-byte pre-shared key (the same file on both ends)");
        }

        try
        {
            var bytes = File.ReadAllBytes(keyFile);
            return bytes.Length == 32 ? bytes : throw new ShapingException($"--key-file: {keyFile} holds {bytes.Length} bytes, not 32 (make one with: head -c 32 /dev/urandom > key)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShapingException($"--key-file: {keyFile}: {e.Message}", e);
        }
    }
}
