using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Blinds.Shaping.Cells;

/// <summary>
/// The few libc calls the cell path needs: no .NET API opens a TUN device (TUNSETIFF is an ioctl), and the send
/// schedule needs an absolute monotonic sleep finer than Thread.Sleep's millisecond.
/// </summary>
internal static partial class Native
{
    public const int ORdWr = 2;
    public const int OCloexec = 0x80000;
    public const short IffTun = 0x0001;
    public const short IffNoPi = 0x1000;
    public const nuint TunSetIff = 0x400454ca;
    public const short PollIn = 0x0001;
    public const int ClockMonotonic = 1;
    public const int TimerAbsTime = 1;
    public const int EIntr = 4;
    public const int EAgain = 11;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, ref IfReq ifr);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    public const int SchedFifo = 1;

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static partial int SchedSetScheduler(int pid, int policy, in int priority);

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    public static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    public static partial int ClockNanosleep(int clock, int flags, in TimeSpec request, nint remain);

    /// <summary>struct ifreq as TUNSETIFF reads it: the name, then the flags (the rest of the union unused).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IfReq
    {
        public IfName Name;
        public short Flags;
        public Padding22 Rest;
    }

    /// <summary>IFNAMSIZ bytes.</summary>
    [InlineArray(16)]
    public struct IfName
    {
        private byte first;
    }

    /// <summary>The rest of struct ifreq (40 bytes in all on 64-bit Linux).</summary>
    [InlineArray(22)]
    public struct Padding22
    {
        private byte first;
    }

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>struct timespec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
