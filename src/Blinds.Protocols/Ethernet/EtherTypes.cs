namespace Blinds.Protocols.Ethernet;

/// <summary>EtherType values Blinds decodes.</summary>
public static class EtherTypes
{
    /// <summary>IPv4.</summary>
    public const ushort IPv4 = 0x0800;
    /// <summary>ARP.</summary>
    public const ushort Arp = 0x0806;
    /// <summary>802.1Q customer tag.</summary>
    public const ushort Vlan = 0x8100;
    /// <summary>802.1ad service tag (QinQ).</summary>
    public const ushort QinQ = 0x88a8;
    /// <summary>Pre-standard QinQ tag.</summary>
    public const ushort QinQOld = 0x9100;
    /// <summary>IPv6.</summary>
    public const ushort IPv6 = 0x86dd;
    /// <summary>EAPOL (Wi-Fi handshakes).</summary>
    public const ushort Eapol = 0x888e;
}
