namespace Blinds.Defences.Costs;

/// <summary>Where a defence's extra bytes come from.</summary>
public enum OverheadKind
{
    /// <summary>Encapsulation: the VPN's headers on every packet and fragment.</summary>
    Tunnel,

    /// <summary>Shaping: the unused end of a fixed-size slot that carried a real fragment.</summary>
    Padding,

    /// <summary>Shaping: whole slots sent with nothing real to carry.</summary>
    Cover,

    /// <summary>Injected activity: stochastic padding periods and decoy events.</summary>
    Injected,
}
