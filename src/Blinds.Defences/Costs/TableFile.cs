using System.Text.Json;

using Blinds.Attacks.Kinds;

namespace Blinds.Defences.Costs;

/// <summary>What the shipped tables (function loss, latency tolerance) share: how they are found and read.</summary>
internal static class TableFile
{
    /// <summary>Strict snake_case JSON: a misspelt key in a user's table is an error, not a silent default.</summary>
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    /// <summary>The embedded table <paramref name="name"/>.</summary>
    public static Stream Shipped(string name) =>
        typeof(TableFile).Assembly.GetManifestResourceStream("Blinds." + name)
            ?? throw new InvalidOperationException($"the shipped table {name} is missing from the build");

    /// <summary>Reads <typeparamref name="T"/> from <paramref name="stream"/>; JSON errors become <see cref="FormatException"/>s naming <paramref name="path"/>.</summary>
    public static T Read<T>(Stream stream, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new FormatException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>A table's kind key as a <see cref="DeviceKind"/>; a kind Blinds has no rules for is an error naming the file.</summary>
    public static DeviceKind Kind(string text, string path) =>
        DeviceKindText.TryParse(text, out var kind) && kind != DeviceKind.Unknown
            ? kind
            : throw new FormatException($"{path}: kind '{text}' is not one Blinds knows ({DeviceKindText.Known})");
}
