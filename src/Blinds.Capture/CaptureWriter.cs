namespace Blinds.Capture;

/// <summary>Writes packets to a capture file in one forward pass.</summary>
public abstract class CaptureWriter : IDisposable
{
    private protected CaptureWriter(Stream output) => Output = output;

    private protected Stream Output { get; }

    /// <summary>Writes one packet captured whole.</summary>
    public void Write(long timestampNs, ReadOnlySpan<byte> data) => Write(timestampNs, data, data.Length);

    /// <summary>Writes one packet of <paramref name="originalLength"/> bytes of which <paramref name="data"/> were captured.</summary>
    public abstract void Write(long timestampNs, ReadOnlySpan<byte> data, int originalLength);

    /// <summary>Flushes and closes the output.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Flushes and closes the output.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Output.Dispose();
        }
    }

    /// <summary>
    /// Creates a new file for writing and refuses to replace one that exists: Blinds never writes over a user's file.
    /// The file is created with the process umask (never wider permissions); with <paramref name="ownerOnly"/>, for
    /// files that hold what the capture leaked, with at most 0600, set as it is created so that no other user can
    /// open it in between.
    /// </summary>
    public static FileStream CreateNew(string path, bool ownerOnly = false)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
