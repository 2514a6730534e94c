namespace Firmware.Device.Updates;

/// <summary>What the device knows about its installed firmware, kept in the checkpoint.</summary>
public sealed record DeviceRecord
{
    /// <summary>The committed version; null until the first update commits (the configured one applies).</summary>
    public string? InstalledVersion { get; init; }

    /// <summary>The anti-rollback floor raised by committed bundles; null until one sets it.</summary>
    public string? Floor { get; init; }
}
