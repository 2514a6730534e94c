namespace Firmware.Init.Shutdown;

/// <summary>What the init does once everything is down: the reboot(2) command it issues.</summary>
public enum RebootKind
{
    /// <summary>LINUX_REBOOT_CMD_RESTART (RB_AUTOBOOT).</summary>
    Reboot,

    /// <summary>LINUX_REBOOT_CMD_RESTART2 with "0 tryboot": the Raspberry Pi firmware boots the tryboot partition once.</summary>
    RebootTryboot,

    /// <summary>LINUX_REBOOT_CMD_POWER_OFF (RB_POWER_OFF).</summary>
    PowerOff,

    /// <summary>LINUX_REBOOT_CMD_HALT (RB_HALT_SYSTEM), busybox init's SIGUSR1.</summary>
    Halt,
}
