namespace Firmware.Boards;

/// <summary>A board as boards/NAME/board.yml describes it, validated.</summary>
public sealed record Board
{
    /// <summary>The board's name, which is also its directory under boards/.</summary>
    public required string Name { get; init; }

    /// <summary>One line for people.</summary>
    public required string Description { get; init; }

    /// <summary>The CPU architecture as OCI spells it: "amd64" or "arm64".</summary>
    public required string Architecture { get; init; }

    /// <summary>The compatible string bundles must list for this board.</summary>
    public required string Compatible { get; init; }

    /// <summary>The bootloader and its state.</summary>
    public required BootloaderSettings Bootloader { get; init; }

    /// <summary>The partition table.</summary>
    public required DiskLayout Disk { get; init; }

    /// <summary>Kernel command line, console and modules.</summary>
    public required KernelSettings Kernel { get; init; }

    /// <summary>The status LED, if the board has one the agent may drive.</summary>
    public StatusLed? StatusLed { get; init; }

    /// <summary>The watchdog device, if any (/dev/watchdog0).</summary>
    public string? Watchdog { get; init; }

    /// <summary>How to emulate it, for boards QEMU can run.</summary>
    public QemuSettings? Qemu { get; init; }

    /// <summary>The file it was read from.</summary>
    public required string Source { get; init; }
}
