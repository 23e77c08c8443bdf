namespace Blinds.Shaping;

/// <summary>Undoes a shaper from its state: every undo command is tried (one failing does not stop the others), then the state goes.</summary>
public static class Teardown
{
    /// <summary>Undoes <paramref name="state"/>; returns the failures (already logged).</summary>
    public static IReadOnlyList<string> Undo(ShapeState state, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(log);
        var failures = new List<string>();
        foreach (var c in state.Undo)
        {
            try
            {
                CommandRunner.Run(c);
                log("undone: " + TcScript.Render(c));
            }
            catch (ShapingException e)
            {
                // Already gone (the qdisc was deleted by hand, the interface went away): nothing left to undo there.
                failures.Add(e.Message);
            }
        }

        state.Delete();
        foreach (var f in failures.Where(f => !f.Contains("Cannot find", StringComparison.Ordinal) && !f.Contains("No such", StringComparison.Ordinal) && !f.Contains("Cannot delete qdisc with handle of zero", StringComparison.Ordinal)))
        {
            log("teardown: " + f);
        }

        return failures;
    }
}
