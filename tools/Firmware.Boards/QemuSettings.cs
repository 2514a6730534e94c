namespace Firmware.Boards;

/// <summary>How <c>fwtool run qemu</c> emulates the board.</summary>
/// <param name="Machine">The -machine value (q35, virt).</param>
/// <param name="Cpu">The -cpu value (max, cortex-a57).</param>
/// <param name="MemoryMiB">Guest memory.</param>
/// <param name="Firmware">The UEFI firmware: "ovmf" (x86_64) or "aavmf" (arm64).</param>
public sealed record QemuSettings(string Machine, string Cpu, int MemoryMiB, string Firmware);
