namespace Firmware.Device.Storage;

/// <summary>
/// <see cref="IDeviceStorage"/> over the real file system, rooted at a directory (the data partition).
/// Streams flush to the disk (fsync) on <see cref="Stream.Flush()"/>.
/// </summary>
public sealed class DirectoryStorage : IDeviceStorage
{
    /// <summary>Creates storage rooted at <paramref name="root"/>, creating the directory if needed.</summary>
    public DirectoryStorage(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The directory relative names resolve under.</summary>
    public string Root { get; }

    /// <summary>The full path of <paramref name="name"/>.</summary>
    public string PathOf(string name) => Path.IsPathRooted(name) ? name : Path.Combine(Root, name);

    /// <inheritdoc/>
    public bool Exists(string name) => File.Exists(PathOf(name));

    /// <inheritdoc/>
    public Stream OpenRead(string name) =>
        new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);

    /// <inheritdoc/>
    public Stream OpenWrite(string name)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Unbuffered: the engine writes whole chunks, and Flush must reach the kernel at once.
        return new SyncOnFlushStream(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0));
    }

    /// <inheritdoc/>
    public void Replace(string source, string destination) => File.Move(PathOf(source), PathOf(destination), overwrite: true);

    /// <inheritdoc/>
    public void Delete(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
