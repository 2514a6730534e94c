namespace Firmware.Kernel.Modules;

/// <summary>
/// The modules an initramfs loads for each board: the common set every slot layout needs, plus the
/// block and bus drivers of the board's boot disk. Built-in ones are skipped at resolution.
/// </summary>
public static class BoardModules
{
    /// <summary>
    /// Needed on every board: squashfs (the slot root), overlay (writable overlays above it), ext4 (the
    /// data partition) with crc32c_generic (ext4's metadata checksums request "crc32c" through the crypto
    /// API, which has no modprobe to call in the initramfs), vfat with nls_ascii and nls_cp437 (the ESP;
    /// the default FAT charsets, or mount fails with EINVAL), and loop.
    /// </summary>
    public static IReadOnlyList<string> Common { get; } =
        ["squashfs", "overlay", "crc32c_generic", "ext4", "vfat", "nls_ascii", "nls_cp437", "loop"];

    private static readonly Dictionary<string, string[]> ByBoard = new(StringComparer.Ordinal)
    {
        // QEMU's virtio disk and NIC on the PCI bus (q35/pc and virt alike); virt can also use virtio-mmio.
        // The NIC is loaded here too: the root has no modules of its own (docs/kernel.md). The power
        // button (QEMU's system_powerdown, fwinit powers off on KEY_POWER): ACPI's button driver (a
        // module on amd64, built in on arm64, where virt signals it through the ACPI GED) and evdev,
        // which gives it a /dev/input/eventN for fwinit to read.
        ["qemu-x86_64"] = ["virtio_pci", "virtio_blk", "virtio_net", "button", "evdev"],
        ["qemu-arm64"] = ["virtio_pci", "virtio_mmio", "virtio_blk", "virtio_net", "button", "evdev"],
        // The Pi 4's SD card: the Arasan/iProc SDHCI controller and the MMC block layer.
        ["raspberrypi4"] = ["sdhci_iproc", "mmc_block"],
        // PCs boot from SATA (AHCI), NVMe or USB mass storage.
        ["generic-x86_64"] = ["ahci", "nvme", "sd_mod", "usb_storage", "xhci_pci"],
    };

    /// <summary>The boards with a module set.</summary>
    public static IEnumerable<string> Boards => ByBoard.Keys.Order(StringComparer.Ordinal);

    /// <summary>The common modules followed by <paramref name="board"/>'s own.</summary>
    /// <exception cref="ArgumentException">The board is unknown.</exception>
    public static IReadOnlyList<string> For(string board)
    {
        ArgumentException.ThrowIfNullOrEmpty(board);
        return ByBoard.TryGetValue(board, out var own)
            ? [.. Common, .. own]
            : throw new ArgumentException($"unknown board '{board}'; known: {string.Join(", ", Boards)}", nameof(board));
    }
}
