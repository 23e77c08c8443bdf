using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace Blinds.Capture;

/// <summary>
/// mmap(2), munmap(2) and madvise(2) from libc for <see cref="CaptureInput"/>'s mapped windows (Linux only: the flag
/// values below are Linux's). Every signature is blittable, so the calls need no marshalling.
/// </summary>
internal static unsafe partial class NativeMap
{
    private const int ProtRead = 1;
    private const int MapPrivate = 2;
    private const int MadviseSequential = 2;

    /// <summary>The size windows are aligned to.</summary>
    public static readonly int PageSize = Environment.SystemPageSize;

    private static bool unavailable;

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="file"/> from <paramref name="offset"/> (page-aligned) read-only; null when that fails.</summary>
    public static byte* Map(SafeFileHandle file, long offset, long length)
    {
        if (unavailable)
        {
            return null;
        }

        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            var p = Mmap(0, (nuint)length, ProtRead, MapPrivate, (int)file.DangerousGetHandle(), offset);
            if (p == -1)
            {
                return null;
            }

            // Read ahead: the window is read once, front to back. (MAP_POPULATE, measured: no less CPU, and the
            // whole window resident at once, 54 -> 70 MB peak RSS.)
            _ = Madvise(p, (nuint)length, MadviseSequential);
            return (byte*)p;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
            return null;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>Unmaps what <see cref="Map"/> returned.</summary>
    public static void Unmap(byte* address, long length) => _ = Munmap((nint)address, (nuint)length);

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
