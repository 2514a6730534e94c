namespace Firmware.Boards;

/// <summary>The board's bootloader and where its A/B state lives.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="Environment">Where the state lives as the running device sees it: the GRUB
/// environment block's path, the fw_env.config path, or the boot partition holding autoboot.txt.</param>
/// <param name="Tries">How many boots a trial slot gets before the bootloader falls back (1 for tryboot, whose firmware allows one).</param>
public sealed record BootloaderSettings(BootloaderBackend Backend, string Environment, int Tries);
