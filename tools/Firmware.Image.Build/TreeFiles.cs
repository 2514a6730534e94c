using Firmware.Kernel.Sources;
using Firmware.Rootfs.Tree;

namespace Firmware.Image.Build;

/// <summary>A flattened image held as a <see cref="RootfsTree"/>, as the kernel stage reads a LinuxKit kernel image.</summary>
/// <param name="tree">The image's files.</param>
/// <param name="name">The image reference, for messages.</param>
internal sealed class TreeFiles(RootfsTree tree, string name) : IFlattenedFiles
{
    public string Name => name;

    public Stream? TryOpen(string path) =>
        tree.Find(path) is RegularFileNode file ? tree.Store.OpenRead(file.Content) : null;
}
