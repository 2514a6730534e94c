namespace Firmware.Kernel.Sources;

/// <summary>Flattened image files unpacked in a directory.</summary>
public sealed class DirectoryFiles : IFlattenedFiles
{
    private readonly string root;

    /// <summary>Serves the files under <paramref name="root"/>.</summary>
    public DirectoryFiles(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        this.root = Path.GetFullPath(root);
    }

    /// <inheritdoc/>
    public string Name => root;

    /// <inheritdoc/>
    public Stream? TryOpen(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(Path.Combine(root, path.TrimStart('/')));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' leaves the image root", nameof(path));
        }

        return File.Exists(full) ? new FileStream(full, FileMode.Open, FileAccess.Read) : null;
    }
}
