using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Blinds.Reports;

/// <summary>The one JSON style of every Blinds output: snake_case, indented, nulls kept, enums as strings.</summary>
public static class Json
{
    /// <summary>Serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // Typed results come from source-generated metadata; the reflection resolver behind it serves what is not
        // (yet) a typed record, e.g. a command's small anonymous status object.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(BlindsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Serializes <paramref name="value"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Writes <paramref name="value"/> and a newline to <paramref name="output"/>.</summary>
    public static void Write<T>(T value, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        JsonSerializer.Serialize(output, value, Options);
        output.WriteByte((byte)'\n');
    }

    /// <summary>Writes <paramref name="value"/> and a newline to standard output as it serializes: a report on tens of thousands of devices never exists as one string.</summary>
    public static void WriteToStdout<T>(T value)
    {
        using var stdout = Console.OpenStandardOutput();
        JsonSerializer.Serialize(stdout, value, Options);
        stdout.WriteByte((byte)'\n');
    }
}
