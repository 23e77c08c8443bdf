using Blinds.Defences.Specs;

namespace Blinds.Reports;

/// <summary>A plan's padding as every command reports it.</summary>
/// <param name="Mode">constant or vit.</param>
/// <param name="UpBytesPerSecond">Upload rate.</param>
/// <param name="DownBytesPerSecond">Download rate.</param>
/// <param name="SlotBytes">Bytes per slot (cell).</param>
/// <param name="Spread">VIT's interval spread; 0 for constant.</param>
public sealed record DefenceShaper(string Mode, double UpBytesPerSecond, double DownBytesPerSecond, int SlotBytes, double Spread)
{
    /// <summary>The plan's padding, or null when it pads nothing.</summary>
    public static DefenceShaper? Of(DefencePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Shaper is not { } s ? null : new(s.Vit ? "vit" : "constant", s.UpBytesPerSecond, s.DownBytesPerSecond, s.PacketBytes, s.Spread);
    }
}
