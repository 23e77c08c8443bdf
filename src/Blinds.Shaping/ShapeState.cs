using System.Text.Json;

namespace Blinds.Shaping;

/// <summary>
/// What a running `blinds shape up` has changed, on disk (0600) before the first change: so that `up` twice does
/// not stack rules, and `down` can undo everything even after the process died without cleaning up.
/// </summary>
public sealed record ShapeState
{
    /// <summary>The process keeping the shaper (cover, VIT).</summary>
    public int Pid { get; init; }

    /// <summary>The interface.</summary>
    public required string Device { get; init; }

    /// <summary>`tc qdisc show dev` before anything was changed.</summary>
    public required string Before { get; init; }

    /// <summary>The commands that undo the change, in order.</summary>
    public required IReadOnlyList<string[]> Undo { get; init; }

    /// <summary>The plan in words.</summary>
    public required string Summary { get; init; }

    /// <summary>Which scheduler was applied.</summary>
    public Scheduler Scheduler { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>"rate-only" (tc on an existing interface) or "cells" (the cell path through a TUN device).</summary>
    public string Kind { get; init; } = "rate-only";

    /// <summary>The commands whose output <see cref="Before"/> is; null: `tc qdisc show dev` <see cref="Device"/>.</summary>
    public IReadOnlyList<string[]>? Snapshot { get; init; }

    /// <summary>What the state's commands print now, to compare with <see cref="Before"/>.</summary>
    public string Current() => Snapshot is null ? ShapeSession.Qdiscs(Device) : Take(Snapshot);

    /// <summary>The outputs of <paramref name="commands"/> (a failing one gives its complaint, the same before and after).</summary>
    public static string Take(IReadOnlyList<string[]> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return string.Join('\n', commands.Select(c =>
        {
            try
            {
                return CommandRunner.Run(c).Trim();
            }
            catch (ShapingException e) when (e.Message.Contains("does not exist", StringComparison.Ordinal))
            {
                // A routing table that never had a route and one emptied by `down` are the same to the kernel's users.
                return string.Empty;
            }
            catch (ShapingException e)
            {
                return e.Message;
            }
        }));
    }

    /// <summary>Where states live: $BLINDS_STATE_DIR, else /run/blinds.</summary>
    public static string Directory => Environment.GetEnvironmentVariable("BLINDS_STATE_DIR") is { Length: > 0 } d ? d : "/run/blinds";

    /// <summary>The state file of an interface.</summary>
    public static string PathOf(string device) => System.IO.Path.Combine(Directory, $"shape-{device}.json");

    /// <summary>Reads the state of <paramref name="device"/>, if any.</summary>
    public static ShapeState? Read(string device)
    {
        var path = PathOf(device);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ShapeState>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new ShapingException($"{path}: unreadable state ({e.Message}); check the interface by hand (tc qdisc show dev {device}) and remove the file", e);
        }
    }

    /// <summary>Writes a new state; fails if one exists (never two shapers on one interface).</summary>
    public void Create()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // it names the interface and the rules: root's only
        }

        using var s = new FileStream(PathOf(Device), options);
        JsonSerializer.Serialize(s, this, Options);
    }

    /// <summary>Removes the state file.</summary>
    public void Delete() => File.Delete(PathOf(Device));

    /// <summary>True when <see cref="Pid"/> is a live process other than this one.</summary>
    public bool Alive()
    {
        if (Pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(Pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}
