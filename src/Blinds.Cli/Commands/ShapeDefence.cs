using System.CommandLine;

using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;
using Blinds.Shaping;

namespace Blinds.Cli.Commands;

/// <summary>
/// Binds what `blinds shape plan|up|endpoint` deploys to one <see cref="DefencePlan"/>, the value `simulate` and the
/// audit use: from --plan or --plan-file as written, or from the shorthands (--up-rate, --down-rate, --timing,
/// --cell, --size, --devices, --schedule), which build the same value. The shaper's plans are made from it alone.
/// </summary>
internal static class ShapeDefence
{
    internal static readonly Option<string?> PlanOption = new("--plan") { Description = "The defence to deploy as simulate and the audit spell it, e.g. \"tunnel+constant:up=4KB/s,down=8KB/s,devices=50:c7:bf:00:fc:a3\" (instead of --up-rate, --down-rate, --timing, --cell, --devices)" };
    internal static readonly Option<string?> PlanFileOption = new("--plan-file") { Description = "A file holding the plan (lines joined with '+'; lines starting with # are comments)" };

    // The shorthands a plan replaces: giving both would leave two answers to one question.
    private static Option[] Shorthands => [ShapeCommand.RateOption, ShapeCommand.UpRateOption, ShapeCommand.DownRateOption, ShapeCommand.TimingOption, ShapeCommand.SpreadOption, ShapeCommand.PeriodOption, ShapeCommand.CellOption, ShapeCommand.SizeOption, ShapeCommand.DevicesOption, ShapeCommand.ScheduleOption];

    /// <summary>The plan to deploy; <paramref name="unshapedCell"/> is the cell size when the cells go at line rate with no padding (`--up-rate line`).</summary>
    public static DefencePlan Bind(ParseResult r, bool cells, bool endpoint, out int? unshapedCell)
    {
        unshapedCell = null;
        if (Written(r) is { } text)
        {
            if (Shorthands.FirstOrDefault(o => r.GetResult(o) is { Implicit: false }) is { } both)
            {
                throw new CliException(ExitCodes.Usage, $"{both.Name}: the plan sets the rates, timing, cell size and devices; give them in --plan, not also as {both.Name}");
            }

            try
            {
                return DefenceSpec.Parse(text);
            }
            catch (FormatException e)
            {
                throw new CliException(ExitCodes.Usage, "--plan: " + e.Message);
            }
        }

        if (r.GetValue(ShapeCommand.DevicesOption) is not null && r.GetValue(ShapeCommand.LanOption) is null && !endpoint)
        {
            throw new CliException(ExitCodes.Usage, "--devices needs --lan-dev: the chosen devices are marked by MAC where their frames arrive");
        }

        var rateText = r.GetValue(endpoint ? ShapeCommand.DownRateOption : ShapeCommand.UpRateOption) ?? r.GetValue(ShapeCommand.RateOption);
        var cell = cells ? Cell(r) : 0;
        if (cells && rateText == "line")
        {
            // No padding at all: a tunnel of cells at line rate, to measure the data path.
            unshapedCell = cell;
            return DefencePlan.None.WithTunnel();
        }

        var own = Rate(r, endpoint, required: true)!.Value;
        var other = Rate(r, !endpoint, required: false) ?? own;
        var (up, down) = endpoint ? (other, own) : (own, other);
        var vit = cells ? Timing(r) : r.GetValue(ShapeCommand.ModeOption) == "vit" || Timing(r);
        var spread = 0.0;
        if (vit)
        {
            spread = r.GetValue(ShapeCommand.SpreadOption);
            if (!(spread > 0 && spread <= Units.Spread.Max))
            {
                throw new CliException(ExitCodes.Usage, $"--spread: above 0 and at most {Units.Spread.Max} for vit, got {spread}");
            }
        }

        var periodText = r.GetValue(ShapeCommand.PeriodOption)!;
        var period = Guard(() => Units.ParseDuration(periodText, "--period", new UnitRange(1, Units.Duration.Max, UnitKind.Duration)));

        // Cells: the options give the wire (a cell's IP length, cells' bytes a second); the plan the simulated slot.
        var slot = cells ? ShapeDeployment.SlotBytes(cell) : Size(r);
        var wire = cells ? (double)slot / cell : 1;
        var shaper = new ShaperOptions { UpBytesPerSecond = up * wire, DownBytesPerSecond = down * wire, PacketBytes = slot, Spread = spread, Period = period };
        return DefencePlan.None.WithTunnel().WithShaper(shaper, Scope(r));
    }

    private static string? Written(ParseResult r)
    {
        var text = r.GetValue(PlanOption);
        if (r.GetValue(PlanFileOption) is not { } file)
        {
            return text;
        }

        if (text is not null)
        {
            throw new CliException(ExitCodes.Usage, "--plan-file: give the plan once, in --plan or --plan-file");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.InputError, $"--plan-file: {e.Message}");
        }

        var parts = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        return parts.Length > 0 ? string.Join("+", parts) : throw new CliException(ExitCodes.InputError, $"--plan-file: {file} holds no plan");
    }

    private static double? Rate(ParseResult r, bool endpoint, bool required)
    {
        var option = endpoint ? ShapeCommand.DownRateOption : ShapeCommand.UpRateOption;
        var (name, text) = r.GetValue(option) is { } t ? (option.Name, t) : r.GetValue(ShapeCommand.RateOption) is { } both ? ("--rate", both) : (option.Name, (string?)null);
        if (text is null || (!required && text == "line"))
        {
            return required
                ? throw new CliException(ExitCodes.Usage, $"{option.Name} (or --rate): the {(endpoint ? "download" : "upload")} rate is needed, e.g. 10KB/s")
                : null;
        }

        return Guard(() => Units.ParseRate(text, name));
    }

    private static bool Timing(ParseResult r) => r.GetValue(ShapeCommand.TimingOption) switch
    {
        "constant" => false,
        "vit" => true,
        var t => throw new CliException(ExitCodes.Usage, $"--timing: '{t}' is not constant or vit"),
    };

    private static int Cell(ParseResult r)
    {
        // The smallest cell carries the simulation's smallest slot (64 bytes of frame): 50 bytes of IP packet.
        var cell = r.GetValue(ShapeCommand.CellOption);
        var min = ShapeDeployment.CellBytes((int)Units.SlotSize.Min);
        return cell >= min && cell <= ShapeDeployment.MaxCellBytes
            ? cell
            : throw new CliException(ExitCodes.Usage, $"--cell: {cell} bytes; a cell holds its own headers ({Shaping.Cells.CellFormat.OverheadBytes} bytes: IP 20, UDP 8, counter 8, tag 16, fragment header 8) and at least {min - Shaping.Cells.CellFormat.OverheadBytes} bytes of packet, so {min} to {ShapeDeployment.MaxCellBytes}");
    }

    private static int Size(ParseResult r)
    {
        var size = r.GetValue(ShapeCommand.SizeOption);
        return size is >= 64 and <= ShapeDeployment.MaxCellBytes ? size : throw new CliException(ExitCodes.Usage, "--size: 64 to 1500 bytes");
    }

    private static MacScope Scope(ParseResult r)
    {
        HashSet<MacAddress>? macs = null;
        if (r.GetValue(ShapeCommand.DevicesOption) is { } list)
        {
            macs = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(m => MacAddress.TryParse(m, out var mac) ? mac : throw new CliException(ExitCodes.Usage, $"--devices: '{m}' is not a MAC address")).ToHashSet();
        }

        var windows = Array.Empty<(TimeSpan, TimeSpan)>();
        if (r.GetValue(ShapeCommand.ScheduleOption) is { } s)
        {
            try
            {
                windows = [.. DefenceSpec.Parse($"vit:schedule={s}").ShaperScope.Windows];
            }
            catch (FormatException)
            {
                throw new CliException(ExitCodes.Usage, $"--schedule: '{s}' is not windows such as 06:00-24:00;22:00-02:00 (UTC)");
            }
        }

        return new MacScope(macs, windows);
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }
    }
}
