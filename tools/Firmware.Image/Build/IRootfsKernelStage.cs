using Firmware.Rootfs.Tree;

namespace Firmware.Image.Build;

/// <summary>
/// Puts a bootable kernel into a root before it is written: the image build's kernel stage adds
/// <c>/boot/vmlinuz</c> and <c>/boot/initramfs.img</c>, so each slot carries the kernel that matches
/// its userland (docs/image-build.md). Without one, the kernel image is resolved and recorded only.
/// </summary>
public interface IRootfsKernelStage
{
    /// <summary>Adds the kernel files made from <paramref name="kernelImage"/> (the spec's flattened kernel image) to <paramref name="root"/>.</summary>
    Task AddAsync(RootfsTree kernelImage, RootfsTree root, CancellationToken cancellationToken);
}
