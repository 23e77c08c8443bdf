using Blinds.Protocols.Addressing;

namespace Blinds.Protocols.Dns;

/// <summary>Receives what <see cref="DnsParser"/> finds. Names are lower-case dotted ASCII in a scratch buffer, valid only during the call.</summary>
public interface IDnsVisitor
{
    /// <summary>A question.</summary>
    void OnQuestion(ReadOnlySpan<byte> name, ushort type);

    /// <summary>An answer-section record (A/AAAA carry <paramref name="address"/>, CNAME/PTR/SRV carry <paramref name="target"/>).</summary>
    void OnAnswer(ReadOnlySpan<byte> owner, ushort type, uint ttl, IpAddress address, ReadOnlySpan<byte> target);
}
