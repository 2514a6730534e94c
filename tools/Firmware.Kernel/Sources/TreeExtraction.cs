using System.Formats.Tar;

namespace Firmware.Kernel.Sources;

/// <summary>
/// Writes tar entries into a staging directory, confined to it, and publishes the directory
/// with one rename so a failed extraction leaves no partial tree behind.
/// </summary>
internal sealed class TreeExtraction : IDisposable
{
    private readonly string destination;
    private bool published;

    public TreeExtraction(string destination)
    {
        this.destination = Path.GetFullPath(destination);
        if (Directory.Exists(this.destination) || File.Exists(this.destination))
        {
            throw new ArgumentException($"'{destination}' already exists", nameof(destination));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(this.destination)!);
        // Beside the destination, so publishing is one rename on the same filesystem.
        Staging = Directory.CreateDirectory(this.destination + ".partial-" + Path.GetRandomFileName()).FullName;
    }

    public string Staging { get; }

    /// <summary>Writes a regular file's data at <paramref name="relative"/> (normalized by <see cref="Debian.DebPackage.NormalizePath"/>).</summary>
    public string WriteFile(string relative, TarEntry entry)
    {
        var path = Path.Combine(Staging, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        entry.DataStream?.CopyTo(output);
        return path;
    }

    /// <summary>Writes a file from a stream at <paramref name="relative"/>.</summary>
    public string WriteFile(string relative, Stream content)
    {
        var path = Path.Combine(Staging, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        content.CopyTo(output);
        return path;
    }

    /// <summary>Moves the staging directory to the destination and returns the tree as it lies there.</summary>
    public KernelTree Publish(string version, string kernelRelative)
    {
        Directory.Move(Staging, destination);
        published = true;
        return new KernelTree(destination, version, Path.Combine(destination, kernelRelative));
    }

    public void Dispose()
    {
        if (!published && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }
}
