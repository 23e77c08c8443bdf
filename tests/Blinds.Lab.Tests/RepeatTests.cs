using Blinds.Lab;

using Xunit;

namespace Blinds.Lab.Tests;

/// <summary>A scenario lived several times over (`lab generate --repeat N`): the same home, day after day.</summary>
public class RepeatTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(22)]
    public void Every_day_has_the_days_activities_each_device_moved_together_by_at_most_a_quarter_hour(int days)
    {
        var day = Presets.Home24h(1, busy: false);
        var many = day.Repeat(days);
        Assert.Equal(day.Duration * days, many.Duration);
        Assert.Equal(day.Activities.Count * days, many.Activities.Count);
        for (var d = 0; d < days; d++)
        {
            var from = day.Duration * d;
            foreach (var device in day.Activities.Select(a => a.Device).Distinct())
            {
                var original = day.Activities.Where(a => a.Device == device).OrderBy(a => a.At).ToArray();
                var shifted = many.Activities.Where(a => a.Device == device).OrderBy(a => a.At).Skip(d * original.Length).Take(original.Length).ToArray();
                var shift = shifted[0].At - (original[0].At + from);
                Assert.InRange(shift, TimeSpan.FromMinutes(-15), TimeSpan.FromMinutes(15));
                Assert.Equal(original.Select(a => (a.At + from + shift, a.Activity)), shifted.Select(a => (a.At, a.Activity)));
            }
        }

        Assert.Equal(many.Activities, day.Repeat(days).Activities); // seeded
    }
}
