namespace Blinds.Reports.Batch;

/// <summary>One home of a batch: a folder with its capture files and, optionally, its devices and events files.</summary>
/// <param name="Name">The folder's name: the home's name in the lake.</param>
/// <param name="Directory">The folder.</param>
/// <param name="Captures">Every other regular file in it, in name order (the format is read from the content).</param>
/// <param name="Devices">devices.csv (or NAME.devices.csv, as `blinds lab generate` writes it), if there is one.</param>
/// <param name="Events">events.csv (or NAME.events.csv), if there is one.</param>
/// <param name="Problem">Why the folder cannot be audited as it is (two devices files, no capture), else null.</param>
public sealed record BatchHome(string Name, string Directory, IReadOnlyList<string> Captures, string? Devices, string? Events, string? Problem)
{
    /// <summary>
    /// The homes in <paramref name="homesDir"/>: one per sub-folder, in name order. Hidden files (a leading dot) are
    /// skipped; files named devices.csv or events.csv, or ending in .devices.csv or .events.csv, are the labels;
    /// every other file is a capture. Throws <see cref="DirectoryNotFoundException"/> when the folder is missing.
    /// </summary>
    public static IReadOnlyList<BatchHome> Discover(string homesDir)
    {
        ArgumentNullException.ThrowIfNull(homesDir);
        if (!System.IO.Directory.Exists(homesDir))
        {
            throw new DirectoryNotFoundException($"{homesDir}: no such folder");
        }

        return new DirectoryInfo(homesDir).EnumerateDirectories()
            .Where(d => !d.Name.StartsWith('.'))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(Of)
            .ToArray();
    }

    private static BatchHome Of(DirectoryInfo dir)
    {
        var files = dir.EnumerateFiles().Where(f => !f.Name.StartsWith('.')).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        static bool Is(FileInfo f, string kind) => f.Name.Equals(kind + ".csv", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith("." + kind + ".csv", StringComparison.OrdinalIgnoreCase);
        var devices = files.Where(f => Is(f, "devices")).Select(f => f.FullName).ToArray();
        var events = files.Where(f => Is(f, "events")).Select(f => f.FullName).ToArray();
        var captures = files.Where(f => !Is(f, "devices") && !Is(f, "events")).Select(f => f.FullName).ToArray();
        string? problem = null;
        if (devices.Length > 1 || events.Length > 1)
        {
            problem = $"{dir.FullName}: more than one devices or events file; keep one of each";
        }
        else if (captures.Length == 0)
        {
            problem = $"{dir.FullName}: no capture file";
        }
        else if (events.Length == 1 && devices.Length == 0)
        {
            problem = $"{dir.FullName}: an events file needs a devices file to know which station is which device";
        }

        return new BatchHome(dir.Name, dir.FullName, captures, devices.FirstOrDefault(), events.FirstOrDefault(), problem);
    }
}
