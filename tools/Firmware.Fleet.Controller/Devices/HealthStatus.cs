namespace Firmware.Fleet.Controller.Devices;

/// <summary>A device's health as the controller judges it from its last telemetry sample.</summary>
public enum HealthStatus
{
    /// <summary>No sample yet.</summary>
    Unknown,

    /// <summary>Within every <see cref="HealthLimits"/>.</summary>
    Good,

    /// <summary>Outside at least one limit.</summary>
    Bad,
}
