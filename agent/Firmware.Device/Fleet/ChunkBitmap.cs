namespace Firmware.Device.Fleet;

/// <summary>
/// Which chunks are in, one bit each, kept in a file beside the assembled bundle. Each change is
/// written to <c>FILE.tmp</c>, synced and renamed over the file, so after a crash or a power cut
/// the file holds the last completed save: a chunk counts as done only once its bit is durable,
/// and a chunk whose bit was lost is simply asked for again.
/// </summary>
public sealed class ChunkBitmap
{
    private readonly string _path;
    private readonly byte[] _bits;

    private ChunkBitmap(string path, int count, byte[] bits)
    {
        _path = path;
        Count = count;
        _bits = bits;
        Done = Enumerable.Range(0, count).Count(Has);
    }

    /// <summary>The number of chunks.</summary>
    public int Count { get; }

    /// <summary>How many are in.</summary>
    public int Done { get; private set; }

    /// <summary>True when every chunk is in.</summary>
    public bool Complete => Done == Count;

    /// <summary>Loads the bitmap of <paramref name="count"/> chunks from <paramref name="path"/>, or starts an empty one when the file is missing or of another size.</summary>
    public static ChunkBitmap Load(string path, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var size = (count + 7) / 8;
        var bits = File.Exists(path) ? File.ReadAllBytes(path) : [];
        return new ChunkBitmap(path, count, bits.Length == size ? bits : new byte[size]);
    }

    /// <summary>True when chunk <paramref name="index"/> is in.</summary>
    public bool Has(int index) => (_bits[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>The chunks still missing, in index order.</summary>
    public IEnumerable<int> Missing() => Enumerable.Range(0, Count).Where(i => !Has(i));

    /// <summary>Marks chunk <paramref name="index"/> as in, durably.</summary>
    public void Set(int index)
    {
        if (Has(index))
        {
            return;
        }

        _bits[index >> 3] |= (byte)(1 << (index & 7));
        Done++;
        var temporary = _path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(_bits);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
