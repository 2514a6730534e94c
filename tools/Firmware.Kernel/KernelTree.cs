namespace Firmware.Kernel;

/// <summary>
/// A kernel and its modules unpacked on disk: the image at <see cref="KernelImage"/> and the module
/// tree at <c>ROOT/lib/modules/VERSION</c>, the layout depmod(8) and modprobe(8) expect.
/// </summary>
/// <param name="Root">The directory holding <c>boot/</c> and <c>lib/modules/</c>.</param>
/// <param name="Version">The kernel release (<c>uname -r</c>), e.g. <c>6.1.0-57-amd64</c>.</param>
/// <param name="KernelImage">The kernel image file (bzImage on x86, Image on arm64).</param>
public sealed record KernelTree(string Root, string Version, string KernelImage)
{
    /// <summary>The module directory, <c>ROOT/lib/modules/VERSION</c>.</summary>
    public string ModulesDirectory => Path.Combine(Root, "lib", "modules", Version);

    /// <summary>The kernel's build configuration (<c>boot/config-VERSION</c>) when the source shipped one.</summary>
    public string? ConfigFile => File.Exists(Path.Combine(Root, "boot", "config-" + Version)) ? Path.Combine(Root, "boot", "config-" + Version) : null;
}
