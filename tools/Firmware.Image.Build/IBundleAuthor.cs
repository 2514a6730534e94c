namespace Firmware.Image.Build;

/// <summary>
/// Writes the signed bundle that installs a root into a slot. The host's bundle authoring (keys,
/// signing, trust checks) lives with the CLI; the build hands it the root and the names.
/// </summary>
public interface IBundleAuthor
{
    /// <summary>Writes a bundle for <paramref name="compatible"/> at <paramref name="version"/> whose <c>rootfs</c> payload is <paramref name="rootfs"/>.</summary>
    /// <returns>The bundle's size in bytes.</returns>
    Task<long> WriteAsync(string compatible, string version, string rootfs, string output, CancellationToken cancellationToken);
}
