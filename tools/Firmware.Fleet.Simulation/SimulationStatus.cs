namespace Firmware.Fleet.Simulation;

/// <summary>Where the simulated fleet stands, counted over its devices.</summary>
/// <param name="Devices">Devices running.</param>
/// <param name="Offline">Devices that never connect.</param>
/// <param name="Connected">Devices connected to the broker now.</param>
/// <param name="Updating">Devices with an update in progress.</param>
/// <param name="Committed">Devices whose last update committed.</param>
/// <param name="RolledBack">Devices whose last update rolled back.</param>
/// <param name="Failed">Devices whose last update failed.</param>
/// <param name="Reboots">Simulated reboots so far.</param>
/// <param name="Drops">Connections dropped by the simulated network.</param>
/// <param name="SlotBytes">Bytes the memory slots' block pool holds (each distinct block once).</param>
public sealed record SimulationStatus(int Devices, int Offline, int Connected, int Updating, int Committed, int RolledBack, int Failed, int Reboots, int Drops, long SlotBytes = 0)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"devices {Devices} (offline {Offline}), connected {Connected}, updating {Updating}, committed {Committed}, rolled back {RolledBack}, failed {Failed}, reboots {Reboots}, drops {Drops}, slot pool {SlotBytes >> 20} MiB";
}
