using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Leaks;

/// <summary>What kind of thing a device gave away on the LAN.</summary>
public enum LeakKind
{
    /// <summary>An Authorization header sent over plain HTTP.</summary>
    HttpAuthorization,
    /// <summary>A key or token in a plain-HTTP URL (paper 003: the Hue bridge's API key).</summary>
    HttpKeyInUrl,
    /// <summary>The device announces what it is over SSDP (server, device type, description URL).</summary>
    SsdpAnnouncement,
    /// <summary>The device announces its name over mDNS.</summary>
    MdnsAnnouncement,
}

/// <summary>One finding of the LAN observer, with the evidence (redacted unless asked otherwise) and how often.</summary>
/// <param name="Device">The station.</param>
/// <param name="Kind">What leaked.</param>
/// <param name="Evidence">One example, credentials replaced by [redacted] unless shown on purpose.</param>
/// <param name="Count">How many requests or messages.</param>
public sealed record Leak(MacAddress Device, LeakKind Kind, string Evidence, long Count);
