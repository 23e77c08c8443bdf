using Blinds.Lab;
using Blinds.Testing;

using Xunit;

namespace Blinds.Lab.Tests;

public class ScenarioFileTests
{
    [Theory]
    [InlineData("paper-lab")]
    [InlineData("sparse")]
    public void A_preset_written_as_a_file_generates_the_same_capture(string preset)
    {
        using var dir = new TempDir();
        var scenario = Presets.Get(preset)! with { Duration = TimeSpan.FromHours(1) };
        File.WriteAllText(dir.File("s.json"), ScenarioFile.Serialize(scenario));
        var loaded = ScenarioFile.Load(dir.File("s.json"));
        // Activities are written at whole seconds: compare the files' captures, not the jittered presets.
        var reloaded = ScenarioFile.Load(WriteAgain(dir, loaded));
        Assert.Equal(Generated.Bytes(loaded, out _), Generated.Bytes(reloaded, out _));
        Assert.Equal(scenario.Devices.Select(d => d.Mac), loaded.Devices.Select(d => d.Mac));
        Assert.Equal(scenario.Activities.Count, loaded.Activities.Count);
    }

    [Fact]
    public void Daily_routines_repeat_every_day_with_jitter()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("r.json"), """
            {
              "name": "routine", "seed": 4, "duration": "3.00:00:00",
              "devices": [ { "name": "plug", "kind": "plug", "mac": "50:c7:bf:00:00:01", "address": "192.168.1.50", "domains": ["devs.tplinkcloud.com"] } ],
              "activities": [ { "daily": "07:00", "jitter_minutes": 15, "device": "plug", "activity": "toggle" },
                              { "at": "1.12:00:00", "device": "plug", "activity": "toggle" } ]
            }
            """);
        var s = ScenarioFile.Load(dir.File("r.json"));
        var times = s.Activities.Select(a => a.At).Order().ToArray();
        Assert.Equal(4, times.Length);
        Assert.All(times.Where(t => t.Hours < 12), t => Assert.InRange(t.TotalMinutes % 1440, 405, 435));
        Assert.Equal(TimeSpan.Parse("1.12:00:00", System.Globalization.CultureInfo.InvariantCulture), times[2]);
    }

    [Theory]
    [InlineData("{ \"devices\": [] }", "a scenario needs at least one device")]
    [InlineData("{ \"devices\": [ { \"name\": \"x\", \"kind\": \"plug\", \"mac\": \"nope\", \"address\": \"192.168.1.2\", \"domains\": [\"a.b\"] } ] }", "device 'x': needs a name, a mac and an IPv4 address")]
    [InlineData("{ \"devices\": [ { \"name\": \"x\", \"kind\": \"plug\", \"mac\": \"00:00:00:00:00:01\", \"address\": \"192.168.1.2\", \"domains\": [\"a.b\"] } ], \"activities\": [ { \"at\": \"01:00\", \"device\": \"y\", \"activity\": \"toggle\" } ] }", "activity 'toggle': no device named 'y'")]
    [InlineData("{ \"devcies\": [] }", "The JSON property 'devcies' could not be mapped")]
    public void Bad_files_get_one_line_naming_the_problem(string json, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.json"), json);
        var e = Assert.Throws<FormatException>(() => ScenarioFile.Load(dir.File("bad.json")));
        Assert.StartsWith(dir.File("bad.json") + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static string WriteAgain(TempDir dir, Scenario s)
    {
        var path = dir.File("again.json");
        File.WriteAllText(path, ScenarioFile.Serialize(s));
        return path;
    }
}
