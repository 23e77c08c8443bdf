using Xunit;

namespace Blinds.Testing;

/// <summary>Golden files: expected output kept in the repository; BLINDS_UPDATE_GOLDEN=1 rewrites them (review the diff).</summary>
public static class Golden
{
    /// <summary>Compares <paramref name="actual"/> with tests/PROJECT/golden/NAME.</summary>
    public static void Check(string project, string name, string actual) =>
        CheckFile(Path.Combine("tests", project, "golden", name), actual);

    /// <summary>Compares <paramref name="actual"/> with a file given relative to the repository root (docs generated from code).</summary>
    public static void CheckFile(string repositoryRelativePath, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var path = Path.Combine(SharedData.RepositoryRoot, repositoryRelativePath);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("BLINDS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run with BLINDS_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), actual);
    }
}
