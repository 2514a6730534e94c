using Firmware.Bundles;

namespace Firmware.Core.Tests.Bundles;

/// <summary>
/// The reader checks several chunks at once but hands them on, and fails, strictly in stream
/// order: what it has already read further on never changes which error a bundle gets.
/// </summary>
[Trait("Category", "Malformed")]
public sealed class BundleReadAheadTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task A_bad_chunk_is_reported_before_a_cut_in_the_archive_after_it()
    {
        var bad = scenario.ChunkOffset(scenario.RootfsManifest, 1);
        var cut = scenario.ChunkOffset(scenario.RootfsManifest, 3) + 7;
        var bundle = TestKit.FlipBit(scenario.Bundle, bad + 2)[..(int)cut];

        var result = await TestKit.ReadAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.ChunkHashMismatch, result.Error?.Error);
        Assert.Equal(bad, result.Error?.Offset);
        Assert.Equal(scenario.KernelManifest.Chunks.Count + 1, result.Chunks.Count);
    }

    [Fact]
    public async Task Of_two_bad_chunks_the_first_in_the_stream_is_reported()
    {
        var first = scenario.ChunkOffset(scenario.RootfsManifest, 2);
        var second = scenario.ChunkOffset(scenario.RootfsManifest, 3);
        var bundle = TestKit.FlipBit(TestKit.FlipBit(scenario.Bundle, second + 1), first + 1);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(first, error.Offset);
    }

    [Fact]
    public async Task Trailing_bytes_after_the_archive_are_reported_only_after_every_chunk_is_handed_on()
    {
        var bundle = scenario.Bundle.Concat(Enumerable.Repeat((byte)0x41, 512)).ToArray();

        var result = await TestKit.ReadAsync(bundle, scenario.Policy);

        Assert.NotNull(result.Error);
        Assert.Equal(scenario.KernelManifest.Chunks.Count + scenario.RootfsManifest.Chunks.Count, result.Chunks.Count);
        Assert.Equal(scenario.Rootfs, result.Payloads()["rootfs"]);
    }

    [Fact]
    public async Task A_chunk_handed_on_keeps_its_bytes_until_the_next_read()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        await reader.ReadManifestAsync();
        var kernelChunks = scenario.KernelManifest.Chunks.Count;
        for (var i = 0; i < kernelChunks; i++)
        {
            await reader.ReadChunkAsync();
        }

        var chunk = (await reader.ReadChunkAsync())!.Value;
        var expected = scenario.Rootfs.AsSpan(0, scenario.RootfsManifest.Chunks[0].Size).ToArray();
        await Task.Delay(50);   // the chunks after it are being checked meanwhile, into other buffers

        Assert.Equal(expected, chunk.Data.ToArray());
    }

    [Fact]
    public async Task A_reader_disposed_with_chunks_in_flight_waits_for_them()
    {
        var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        await reader.ReadManifestAsync();
        await reader.ReadChunkAsync();

        reader.Dispose();

        Assert.True(reader.Position > scenario.ChunkOffset(scenario.KernelManifest, 1), "the reader had read ahead");
    }
}
