using Blinds.Attacks.Identification;

namespace Blinds.Cli.Commands;

/// <summary>The signatures a command names devices by: the shipped ones, a signatures file, or a model's.</summary>
internal static class SignatureFiles
{
    /// <summary>
    /// The shipped signatures when <paramref name="path"/> is null; a model's (a zip, from `fingerprint learn
    /// --model`) or a signatures file's otherwise. Bad files end the command with one line naming them.
    /// </summary>
    public static NameSignatures Load(string? path)
    {
        if (path is null)
        {
            return NameSignatures.Papers();
        }

        return CliException.GuardInput(() => IsZip(path) ? IdentificationModel.Load(path).Signatures : NameSignatures.Load(path));
    }

    private static bool IsZip(string path)
    {
        using var f = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        return f.Read(head) == 2 && head[0] == (byte)'P' && head[1] == (byte)'K';
    }
}
