namespace Firmware.Kernel.Modules;

/// <summary>One loadable module of a kernel.</summary>
/// <param name="Name">The normalized module name (<c>virtio_blk</c>).</param>
/// <param name="Path">The file relative to <c>lib/modules/VERSION</c> (<c>kernel/drivers/block/virtio_blk.ko</c>).</param>
/// <param name="Depends">Modules that must be loaded first.</param>
/// <param name="SoftPre">Modules wanted first when the kernel has them (<c>softdep pre:</c>); absent ones are skipped.</param>
public sealed record KernelModule(string Name, string Path, IReadOnlyList<string> Depends, IReadOnlyList<string> SoftPre);
