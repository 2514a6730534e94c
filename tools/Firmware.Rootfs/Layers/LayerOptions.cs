namespace Firmware.Rootfs.Layers;

/// <summary>Limits applied while reading layers.</summary>
public sealed record LayerOptions
{
    /// <summary>The default: 8 GiB per file, far above anything a firmware root filesystem holds.</summary>
    public static LayerOptions Default { get; } = new();

    /// <summary>The largest regular file a layer may declare; a bigger one is rejected before a byte is spooled.</summary>
    public long MaxFileSize { get; init; } = 8L << 30;
}
