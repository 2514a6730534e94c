using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Firmware.Chunking;

namespace Firmware.Core.Tests.Chunking;

[Trait("Category", "Unit")]
public sealed class FastCdcChunkerTests
{
    private static readonly FastCdcChunker Small = new(256, 1024, 4096);

    [Fact]
    public void Chunk_sizes_of_a_seeded_input_match_the_golden_vector()
    {
        var data = SplitMix(20_000, 42);

        var sizes = Cut(Small, data);

        Assert.Equal(GoldenSizes, sizes);
    }

    [Fact]
    public void The_golden_vector_follows_from_the_written_definition()
    {
        Assert.Equal(GoldenSizes, Reference(SplitMix(20_000, 42), 256, 1024, 4096));
    }

    [Fact]
    public void Boundaries_match_the_written_definition_for_any_input_and_parameters()
    {
        var parameters = Gen.Int[10, 13].SelectMany(bits => Gen.Select(Gen.Int[64, 1 << bits], Gen.Int[1 << bits, 4 << bits], (min, max) => (min, avg: 1 << bits, max)));
        Gen.Select(parameters, Gen.Int[0, 100_000], Gen.Int).Sample((p, length, seed) =>
        {
            var data = SplitMix(length, seed);
            var chunker = new FastCdcChunker(p.min, p.avg, p.max);

            Assert.Equal(Reference(data, p.min, p.avg, p.max), Cut(chunker, data));
        }, iter: 200);
    }

    [Fact]
    public void Every_chunk_but_the_last_is_between_min_and_max_and_the_last_is_at_most_max()
    {
        Gen.Select(Gen.Int[1, 200_000], Gen.Int, Gen.Bool).Sample((length, seed, zeros) =>
        {
            var data = zeros ? new byte[length] : SplitMix(length, seed);

            var sizes = Cut(Small, data);

            Assert.Equal(length, sizes.Sum());
            Assert.All(sizes[..^1], s => Assert.InRange(s, Small.MinSize + 1, Small.MaxSize));
            Assert.InRange(sizes[^1], 1, Small.MaxSize);
        }, iter: 200);
    }

    [Fact]
    public void Data_without_any_boundary_is_cut_at_the_maximum()
    {
        var sizes = Cut(Small, new byte[10_000]);

        Assert.Equal([4096, 4096, 1808], sizes);
    }

    [Fact]
    public void Most_chunks_survive_an_insertion_of_a_few_bytes_in_the_middle()
    {
        var chunker = new FastCdcChunker(2048, 8192, 32768);
        var original = SplitMix(1 << 20, 7);
        byte[] edited = [.. original.AsSpan(0, original.Length / 2), 1, 2, 3, 4, 5, .. original.AsSpan(original.Length / 2)];

        var before = Digests(chunker, original);
        var after = Digests(chunker, edited).ToHashSet();

        var survivors = before.Count(after.Contains);
        Assert.True(before.Count > 64, $"only {before.Count} chunks");
        Assert.True(survivors >= before.Count - 3, $"{survivors} of {before.Count} chunks survived");
    }

    [Fact]
    public void Without_the_final_flag_a_short_input_with_no_boundary_asks_for_more_data()
    {
        var data = new byte[3000];

        Assert.Equal(0, Small.NextBoundary(data, isFinal: false));
        Assert.Equal(3000, Small.NextBoundary(data, isFinal: true));
        Assert.Equal(0, Small.NextBoundary(data.AsSpan(0, 200), isFinal: false));
        Assert.Equal(200, Small.NextBoundary(data.AsSpan(0, 200), isFinal: true));
    }

    [Fact]
    public void A_boundary_found_in_partial_data_is_the_one_found_in_all_of_it()
    {
        var data = SplitMix(50_000, 3);
        var whole = Small.NextBoundary(data, isFinal: true);

        Assert.Equal(whole, Small.NextBoundary(data.AsSpan(0, Small.MaxSize), isFinal: false));
    }

    [Theory]
    [InlineData(256, 1000, 4096)]   // average not a power of two
    [InlineData(256, 512, 4096)]    // average below 1 KiB
    [InlineData(32, 1024, 4096)]    // minimum below 64
    [InlineData(2048, 1024, 4096)]  // minimum above average
    [InlineData(256, 1024, 512)]    // maximum below average
    [InlineData(256, 1024, (8 << 20) + 1)] // maximum above 8 MiB
    public void Invalid_parameters_are_refused(int min, int average, int max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastCdcChunker(min, average, max));

    [Fact]
    public void Parameters_of_another_algorithm_are_refused()
    {
        var parameters = Small.Parameters with { Algorithm = "rabin" };

        Assert.Throws<ArgumentException>(() => FastCdcChunker.FromParameters(parameters));
    }

    [Fact]
    public void The_default_chunker_is_64_KiB_256_KiB_1_MiB()
    {
        Assert.Equal((64 << 10, 256 << 10, 1 << 20), (FastCdcChunker.Default.MinSize, FastCdcChunker.Default.AverageSize, FastCdcChunker.Default.MaxSize));
        Assert.Equal("fastcdc-v1", FastCdcChunker.Default.Parameters.Algorithm);
    }

    // Computed once, outside this code base, from the definition in the chunker's documentation;
    // a change here changes every chunk digest of every bundle ever made.
    private static readonly int[] GoldenSizes = [1571, 1483, 1210, 621, 1230, 1413, 1129, 1236, 1583, 2153, 1188, 1081, 1035, 1029, 1048, 990];

    internal static byte[] SplitMix(int length, int seed)
    {
        var data = new byte[length];
        var state = (ulong)seed;
        Span<byte> word = stackalloc byte[8];
        for (var i = 0; i < length; i += 8)
        {
            state += 0x9E3779B97F4A7C15;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            BinaryPrimitives.WriteUInt64LittleEndian(word, z);
            word[..Math.Min(8, length - i)].CopyTo(data.AsSpan(i));
        }

        return data;
    }

    private static List<int> Cut(FastCdcChunker chunker, ReadOnlySpan<byte> data)
    {
        var sizes = new List<int>();
        while (!data.IsEmpty)
        {
            var length = chunker.NextBoundary(data, isFinal: true);
            sizes.Add(length);
            data = data[length..];
        }

        return sizes;
    }

    private static List<string> Digests(FastCdcChunker chunker, byte[] data)
    {
        var digests = new List<string>();
        var position = 0;
        foreach (var size in Cut(chunker, data))
        {
            digests.Add(Convert.ToHexString(SHA256.HashData(data.AsSpan(position, size))));
            position += size;
        }

        return digests;
    }

    /// <summary>fastcdc-v1 as the chunker's documentation defines it, written plainly.</summary>
    private static List<int> Reference(byte[] data, int min, int average, int max)
    {
        var gear = new ulong[256];
        for (var n = 0; n < 256; n++)
        {
            byte[] text = [.. Encoding.ASCII.GetBytes("fastcdc-v1 gear"), (byte)n];
            gear[n] = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(text));
        }

        var bits = BitOperations.Log2((uint)average);
        var small = ulong.MaxValue << (64 - (bits + 2));
        var large = ulong.MaxValue << (64 - (bits - 2));
        var sizes = new List<int>();
        for (var start = 0; start < data.Length;)
        {
            var remaining = data.Length - start;
            var length = Math.Min(remaining, max);
            if (remaining > min)
            {
                ulong h = 0;
                for (var i = min; i < Math.Min(remaining, max); i++)
                {
                    h = (h << 1) + gear[data[start + i]];
                    if ((h & (i < average ? small : large)) == 0)
                    {
                        length = i + 1;
                        break;
                    }
                }
            }

            sizes.Add(length);
            start += length;
        }

        return sizes;
    }
}
