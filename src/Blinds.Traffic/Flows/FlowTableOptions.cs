namespace Blinds.Traffic.Flows;

/// <summary>Timeouts and the size cap of the flow table (defaults follow common NetFlow exporters).</summary>
public sealed record FlowTableOptions
{
    /// <summary>Idle timeout for TCP flows.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Idle timeout for UDP and other flows.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest a record may span; longer flows are split.</summary>
    public TimeSpan ActiveTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Most flows kept at once: bounds memory whatever the capture.</summary>
    public int MaxActiveFlows { get; init; } = 65_536;
}
