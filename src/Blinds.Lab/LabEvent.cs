namespace Blinds.Lab;

/// <summary>One user activity: the ground truth that the attacks try to recover.</summary>
/// <param name="TimeNs">When it starts, ns since the epoch.</param>
/// <param name="Device">Device name.</param>
/// <param name="Activity">toggle, question, live_view_start, live_view_stop, motion, in_bed, out_of_bed, app_open.</param>
public sealed record LabEvent(long TimeNs, string Device, string Activity);
