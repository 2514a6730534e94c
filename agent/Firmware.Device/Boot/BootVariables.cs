namespace Firmware.Device.Boot;

/// <summary>
/// The names of the A/B variables that the GRUB and U-Boot backends and the bootloader scripts
/// under <c>boards/common/</c> share (the table in docs/boot-control.md). Defined once here; the
/// scripts spell the same names, and a test reads the scripts to check they do.
/// </summary>
public static class BootVariables
{
    /// <summary>The committed slot, "A" or "B". Absent means A: a freshly flashed image boots slot A.</summary>
    public const string Primary = "fw_primary";

    /// <summary>The slot armed for a trial boot, "A" or "B"; absent when no trial is armed.</summary>
    public const string Trial = "fw_trial";

    /// <summary>How many more times the bootloader boots the trial slot; the script counts it down
    /// before each trial boot and boots the primary slot once it is 0.</summary>
    public const string Tries = "fw_tries";

    /// <summary>The slot the script chose at the last boot that consulted a trial; written by the
    /// script together with <see cref="Tries"/>, removed by commit and rollback. Absent means the
    /// primary slot was booted.</summary>
    public const string Booted = "fw_booted";

    /// <summary>The largest try count the scripts count down (GRUB script has no arithmetic, so its
    /// if/elif chain has one branch per count). Larger requests are clamped to it, which keeps the
    /// contract: the slot boots at most the requested number of times.</summary>
    public const int MaxTries = 9;
}
