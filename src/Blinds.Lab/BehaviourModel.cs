namespace Blinds.Lab;

/// <summary>The behaviour models of the lab (paper 002 sections 5 and 7, paper 003 section III).</summary>
public enum BehaviourModel
{
    /// <summary>Sleep monitor (Sense): tiny heartbeats, peaks when the user goes to bed and gets up.</summary>
    SleepMonitor,
    /// <summary>Security camera (Nest Cam, Amcrest): a steady upload in motion mode, far more in live view.</summary>
    Camera,
    /// <summary>Smart plug or switch (WeMo, TP-Link, Orvibo): heartbeats, a spike on each toggle.</summary>
    Plug,
    /// <summary>Voice assistant (Echo): background streams, a burst per question.</summary>
    Assistant,
    /// <summary>Hue bridge: SSDP announcements, plain-HTTP API calls from the app with the key in the URL.</summary>
    HueBridge,
    /// <summary>Phone: app traffic, talks to the Hue bridge; may randomise its MAC.</summary>
    Phone,
    /// <summary>Laptop: browsing sessions to many sites.</summary>
    Laptop,
    /// <summary>Media player (Apple TV): quiet, then a large software-update download.</summary>
    MediaPlayer,
}
