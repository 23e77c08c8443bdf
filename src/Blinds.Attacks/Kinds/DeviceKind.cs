namespace Blinds.Attacks.Kinds;

/// <summary>
/// What a device is for: the closed set the attacks, defences and reports reason about (an activity's name, the
/// latency a defence may add, the function blocking takes away). Text from devices files, signatures and tables is
/// parsed once into it by <see cref="DeviceKindText.Parse"/>; <see cref="Unknown"/> is the explicit "not known",
/// also for a kind Blinds has no rules for. JSON and reports keep the text forms (<see cref="DeviceKindText.Text"/>).
/// </summary>
public enum DeviceKind
{
    /// <summary>Not known: nothing named it, or a kind Blinds has no rules for.</summary>
    Unknown = 0,

    /// <summary>Smart plug, switch, outlet or bulb: its bursts are toggles.</summary>
    Plug,

    /// <summary>Security camera or doorbell: motion clips and live view.</summary>
    Camera,

    /// <summary>Voice assistant or smart speaker: questions.</summary>
    Assistant,

    /// <summary>Sleep monitor: going to bed and getting up.</summary>
    SleepMonitor,

    /// <summary>Hub, bridge or gateway of other devices: commands.</summary>
    Hub,

    /// <summary>Smart lock: locking and unlocking.</summary>
    Lock,

    /// <summary>A person's phone or tablet.</summary>
    Phone,

    /// <summary>A person's laptop or computer.</summary>
    Laptop,

    /// <summary>TV, streamer or media player.</summary>
    MediaPlayer,

    /// <summary>Weather station.</summary>
    WeatherStation,

    /// <summary>Air-quality monitor.</summary>
    AirQuality,

    /// <summary>A sensor of doors, motion, smoke or water.</summary>
    Sensor,

    /// <summary>Thermostat or heating controller.</summary>
    Thermostat,
}
