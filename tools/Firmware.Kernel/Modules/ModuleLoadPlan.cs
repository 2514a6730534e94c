namespace Firmware.Kernel.Modules;

/// <summary>The modules an initramfs loads, dependencies first, and the requested ones the kernel already has built in.</summary>
/// <param name="Version">The kernel release.</param>
/// <param name="Load">Modules in load order: each comes after everything it depends on.</param>
/// <param name="Builtin">Requested or depended-on names that are built into the kernel, so nothing is loaded for them.</param>
public sealed record ModuleLoadPlan(string Version, IReadOnlyList<KernelModule> Load, IReadOnlyList<string> Builtin);
