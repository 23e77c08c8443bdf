namespace Blinds.Protocols.Dns;

/// <summary>The fixed 12-byte DNS header.</summary>
/// <param name="Id">Transaction id.</param>
/// <param name="Flags">Flags word (QR, opcode, AA, TC, RD, RA, rcode).</param>
/// <param name="Questions">QDCOUNT.</param>
/// <param name="Answers">ANCOUNT.</param>
/// <param name="Authorities">NSCOUNT.</param>
/// <param name="Additionals">ARCOUNT.</param>
public readonly record struct DnsHeader(ushort Id, ushort Flags, ushort Questions, ushort Answers, ushort Authorities, ushort Additionals)
{
    /// <summary>True for responses.</summary>
    public bool IsResponse => (Flags & 0x8000) != 0;

    /// <summary>Response code.</summary>
    public int ResponseCode => Flags & 0xf;
}
