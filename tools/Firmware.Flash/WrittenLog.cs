using System.IO.Hashing;

namespace Firmware.Flash;

/// <summary>
/// What a flash wrote: each buffer's offset, length and a 128-bit XXH3 of its bytes. The bmap's
/// SHA-256 already proved the source; read-back only has to show the medium returns what it was
/// given, which a fast non-cryptographic hash per buffer does, in parallel.
/// </summary>
internal sealed class WrittenLog
{
    private readonly List<WrittenSpan> _spans = [];

    public IReadOnlyList<WrittenSpan> Spans => _spans;

    public long Bytes => _spans.Sum(s => (long)s.Length);

    /// <summary>Ranges completed (for the result).</summary>
    public int Ranges { get; set; }

    public void Add(long offset, ReadOnlySpan<byte> data) => _spans.Add(new WrittenSpan(offset, data.Length, XxHash128.HashToUInt128(data)));

    public static bool Matches(ReadOnlySpan<byte> data, UInt128 check) => XxHash128.HashToUInt128(data) == check;

    /// <summary>Contiguous extents covered by the spans, for dropping the target's cache once per extent.</summary>
    public IEnumerable<(long Offset, long Length)> Extents()
    {
        long start = -1, end = -1;
        foreach (var span in _spans)
        {
            if (span.Offset != end)
            {
                if (start >= 0)
                {
                    yield return (start, end - start);
                }

                start = span.Offset;
            }

            end = span.Offset + span.Length;
        }

        if (start >= 0)
        {
            yield return (start, end - start);
        }
    }
}

/// <summary>One written buffer.</summary>
internal readonly record struct WrittenSpan(long Offset, int Length, UInt128 Check);
