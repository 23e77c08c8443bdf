using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

namespace Blinds.Shaping;

/// <summary>
/// What `blinds shape plan|up|endpoint` deploys, as one <see cref="DefencePlan"/>, the value `simulate` and the audit
/// use: from --plan or --plan-file as written, or from the shorthands (--up-rate, --down-rate, --timing, --cell,
/// --size, --devices, --schedule), which build the same value. Bad input is a <see cref="FormatException"/> (a usage
/// error, one line) or a <see cref="ShapingException"/> (a file that cannot be read).
/// </summary>
public static class ShapeBinding
{
    /// <summary>Checks an interface name as the kernel takes it (1–15 characters, no space, slash or quote).</summary>
    /// <exception cref="FormatException">It is not one.</exception>
    public static string Interface(string name, string option)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is 0 or > 15 || name.Any(ch => char.IsWhiteSpace(ch) || ch is '/' or '"')
            ? throw new FormatException($"{option}: '{name}' is not an interface name")
            : name;
    }

    /// <summary>The plan to deploy; <paramref name="unshapedCell"/> is the cell size when the cells go at line rate with no padding (`--up-rate line`).</summary>
    public static DefencePlan Defence(ShapeSettings s, bool cells, out int? unshapedCell)
    {
        ArgumentNullException.ThrowIfNull(s);
        unshapedCell = null;
        var endpoint = s.Endpoint;
        if (Written(s) is { } text)
        {
            if (s.Given.Count > 0 && s.Given[0] is { } both)
            {
                throw new FormatException($"{both}: the plan sets the rates, timing, cell size and devices; give them in --plan, not also as {both}");
            }

            try
            {
                return DefenceSpec.Parse(text);
            }
            catch (FormatException e)
            {
                throw new FormatException("--plan: " + e.Message, e);
            }
        }

        if (s.Devices is not null && s.LanDevice is null && !endpoint)
        {
            throw new FormatException("--devices needs --lan-dev: the chosen devices are marked by MAC where their frames arrive");
        }

        var rateText = (endpoint ? s.DownRate : s.UpRate) ?? s.Rate;
        var cell = cells ? Cell(s.Cell) : 0;
        if (cells && rateText == "line")
        {
            // No padding at all: a tunnel of cells at line rate, to measure the data path.
            unshapedCell = cell;
            return DefencePlan.None.WithTunnel();
        }

        var own = Rate(s, endpoint, required: true)!.Value;
        var other = Rate(s, !endpoint, required: false) ?? own;
        var (up, down) = endpoint ? (other, own) : (own, other);
        var vit = cells ? Timing(s.Timing) : (s.Mode ?? "constant") == "vit" || Timing(s.Timing);
        var spread = 0.0;
        if (vit)
        {
            spread = s.Spread;
            if (!(spread > 0 && spread <= Units.Spread.Max))
            {
                throw new FormatException($"--spread: above 0 and at most {Units.Spread.Max} for vit, got {spread}");
            }
        }

        var period = Units.ParseDuration(s.Period, "--period", new UnitRange(1, Units.Duration.Max, UnitKind.Duration));

        // Cells: the options give the wire (a cell's IP length, cells' bytes a second); the plan the simulated slot.
        var slot = cells ? ShapeDeployment.SlotBytes(cell) : Size(s.Size);
        var wire = cells ? (double)slot / cell : 1;
        var shaper = new ShaperOptions { UpBytesPerSecond = up * wire, DownBytesPerSecond = down * wire, PacketBytes = slot, Spread = spread, Period = period };
        return DefencePlan.None.WithTunnel().WithShaper(shaper, Scope(s));
    }

    /// <summary>Prefixes a plan's own error with --plan when the plan was written (not built from shorthands).</summary>
    public static FormatException PlanError(ShapeSettings s, FormatException e)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(e);
        return e.Message.StartsWith("--", StringComparison.Ordinal) || (s.Plan ?? s.PlanFile) is null ? e : new FormatException("--plan: " + e.Message, e);
    }

    private static string? Written(ShapeSettings s)
    {
        if (s.PlanFile is not { } file)
        {
            return s.Plan;
        }

        if (s.Plan is not null)
        {
            throw new FormatException("--plan-file: give the plan once, in --plan or --plan-file");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShapingException($"--plan-file: {e.Message}", e);
        }

        var parts = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        return parts.Length > 0 ? string.Join("+", parts) : throw new ShapingException($"--plan-file: {file} holds no plan");
    }

    private static double? Rate(ShapeSettings s, bool endpoint, bool required)
    {
        var option = endpoint ? "--down-rate" : "--up-rate";
        var (name, text) = (endpoint ? s.DownRate : s.UpRate) is { } t ? (option, t) : s.Rate is { } both ? ("--rate", both) : (option, (string?)null);
        if (text is null || (!required && text == "line"))
        {
            return required
                ? throw new FormatException($"{option} (or --rate): the {(endpoint ? "download" : "upload")} rate is needed, e.g. 10KB/s")
                : null;
        }

        return Units.ParseRate(text, name);
    }

    private static bool Timing(string timing) => timing switch
    {
        "constant" => false,
        "vit" => true,
        var t => throw new FormatException($"--timing: '{t}' is not constant or vit"),
    };

    private static int Cell(int cell)
    {
        // The smallest cell carries the simulation's smallest slot (64 bytes of frame): 50 bytes of IP packet.
        var min = ShapeDeployment.CellBytes((int)Units.SlotSize.Min);
        return cell >= min && cell <= ShapeDeployment.MaxCellBytes
            ? cell
            : throw new FormatException($"--cell: {cell} bytes; a cell holds its own headers ({Cells.CellFormat.OverheadBytes} bytes: IP 20, UDP 8, counter 8, tag 16, fragment header 8) and at least {min - Cells.CellFormat.OverheadBytes} bytes of packet, so {min} to {ShapeDeployment.MaxCellBytes}");
    }

    private static int Size(int size) => size is >= 64 and <= ShapeDeployment.MaxCellBytes ? size : throw new FormatException("--size: 64 to 1500 bytes");

    private static MacScope Scope(ShapeSettings s)
    {
        HashSet<MacAddress>? macs = null;
        if (s.Devices is { } list)
        {
            macs = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(m => MacAddress.TryParse(m, out var mac) ? mac : throw new FormatException($"--devices: '{m}' is not a MAC address")).ToHashSet();
        }

        var windows = Array.Empty<(TimeSpan, TimeSpan)>();
        if (s.Schedule is { } text)
        {
            try
            {
                windows = [.. DefenceSpec.Parse($"vit:schedule={text}").ShaperScope.Windows];
            }
            catch (FormatException e)
            {
                throw new FormatException($"--schedule: '{text}' is not windows such as 06:00-24:00;22:00-02:00 (UTC)", e);
            }
        }

        return new MacScope(macs, windows);
    }
}
