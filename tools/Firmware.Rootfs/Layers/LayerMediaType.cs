namespace Firmware.Rootfs.Layers;

/// <summary>Maps layer media types (OCI image spec, layer.md; Docker image manifest v2.2) to a compression.</summary>
public static class LayerMediaType
{
    /// <summary>The compression <paramref name="mediaType"/> declares; null for a type that is not a layer tar.</summary>
    public static LayerCompression? CompressionOf(string mediaType) => mediaType switch
    {
        "application/vnd.oci.image.layer.v1.tar" or "application/vnd.oci.image.layer.nondistributable.v1.tar" => LayerCompression.None,
        "application/vnd.oci.image.layer.v1.tar+gzip" or "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
            or "application/vnd.docker.image.rootfs.diff.tar.gzip" => LayerCompression.Gzip,
        "application/vnd.oci.image.layer.v1.tar+zstd" or "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd" => LayerCompression.Zstd,
        _ => null,
    };
}
