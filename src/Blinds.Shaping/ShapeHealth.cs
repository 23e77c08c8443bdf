namespace Blinds.Shaping;

/// <summary>Whether a shaped interface is as `blinds shape up` keeps it.</summary>
public enum ShapeHealth
{
    /// <summary>The rules are in place and the process that keeps them (cover, VIT, schedule) is alive.</summary>
    Running,

    /// <summary>
    /// The rules remain but their process is gone (killed, crashed): the link is still throttled, now without cover
    /// or rate changes, so it both costs and leaks. `blinds shape down` restores it.
    /// </summary>
    Degraded,

    /// <summary>Shaped, but not by a Blinds state Blinds knows of (set up by hand).</summary>
    Unmanaged,
}
