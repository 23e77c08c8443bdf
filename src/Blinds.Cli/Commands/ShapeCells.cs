using Blinds.Shaping;
using Blinds.Shaping.Cells;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>`blinds shape plan|up|endpoint --mode cells`: renders the cell path's plan (and its decoys), or runs it.</summary>
internal static class ShapeCells
{
    public static int Run(ShapeSettings settings, bool json)
    {
        var plan = ShapeDefence.Guard(() => CellBinding.Plan(settings, Load, m => Console.Error.WriteLine("blinds: " + m)));
        if (settings.PlanOnly)
        {
            var view = CellPlanView.Of(plan, ShapeDefence.Guard(() => CellBinding.DecoyDay(settings)));
            ShapeOutput.Render(json, view, view.Lines());
            return ExitCodes.Ok;
        }

        ShapeOutput.LinuxOnly();
        return ShapeDefence.Guard(() => new CellSession(plan, m => Console.Error.WriteLine("blinds: " + m)).Run(CancellationToken.None));
    }

    // The capture whose devices' activity the decoys copy: read once, with 1 s series (what the simulation copies).
    private static Trace Load(string path) => TraceLoader.Load([path], new TraceOptions { Bin = TimeSpan.FromSeconds(1) }).Trace;
}
