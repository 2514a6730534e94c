namespace Firmware.Image.Build;

/// <summary>What <see cref="KernelBootStage"/> put into a root.</summary>
/// <param name="Version">The kernel release.</param>
/// <param name="KernelBytes">The kernel image's size.</param>
/// <param name="InitramfsBytes">The compressed initramfs's size.</param>
/// <param name="Modules">How many modules the initramfs loads.</param>
public sealed record KernelStageResult(string Version, long KernelBytes, long InitramfsBytes, int Modules);
