using System.Runtime.InteropServices;
using System.Text;

namespace Blinds.Shaping.Cells;

/// <summary>
/// A TUN device (IFF_TUN | IFF_NO_PI: whole IP packets, no extra header) opened through /dev/net/tun. It exists as
/// long as this process holds it open: a crash takes the interface, and every route through it, away with it.
/// </summary>
public sealed class TunDevice : IDisposable
{
    private int fd;

    private TunDevice(int fd, string name)
    {
        this.fd = fd;
        Name = name;
    }

    /// <summary>The interface name.</summary>
    public string Name { get; }

    /// <summary>Creates (or attaches to) the TUN interface <paramref name="name"/>.</summary>
    public static TunDevice Open(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bytes = Encoding.ASCII.GetBytes(name);
        if (bytes.Length is 0 or > 15)
        {
            throw new ShapingException($"{name}: not an interface name (1 to 15 characters)");
        }

        var fd = Native.Open("/dev/net/tun", Native.ORdWr | Native.OCloexec);
        if (fd < 0)
        {
            throw new ShapingException($"/dev/net/tun: cannot open ({Marshal.GetLastPInvokeErrorMessage()}); load the tun module and run as root");
        }

        var req = default(Native.IfReq);
        bytes.CopyTo(req.Name);
        req.Flags = Native.IffTun | Native.IffNoPi;
        if (Native.Ioctl(fd, Native.TunSetIff, ref req) < 0)
        {
            var why = Marshal.GetLastPInvokeErrorMessage();
            Native.Close(fd);
            throw new ShapingException($"{name}: cannot create the TUN device ({why})");
        }

        return new TunDevice(fd, name);
    }

    /// <summary>
    /// Reads one packet into <paramref name="buffer"/>: its length, 0 when nothing came within
    /// <paramref name="timeoutMs"/> (so that the caller can look at its stop flag), or -1 when the device is gone.
    /// </summary>
    public int Read(Span<byte> buffer, int timeoutMs)
    {
        var p = new Native.PollFd { Fd = fd, Events = Native.PollIn };
        var ready = Native.Poll(ref p, 1, timeoutMs);
        if (ready == 0 || (ready < 0 && Marshal.GetLastPInvokeError() == Native.EIntr))
        {
            return 0;
        }

        if (ready < 0 || (p.Revents & ~Native.PollIn) != 0)
        {
            return -1;
        }

        var n = Native.Read(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
        return n >= 0 ? (int)n : Marshal.GetLastPInvokeError() is Native.EIntr or Native.EAgain ? 0 : -1;
    }

    /// <summary>Writes one whole IP packet; false when the kernel refused it (the device went away, a malformed packet).</summary>
    public bool Write(ReadOnlySpan<byte> packet) =>
        Native.Write(fd, ref MemoryMarshal.GetReference(packet), packet.Length) == packet.Length;

    /// <summary>Closes the device (the interface disappears).</summary>
    public void Dispose()
    {
        var f = Interlocked.Exchange(ref fd, -1);
        if (f >= 0)
        {
            Native.Close(f);
        }
    }
}
