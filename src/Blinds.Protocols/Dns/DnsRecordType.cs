namespace Blinds.Protocols.Dns;

/// <summary>DNS record types Blinds reads.</summary>
public static class DnsRecordType
{
    /// <summary>IPv4 address.</summary>
    public const ushort A = 1;
    /// <summary>Canonical name.</summary>
    public const ushort Cname = 5;
    /// <summary>Pointer (reverse lookups, DNS-SD).</summary>
    public const ushort Ptr = 12;
    /// <summary>Text (DNS-SD metadata).</summary>
    public const ushort Txt = 16;
    /// <summary>IPv6 address.</summary>
    public const ushort Aaaa = 28;
    /// <summary>Service location (DNS-SD).</summary>
    public const ushort Srv = 33;
}
