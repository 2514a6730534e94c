using System.Globalization;

namespace Firmware.Image.Build.Qemu;

/// <summary>
/// QEMU's arguments for booting a disk image under UEFI, as <c>linuxkit run qemu</c> does: TCG
/// always (KVM is not relied on), the serial console on standard output, no display, the firmware
/// code read-only with a private copy of its variable store, the disk on virtio.
/// </summary>
public static class QemuCommandLine
{
    /// <summary>The arguments for <paramref name="machine"/> booting <paramref name="disk"/>.</summary>
    /// <param name="machine">The machine.</param>
    /// <param name="firmware">The UEFI firmware.</param>
    /// <param name="vars">The writable copy of the variable store.</param>
    /// <param name="disk">The raw disk image.</param>
    public static IReadOnlyList<string> Create(QemuMachine machine, UefiFirmware firmware, string vars, string disk)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(firmware);
        var virtioDisk = machine.Architecture == "amd64"
            ? new[] { "-drive", $"file={disk},format=raw,if=virtio" }
            : ["-drive", $"file={disk},format=raw,if=none,id=disk0", "-device", "virtio-blk-pci,drive=disk0"];
        return
        [
            "-machine", machine.Machine, "-accel", "tcg", "-cpu", machine.Cpu,
            "-m", machine.MemoryMiB.ToString(CultureInfo.InvariantCulture), "-smp", "1",
            "-nographic", "-nodefaults", "-serial", "stdio",
            "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={firmware.Code}",
            "-drive", $"if=pflash,format=raw,unit=1,file={vars}",
            .. virtioDisk,
        ];
    }
}
