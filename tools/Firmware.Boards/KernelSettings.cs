namespace Firmware.Boards;

/// <summary>What the board's kernel needs.</summary>
/// <param name="Cmdline">Arguments every boot passes (the image build adds the slot's own).</param>
/// <param name="Console">The console device (ttyS0, ttyAMA0), where boot markers appear.</param>
/// <param name="Modules">Modules the initramfs loads for this board's storage, beyond the root filesystem's own.</param>
public sealed record KernelSettings(string Cmdline, string Console, IReadOnlyList<string> Modules);
