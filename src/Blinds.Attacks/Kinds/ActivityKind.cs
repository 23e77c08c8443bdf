namespace Blinds.Attacks.Kinds;

/// <summary>
/// What an inferred burst is named (paper 002 §5.2, paper 000 §5): the closed set <c>ActivityNamer</c> chooses from,
/// by the device's <see cref="DeviceKind"/>. Labels in events files stay the user's text and are matched against it
/// by <see cref="ActivityKindText.Matches"/>; JSON keeps the text forms (<see cref="ActivityKindText.Text"/>).
/// </summary>
public enum ActivityKind
{
    /// <summary>A burst of a device whose kind is not known: something happened.</summary>
    Activity = 0,

    /// <summary>The device starting up or reconnecting (DHCP, DNS, cloud login), not a user.</summary>
    Startup,

    /// <summary>A plug switched on or off.</summary>
    Toggle,

    /// <summary>Someone spoke to an assistant.</summary>
    Question,

    /// <summary>A camera's motion clip.</summary>
    Motion,

    /// <summary>Someone watched a camera live.</summary>
    LiveView,

    /// <summary>Going to bed.</summary>
    InBed,

    /// <summary>Getting up.</summary>
    OutOfBed,

    /// <summary>A bed transition that the gaps cannot orient.</summary>
    InBedOrOutOfBed,

    /// <summary>A phone's app used.</summary>
    AppOpen,

    /// <summary>A laptop's browsing.</summary>
    Browse,

    /// <summary>A media player's software update.</summary>
    SoftwareUpdate,

    /// <summary>A command through a hub.</summary>
    Command,

    /// <summary>A lock moved (the traffic does not say which way).</summary>
    LockOrUnlock,
}
