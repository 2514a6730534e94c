namespace Firmware.Rootfs.Layers;

/// <summary>How a layer blob is compressed.</summary>
public enum LayerCompression
{
    /// <summary>Sniff the magic bytes: gzip (1f 8b), zstd (28 b5 2f fd), else a plain tar.</summary>
    Detect,
    /// <summary>A plain tar (<c>application/vnd.oci.image.layer.v1.tar</c>).</summary>
    None,
    /// <summary>Gzip (<c>...tar+gzip</c>, and Docker's <c>...rootfs.diff.tar.gzip</c>).</summary>
    Gzip,
    /// <summary>Zstandard (<c>...tar+zstd</c>).</summary>
    Zstd,
}
