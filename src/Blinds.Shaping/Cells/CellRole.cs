namespace Blinds.Shaping.Cells;

/// <summary>Which end of the cell path a process is.</summary>
public enum CellRole
{
    /// <summary>The home gateway: sends the upload, knows the endpoint's address.</summary>
    Gateway,

    /// <summary>The endpoint outside the ISP's view: sends the download, learns the gateway's address from its first authentic cell.</summary>
    Endpoint,
}
