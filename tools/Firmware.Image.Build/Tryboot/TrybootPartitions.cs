using Firmware.Boards;
using Firmware.Image.Build.Esp;

namespace Firmware.Image.Build.Tryboot;

/// <summary>
/// The FAT partitions of a Raspberry Pi tryboot image: the first one with autoboot.txt selecting
/// slot A and the firmware, and a slot's boot partition with its config.txt, cmdline.txt, kernel and
/// initramfs. The firmware files go on every one of them: the first partition's start4.elf reads
/// autoboot.txt, and the firmware then loads the device tree and overlays from the partition it
/// boots (Raspberry Pi documentation, "autoboot.txt").
/// </summary>
public static class TrybootPartitions
{
    /// <summary>Writes the first FAT partition (role esp) to <paramref name="path"/>.</summary>
    public static async Task WriteFirmwareAsync(ImageBuildPlan plan, string path, string work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var esp = plan.Find(PartitionRole.Esp)!;
        var bootA = plan.Find(PartitionRole.BootA)!;
        IReadOnlyList<(string, byte[])> files =
        [
            (TrybootFiles.Autoboot, System.Text.Encoding.ASCII.GetBytes(TrybootFiles.AutobootText(bootA.Number))),
            .. TrybootFirmware.Read(plan.Request.FirmwareDirectory!),
        ];
        await FatImage.WriteAsync(path, esp.Size, plan.EspSerial, "FIRMWARE", files, plan.Mtime, Scratch(work, "firmware"), cancellationToken);
    }

    /// <summary>Writes <paramref name="slot"/>'s boot partition, booting <paramref name="kernel"/> with the root in that slot.</summary>
    public static async Task WriteSlotAsync(ImageBuildPlan plan, char slot, KernelBootStage kernel, string path, string work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(kernel);
        var (bootRole, rootRole, serial) = slot == 'A'
            ? (PartitionRole.BootA, PartitionRole.RootA, plan.BootSerials[0])
            : (PartitionRole.BootB, PartitionRole.RootB, plan.BootSerials[1]);
        var boot = plan.Find(bootRole)!;
        var ascii = System.Text.Encoding.ASCII;
        IReadOnlyList<(string, byte[])> files =
        [
            (TrybootFiles.Config, ascii.GetBytes(TrybootFiles.ConfigText())),
            (TrybootFiles.Cmdline, ascii.GetBytes(TrybootFiles.CmdlineText(slot, plan.Find(rootRole)!.Name, plan.Cmdline))),
            (TrybootFiles.Kernel, kernel.Kernel!),
            (TrybootFiles.Initramfs, kernel.Initramfs!),
            .. TrybootFirmware.Read(plan.Request.FirmwareDirectory!),
        ];
        await FatImage.WriteAsync(path, boot.Size, serial, "BOOT-" + slot, files, plan.Mtime, Scratch(work, "boot-" + slot), cancellationToken);
    }

    private static string Scratch(string work, string name) => Directory.CreateDirectory(Path.Combine(work, "fat-" + name)).FullName;
}
