using Blinds.Shaping;

namespace Blinds.Cli.Commands;

/// <summary>`blinds shape plan|up|endpoint --mode rate-only`: renders the tc plan, or runs it.</summary>
internal static class ShapeRateOnly
{
    public static int Run(ShapeSettings settings, bool json)
    {
        var deployment = ShapeDefence.Guard(() => RateOnlyBinding.Plan(settings, m => Console.Error.WriteLine("blinds: " + m)));
        if (settings.PlanOnly)
        {
            var view = RateOnlyPlanView.Of(deployment);
            ShapeOutput.Render(json, view, view.Lines());
            return ExitCodes.Ok;
        }

        ShapeOutput.LinuxOnly();
        return ShapeDefence.Guard(() => new ShapeSession(deployment.Plan, m => Console.Error.WriteLine("blinds: " + m)).RunAsync(CancellationToken.None).GetAwaiter().GetResult());
    }
}
