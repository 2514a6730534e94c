namespace Firmware.Device.Boot.Tryboot;

/// <summary>Where the tryboot backend finds its files, and which partition holds which slot.</summary>
/// <param name="AutobootFile">autoboot.txt on the first FAT partition (mounted, e.g. /boot/autoboot/autoboot.txt).</param>
/// <param name="PartitionA">The partition number of slot A's boot partition (boot_partition=).</param>
/// <param name="PartitionB">The partition number of slot B's boot partition.</param>
/// <param name="DeviceTreeRoot">The device tree as procfs shows it; tests point it at a scratch tree.</param>
public sealed record TrybootSettings(string AutobootFile, int PartitionA = 2, int PartitionB = 3, string DeviceTreeRoot = "/proc/device-tree");
