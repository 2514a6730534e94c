namespace Firmware.Oci.Layouts;

/// <summary>An OCI image layout kept as a directory.</summary>
internal sealed class DirectoryLayoutStore(string root) : ILayoutStore
{
    public string Describe(string relativePath) => Path.Combine(root, relativePath);

    public Stream? TryOpen(string relativePath, out long length)
    {
        var path = Path.Combine(root, relativePath);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            length = 0;
            return null;
        }

        length = info.Length;
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }
}
