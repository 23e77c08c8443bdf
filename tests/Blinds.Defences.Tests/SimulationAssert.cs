using Blinds.Defences.Simulation;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>Two simulations of one plan that must be the same: what the observer sees, bin by bin, and what it cost.</summary>
internal static class SimulationAssert
{
    public static void Same(SimulationResult expected, SimulationResult actual)
    {
        Assert.Equal((expected.Cost.ObservedUp, expected.Cost.ObservedDown), (actual.Cost.ObservedUp, actual.Cost.ObservedDown));
        Assert.Equal(expected.Cost.Home.Overhead, actual.Cost.Home.Overhead);
        Assert.Equal(expected.Cost.Devices.Select(d => (d.RealUp, d.RealDown, d.Delays.SumNs, d.Delays.MaxNs, d.Drops)), actual.Cost.Devices.Select(d => (d.RealUp, d.RealDown, d.Delays.SumNs, d.Delays.MaxNs, d.Drops)));
        Assert.Equal(expected.View.Entities.Select(e => e.Id), actual.View.Entities.Select(e => e.Id));
        Assert.Equal(expected.View.Entities.Select(e => e.Rates!.Bins.ToArray()), actual.View.Entities.Select(e => e.Rates!.Bins.ToArray()));
        Assert.Equal(expected.InjectedPeriods, actual.InjectedPeriods);
    }
}
