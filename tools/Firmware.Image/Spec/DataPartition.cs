namespace Firmware.Image.Spec;

/// <summary>The persistent data partition: created once, kept across A/B updates.</summary>
/// <param name="SizeBytes">Its size in bytes.</param>
/// <param name="Filesystem">Its filesystem (<c>ext4</c> or <c>f2fs</c>).</param>
/// <param name="Mount">Where it is mounted (default <c>/data</c>).</param>
public sealed record DataPartition(long SizeBytes, string Filesystem, string Mount)
{
    /// <summary>The default mount point.</summary>
    public const string DefaultMount = "/data";

    /// <summary>The default filesystem.</summary>
    public const string DefaultFilesystem = "ext4";
}
