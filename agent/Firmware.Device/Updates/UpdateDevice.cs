using Firmware.Device.Boot;
using Firmware.Device.Health;
using Firmware.Device.Slots;
using Firmware.Device.Sources;
using Firmware.Device.Storage;
using Firmware.Device.Updates.Checkpoints;

namespace Firmware.Device.Updates;

/// <summary>The device the engine drives: its storage, slots, bootloader and the services around them.</summary>
public sealed record UpdateDevice
{
    /// <summary>The data partition (staged bundles).</summary>
    public required IDeviceStorage Storage { get; init; }

    /// <summary>Where the checkpoint lives.</summary>
    public required CheckpointStore Checkpoints { get; init; }

    /// <summary>The two slots.</summary>
    public required SlotPair Slots { get; init; }

    /// <summary>The bootloader.</summary>
    public required IBootControl Boot { get; init; }

    /// <summary>The slot the running system booted from (the kernel command line says it).</summary>
    public required SlotName Booted { get; init; }

    /// <summary>Decides whether a trial boot is healthy.</summary>
    public required IHealthGate Health { get; init; }

    /// <summary>Restarts the device (a plain restart; a backend that arms its trial by the reboot itself implements <see cref="ITrialReboot"/>).</summary>
    public required IReboot Reboot { get; init; }

    /// <summary>Delivers outcomes.</summary>
    public required IOutcomeReporter Reporter { get; init; }

    /// <summary>Reopens bundle sources by location after a restart.</summary>
    public required BundleSources Sources { get; init; }

    /// <summary>The clock (bundle expiry, retry pauses).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
