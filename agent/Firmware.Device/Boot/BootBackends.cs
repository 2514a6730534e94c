using Firmware.Device.Boot.Tryboot;
using Firmware.Device.Config;
using Firmware.Device.Slots;
using Firmware.Device.Storage;

namespace Firmware.Device.Boot;

/// <summary>
/// The bootloader a configuration selects: the real backends through <see cref="BootControlRegistry"/>,
/// or the simulated one (a state file, which starts with slot A primary when it does not exist yet).
/// The one place that turns a <see cref="BootBackendConfig"/> into an <see cref="IBootControl"/>.
/// </summary>
public static class BootBackends
{
    /// <summary>The bootloader <paramref name="config"/> names.</summary>
    /// <param name="config">The backend and its settings.</param>
    /// <param name="reboot">How to restart (tryboot restarts through it with its flag).</param>
    /// <param name="storage">Where the simulated bootloader's state file is reached (absolute paths are used as given).</param>
    /// <exception cref="BootControlException">The backend cannot be set up.</exception>
    public static IBootControl Create(BootBackendConfig config, IReboot reboot, IDeviceStorage storage)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(reboot);
        ArgumentNullException.ThrowIfNull(storage);
        if (config is SimulatedBootConfig simulated)
        {
            var bootloader = new SimulatedBootloader(storage, simulated.StateFile);
            bootloader.Initialize(SlotName.A);
            return bootloader;
        }

        return BootControlRegistry.Create(config.Name, config switch
        {
            GrubBootConfig grub => new BootControlSettings(grub.EnvironmentFile, null, null, reboot),
            UBootBootConfig uboot => new BootControlSettings(null, uboot.FwEnvConfig, null, reboot),
            TrybootBootConfig tryboot => new BootControlSettings(null, null, new TrybootSettings(tryboot.Autoboot, tryboot.PartitionA, tryboot.PartitionB, DeviceTreeRoot(tryboot.TrybootFlag)), reboot),
            _ => throw new BootControlException($"no settings for the boot-control backend '{config.Name}'"),
        });
    }

    /// <summary>The device tree root above <c>chosen/bootloader/tryboot</c>, where the tryboot backend looks for its flag.</summary>
    private static string DeviceTreeRoot(string flag)
    {
        const string Property = "/chosen/bootloader/tryboot";
        return flag.EndsWith(Property, StringComparison.Ordinal)
            ? flag[..^Property.Length]
            : throw new BootControlException($"tryboot-flag '{flag}' must end in {Property} (the property the firmware sets)");
    }
}
