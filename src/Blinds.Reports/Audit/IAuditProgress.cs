namespace Blinds.Reports.Audit;

/// <summary>How the audit tells a watching person where it is: the CLI draws progress bars, a test passes nothing.</summary>
public interface IAuditProgress
{
    /// <summary>A step begins.</summary>
    void Step(string step);

    /// <summary>Runs a read of <paramref name="paths"/>; <paramref name="read"/> reports (file, bytes read, size) to the callback it is given.</summary>
    T Pass<T>(string step, IReadOnlyList<string> paths, Func<Action<string, long, long>?, T> read);
}
