namespace Firmware.Fleet.Simulation;

/// <summary>Where virtual devices keep their two slots (<c>fwtool simulate --slots</c>).</summary>
public enum SimulatedSlots
{
    /// <summary>
    /// In memory: each slot a map of 64 KiB blocks in one process-wide pool keyed by SHA-256, so a
    /// bundle installed on every device is held once, and reading a slot back returns the bytes written.
    /// </summary>
    Memory,

    /// <summary>Two sparse files in each device's directory, as <c>slots: file:</c> in agent.yml; an update takes its size on disk on every device.</summary>
    File,
}
