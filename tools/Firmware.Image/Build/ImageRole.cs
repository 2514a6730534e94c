namespace Firmware.Image.Build;

/// <summary>What an image is for in a root filesystem build.</summary>
public enum ImageRole
{
    /// <summary>The kernel image: resolved and recorded; the kernel stage unpacks it.</summary>
    Kernel,
    /// <summary>An init image, flattened over <c>/</c>.</summary>
    Init,
    /// <summary>The image of an onboot, onshutdown or service container.</summary>
    Container,
}
