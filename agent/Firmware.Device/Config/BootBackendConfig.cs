namespace Firmware.Device.Config;

/// <summary>
/// The bootloader backend agent.yml selects, with its settings: one subclass per backend, the same
/// names <see cref="Boot.IBootControl.Name"/> reports. Closed: the parser makes only these.
/// </summary>
public abstract record BootBackendConfig
{
    private protected BootBackendConfig()
    {
    }

    /// <summary>The backend's registered name ("grub", "uboot", "tryboot", "simulated").</summary>
    public abstract string Name { get; }
}

/// <summary>GRUB's environment block (the file <c>grub-editenv</c> edits).</summary>
/// <param name="EnvironmentFile">The grubenv file, on the ESP or /boot.</param>
public sealed record GrubBootConfig(string EnvironmentFile) : BootBackendConfig
{
    /// <inheritdoc/>
    public override string Name => "grub";
}

/// <summary>The U-Boot environment, located as <c>fw_printenv</c> locates it.</summary>
/// <param name="FwEnvConfig">The fw_env.config file naming the environment's device, offset and size (one or two copies).</param>
public sealed record UBootBootConfig(string FwEnvConfig) : BootBackendConfig
{
    /// <summary>Where libubootenv's tools look when not told otherwise.</summary>
    public const string DefaultFwEnvConfig = "/etc/fw_env.config";

    /// <inheritdoc/>
    public override string Name => "uboot";
}

/// <summary>The Raspberry Pi firmware's tryboot mechanism.</summary>
/// <param name="Autoboot">autoboot.txt on the boot partition: <c>[all]</c> names the committed partition, <c>[tryboot]</c> the trial one.</param>
/// <param name="TrybootFlag">The device-tree property the firmware sets when this boot was a tryboot.</param>
/// <param name="PartitionA">Slot A's boot partition number.</param>
/// <param name="PartitionB">Slot B's boot partition number.</param>
public sealed record TrybootBootConfig(string Autoboot, string TrybootFlag, int PartitionA, int PartitionB) : BootBackendConfig
{
    /// <summary>Where Raspberry Pi OS mounts the boot partition's autoboot.txt.</summary>
    public const string DefaultAutoboot = "/boot/firmware/autoboot.txt";

    /// <summary>The property the firmware sets on a tryboot (Raspberry Pi documentation, "tryboot").</summary>
    public const string DefaultTrybootFlag = "/proc/device-tree/chosen/bootloader/tryboot";

    /// <inheritdoc/>
    public override string Name => "tryboot";
}

/// <summary>A file that plays the bootloader, for tests and development boards.</summary>
/// <param name="StateFile">The file holding the simulated bootloader's state.</param>
public sealed record SimulatedBootConfig(string StateFile) : BootBackendConfig
{
    /// <inheritdoc/>
    public override string Name => "simulated";
}
