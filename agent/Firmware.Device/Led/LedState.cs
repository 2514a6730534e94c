namespace Firmware.Device.Led;

/// <summary>What the status LED shows: one pattern per agent state (docs/agent.md, "Status LED").</summary>
public enum LedState
{
    /// <summary>Up to date and connected: a short heartbeat flash.</summary>
    Idle,

    /// <summary>No broker connection: slow, even blinking.</summary>
    Offline,

    /// <summary>Fetching a bundle.</summary>
    Downloading,

    /// <summary>Writing the inactive slot: do not cut power.</summary>
    Installing,

    /// <summary>About to reboot into the new slot.</summary>
    Rebooting,

    /// <summary>Running a trial boot, health gate pending.</summary>
    Trial,

    /// <summary>An update failed or was rolled back; the device needs attention.</summary>
    Failed,
}
