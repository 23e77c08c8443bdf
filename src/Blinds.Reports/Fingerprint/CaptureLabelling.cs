namespace Blinds.Reports.Fingerprint;

/// <summary>Where `fingerprint learn` takes each observation's label from.</summary>
public enum CaptureLabelling
{
    /// <summary>The labels file's name for each MAC.</summary>
    Mac,

    /// <summary>The capture file's own name, for the labelled MAC with most packets in it.</summary>
    File,

    /// <summary>The capture's folder name (IoT Sentinel's layout: two folders may share a MAC).</summary>
    Folder,
}
