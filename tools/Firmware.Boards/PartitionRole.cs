namespace Firmware.Boards;

/// <summary>What a partition is for; the image build fills each role, the agent finds slots by it.</summary>
public enum PartitionRole
{
    /// <summary>The FAT partition the firmware boots from: the ESP on UEFI boards, the boot
    /// partition holding autoboot.txt on a Raspberry Pi.</summary>
    Esp,

    /// <summary>Slot A's boot files, on boards whose firmware can only read FAT (Raspberry Pi).</summary>
    BootA,

    /// <summary>Slot B's boot files.</summary>
    BootB,

    /// <summary>Slot A's root filesystem (squashfs, holding its kernel and initramfs on GRUB boards).</summary>
    RootA,

    /// <summary>Slot B's root filesystem.</summary>
    RootB,

    /// <summary>The persistent data partition (/data), kept across updates.</summary>
    Data,
}
