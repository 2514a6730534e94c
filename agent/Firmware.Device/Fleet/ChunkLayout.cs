using Firmware.Bundles;
using Firmware.Tar;

namespace Firmware.Device.Fleet;

/// <summary>
/// Where each piece of a bundle lands in the assembled <c>.fwb</c> (docs/protocol.md section 4):
/// the header (index -1) at 0, then per payload its canonical tar header, its stored chunks in
/// order and zero padding, then the end-of-archive marker. Pure: computed from the verified
/// manifest and the header's length.
/// </summary>
public sealed class ChunkLayout
{
    private readonly long[] _offsets;
    private readonly int[] _sizes;
    private readonly string[] _digests;

    /// <summary>Lays out <paramref name="manifest"/>'s chunks after a header of <paramref name="headerLength"/> bytes.</summary>
    public ChunkLayout(BundleManifest manifest, long headerLength)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var chunks = manifest.Payloads.SelectMany(p => p.Chunks).ToArray();
        _offsets = new long[chunks.Length];
        _sizes = chunks.Select(c => c.StoredSize).ToArray();
        _digests = chunks.Select(c => c.StoredSha256).ToArray();
        var entries = new List<(long Offset, TarHeader Header)>();
        var position = headerLength;
        var index = 0;
        foreach (var payload in manifest.Payloads)
        {
            entries.Add((position, new TarHeader(BundleEntryNames.Payload(payload.Name), payload.StoredSize, manifest.Created.ToUnixTimeSeconds(), TarHeader.EntryMode)));
            position += TarHeader.BlockSize;
            foreach (var chunk in payload.Chunks)
            {
                _offsets[index++] = position;
                position += chunk.StoredSize;
            }

            position += TarHeader.PaddingFor(payload.StoredSize);
        }

        Headers = entries;
        EndOffset = position;
        Length = position + (2 * TarHeader.BlockSize);
    }

    /// <summary>Chunks over all payloads.</summary>
    public int Count => _offsets.Length;

    /// <summary>Each payload's tar header and where it goes.</summary>
    public IReadOnlyList<(long Offset, TarHeader Header)> Headers { get; }

    /// <summary>Where the end-of-archive marker goes.</summary>
    public long EndOffset { get; }

    /// <summary>The assembled bundle's length.</summary>
    public long Length { get; }

    /// <summary>Where chunk <paramref name="index"/> goes.</summary>
    public long Offset(int index) => _offsets[index];

    /// <summary>The signed stored size of chunk <paramref name="index"/>.</summary>
    public int StoredSize(int index) => _sizes[index];

    /// <summary>The signed stored SHA-256 (hex) of chunk <paramref name="index"/>.</summary>
    public string StoredSha256(int index) => _digests[index];
}
