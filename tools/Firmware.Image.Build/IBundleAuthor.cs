namespace Firmware.Image.Build;

/// <summary>
/// Writes the signed bundle that installs a root into a slot. The host's bundle authoring (keys,
/// signing, trust checks) lives with the CLI; the build hands it the root and the names.
/// </summary>
public interface IBundleAuthor
{
    /// <summary>Writes a bundle for <paramref name="compatible"/> at <paramref name="version"/> carrying <paramref name="payloads"/>
    /// (name and file, <c>rootfs</c> first).</summary>
    /// <returns>The bundle's size in bytes.</returns>
    Task<long> WriteAsync(string compatible, string version, IReadOnlyList<(string Name, string Path)> payloads, string output, CancellationToken cancellationToken);
}
