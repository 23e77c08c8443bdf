namespace Blinds.Traffic;

/// <summary>Which way a packet goes, seen from the home.</summary>
public enum Direction : byte
{
    /// <summary>Could not be told (no IP layer, broadcast from outside...).</summary>
    Unknown = 0,
    /// <summary>From a LAN device to a remote (internet) address.</summary>
    Up = 1,
    /// <summary>From a remote address to a LAN device.</summary>
    Down = 2,
    /// <summary>Between addresses inside the home (including multicast and broadcast).</summary>
    Local = 3,
}
