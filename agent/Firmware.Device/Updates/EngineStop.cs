namespace Firmware.Device.Updates;

/// <summary>Why <see cref="UpdateEngine.RunAsync"/> returned.</summary>
public enum EngineStop
{
    /// <summary>No update is in progress: none was offered, or the last one finished and its outcome was handed to the reporter.</summary>
    Idle,

    /// <summary>A reboot was requested; the engine continues after the boot.</summary>
    RebootRequested,
}
