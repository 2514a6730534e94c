namespace Firmware.Boards;

/// <summary>How a board chooses its slot at boot (docs/boot-control.md has each backend's variables).</summary>
public enum BootloaderBackend
{
    /// <summary>GRUB EFI with an environment block on the ESP (x86_64 and arm64 UEFI boards).</summary>
    Grub,

    /// <summary>U-Boot with its environment located by fw_env.config.</summary>
    UBoot,

    /// <summary>The Raspberry Pi firmware's tryboot with autoboot.txt.</summary>
    Tryboot,
}
