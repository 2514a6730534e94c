namespace Firmware.Init.Containers;

/// <summary>
/// One system container's OCI bundle (<c>config.json</c> and <c>rootfs/</c>): its directory and
/// the name it runs under, which is the directory's name (<c>000-prepare</c>, <c>heartbeat</c>).
/// </summary>
public sealed record ContainerBundle(string Name, string Path)
{
    /// <summary>
    /// The bundles in <paramref name="directory"/>, in ordinal name order (onboot names carry
    /// their position, <c>000-</c>, <c>001-</c>); none if the directory does not exist.
    /// </summary>
    public static IReadOnlyList<ContainerBundle> In(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(directory)
            .Select(d => new ContainerBundle(System.IO.Path.GetFileName(d), d))
            .OrderBy(b => b.Name, StringComparer.Ordinal)];
    }
}
