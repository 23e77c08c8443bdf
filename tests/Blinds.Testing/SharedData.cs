using Xunit;

namespace Blinds.Testing;

/// <summary>
/// Finds ../shared/data beside the repository (or $BLINDS_SHARED_DATA). Tests that need it skip, saying so, when it
/// is absent: the data is not part of the project.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The data folder, or null.</summary>
    public static string? Path => Root.Value;

    /// <summary>The repository root (where Blinds.slnx is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Blinds.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Blinds.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Skips the calling test when the data is absent.</summary>
    public static string Require()
    {
        Skip.If(Path is null, "../shared/data is absent: this test reads real captures from it");
        return Path!;
    }

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("BLINDS_SHARED_DATA");
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env) ? env : null;
        }

        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
