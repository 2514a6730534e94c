namespace Firmware.Image.Spec;

/// <summary>The kernel section: an image that holds the kernel, and its command line.</summary>
/// <param name="Image">The image holding the kernel.</param>
/// <param name="Cmdline">The kernel command line, or empty.</param>
/// <param name="Binary">The kernel's file in the image (LinuxKit's default: <c>kernel</c>).</param>
/// <param name="Tar">The tar of modules in the image, <c>none</c> for none (default <c>kernel.tar</c>).</param>
/// <param name="Ucode">A CPU microcode archive in the image, or null.</param>
public sealed record KernelSpec(ImageReference Image, string Cmdline, string Binary, string Tar, string? Ucode)
{
    /// <summary>LinuxKit's default kernel file name.</summary>
    public const string DefaultBinary = "kernel";

    /// <summary>LinuxKit's default module tar name.</summary>
    public const string DefaultTar = "kernel.tar";
}
