namespace Blinds.Capture;

/// <summary>The LINKTYPE_ values of the tcpdump.org registry that Blinds decodes; any other value is carried through as a number.</summary>
public enum LinkType
{
    /// <summary>BSD loopback: a 4-byte address family in host byte order.</summary>
    Null = 0,
    /// <summary>Ethernet II / 802.3, with 802.1Q and QinQ tags.</summary>
    Ethernet = 1,
    /// <summary>Raw IP as some BSDs number it.</summary>
    RawBsd = 12,
    /// <summary>Raw IP (OpenBSD's number).</summary>
    RawOpenBsd = 14,
    /// <summary>Raw IPv4 or IPv6, version from the first nibble.</summary>
    Raw = 101,
    /// <summary>802.11 frames without a radio header.</summary>
    Ieee80211 = 105,
    /// <summary>OpenBSD loopback: a 4-byte address family in network byte order.</summary>
    Loop = 108,
    /// <summary>Linux "cooked" capture v1.</summary>
    LinuxSll = 113,
    /// <summary>802.11 frames behind a radiotap header.</summary>
    Ieee80211Radiotap = 127,
    /// <summary>Raw IPv4.</summary>
    IPv4 = 228,
    /// <summary>Raw IPv6.</summary>
    IPv6 = 229,
    /// <summary>Linux "cooked" capture v2.</summary>
    LinuxSll2 = 276,
}
