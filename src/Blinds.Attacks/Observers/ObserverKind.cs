namespace Blinds.Attacks.Observers;

/// <summary>Who is watching (DESIGN.md, "Observer"): each sees a different projection of the same traffic.</summary>
public enum ObserverKind
{
    /// <summary>Anyone on the home network: MACs, local addresses, DNS, DHCP, mDNS, SSDP, plain HTTP, TLS SNI.</summary>
    Lan,

    /// <summary>The ISP, outside the NAT: one public address, remote addresses and ports, sizes, times, DNS and SNI in the clear.</summary>
    Isp,

    /// <summary>An eavesdropper on the radio without the key: transmitter and receiver MACs, frame sizes and times.</summary>
    Wifi,
}
