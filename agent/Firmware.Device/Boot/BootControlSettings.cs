using Firmware.Device.Boot.Tryboot;

namespace Firmware.Device.Boot;

/// <summary>What the boot-control backends need from the agent's configuration; each backend reads only its own part.</summary>
/// <param name="GrubEnvironmentFile">grub: the environment block file (e.g. /boot/efi/EFI/BOOT/grubenv).</param>
/// <param name="UBootConfigFile">uboot: the fw_env.config that locates the environment (e.g. /etc/fw_env.config).</param>
/// <param name="Tryboot">tryboot: autoboot.txt, the slots' partition numbers and the device tree root.</param>
/// <param name="Reboot">How to restart (tryboot restarts with the tryboot flag through it).</param>
public sealed record BootControlSettings(string? GrubEnvironmentFile, string? UBootConfigFile, TrybootSettings? Tryboot, IReboot Reboot);
