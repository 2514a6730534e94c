namespace Firmware.Testing;

/// <summary>A temporary directory with helpers to make sparse images in it.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory() => Path = Directory.CreateTempSubdirectory("fw-test-").FullName;

    public string Path { get; }

    public string Of(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Makes a sparse image of <paramref name="size"/> bytes with random data at the given (offset, length) extents.</summary>
    public string SparseImage(string name, long size, params (long Offset, int Length)[] extents)
    {
        var path = Of(name);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(size);
        var random = new Random(name.Length);
        foreach (var (offset, length) in extents)
        {
            var data = new byte[length];
            random.NextBytes(data);
            file.Position = offset;
            file.Write(data);
        }

        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
