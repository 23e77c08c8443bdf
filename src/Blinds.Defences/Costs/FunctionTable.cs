using Blinds.Attacks.Kinds;


namespace Blinds.Defences.Costs;

/// <summary>What a device still does with its internet traffic blocked.</summary>
/// <param name="Functionality">full, limited or none.</param>
/// <param name="Description">In words.</param>
/// <param name="Example">The devices the entry was measured on.</param>
public sealed record BlockedFunction(string Functionality, string Description, string? Example);

/// <summary>
/// What blocking costs in function (paper 002 §6.1): per device kind, what still works when the device cannot reach
/// the internet. Blinds ships the paper's Fig. 6; a user's file of the same shape (`simulate --functions`) replaces it.
/// </summary>
public sealed class FunctionTable
{
    private readonly Dictionary<DeviceKind, BlockedFunction> kinds;

    private FunctionTable(Dictionary<DeviceKind, BlockedFunction> kinds, string source) => (this.kinds, Source) = (kinds, source);

    /// <summary>Where the table comes from.</summary>
    public string Source { get; }

    /// <summary>The table shipped with Blinds (paper 002 Fig. 6).</summary>
    public static FunctionTable Papers()
    {
        using var s = TableFile.Shipped("blocking.json");
        return Read(s, "blocking.json");
    }

    /// <summary>Reads a user's table; <see cref="FormatException"/> names the file.</summary>
    public static FunctionTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var s = File.OpenRead(path);
        return Read(s, path);
    }

    /// <summary>The entry for a device kind, or null (always for <see cref="DeviceKind.Unknown"/>).</summary>
    public BlockedFunction? Lookup(DeviceKind kind) => kinds.GetValueOrDefault(kind);

    private static FunctionTable Read(Stream stream, string path)
    {
        var file = TableFile.Read<FileDto>(stream, path);
        if (file.Kinds is not { Count: > 0 })
        {
            throw new FormatException($"{path}: no kinds");
        }

        var kinds = new Dictionary<DeviceKind, BlockedFunction>();
        foreach (var (kind, f) in file.Kinds)
        {
            if (f.Functionality is not ("full" or "limited" or "none") || string.IsNullOrWhiteSpace(f.Description))
            {
                throw new FormatException($"{path}: kind '{kind}' needs functionality (full, limited or none) and a description");
            }

            kinds[TableFile.Kind(kind, path)] = new BlockedFunction(f.Functionality, f.Description, f.Example);
        }

        return new FunctionTable(kinds, file.Source ?? path);
    }

    private sealed class FileDto
    {
        public string? Source { get; set; }

        public Dictionary<string, EntryDto>? Kinds { get; set; }
    }

    private sealed class EntryDto
    {
        public string? Functionality { get; set; }

        public string? Description { get; set; }

        public string? Example { get; set; }
    }
}
