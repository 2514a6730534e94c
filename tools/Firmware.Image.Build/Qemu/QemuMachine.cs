using Firmware.Boards;
using Firmware.HostTools;

namespace Firmware.Image.Build.Qemu;

/// <summary>The emulated machine for an architecture: QEMU's program, machine, CPU and disk attachment.</summary>
/// <param name="Architecture">amd64 or arm64.</param>
/// <param name="Program">The QEMU system emulator and its Debian package.</param>
/// <param name="Machine">QEMU's <c>-machine</c>.</param>
/// <param name="Cpu">QEMU's <c>-cpu</c>.</param>
/// <param name="MemoryMiB">Guest memory.</param>
public sealed record QemuMachine(string Architecture, HostTool Program, string Machine, string Cpu, int MemoryMiB)
{
    /// <summary>The machine for <paramref name="architecture"/> when no board says otherwise: q35 with OVMF, or virt with a Cortex-A57 and AAVMF.</summary>
    public static QemuMachine Default(string architecture) => architecture switch
    {
        "amd64" => new("amd64", new HostTool("qemu-system-x86_64", "qemu-system-x86"), "q35", "max", 512),
        "arm64" => new("arm64", new HostTool("qemu-system-aarch64", "qemu-system-arm"), "virt", "cortex-a57", 512),
        _ => throw new ArgumentException($"--arch: '{architecture}' is not amd64 or arm64", nameof(architecture)),
    };

    /// <summary>The machine board.yml's <c>qemu:</c> section describes.</summary>
    /// <exception cref="ArgumentException">The board has no <c>qemu:</c> section.</exception>
    public static QemuMachine For(Board board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var qemu = board.Qemu ?? throw new ArgumentException($"{board.Source}: board '{board.Name}' has no qemu: section, so QEMU cannot run it", nameof(board));
        return Default(board.Architecture) with { Machine = qemu.Machine, Cpu = qemu.Cpu, MemoryMiB = qemu.MemoryMiB };
    }
}
