using Firmware.Bundles;

namespace Firmware.Core.Tests.Bundles;

/// <summary>Nothing of a payload is handed on before the manifest is verified.</summary>
[Trait("Category", "Malformed")]
public sealed class BundleReaderContractTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task Chunks_cannot_be_read_before_the_manifest()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadChunkAsync());
    }

    [Fact]
    public async Task Chunks_cannot_be_read_after_the_manifest_was_rejected()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy with { Board = "other-board" });
        await Assert.ThrowsAsync<BundleException>(async () => await reader.ReadManifestAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadChunkAsync());
    }

    [Fact]
    public async Task The_manifest_cannot_be_read_twice()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        await reader.ReadManifestAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadManifestAsync());
    }

    [Fact]
    public async Task Verifying_the_manifest_reads_nothing_past_the_last_entry_before_the_payloads()
    {
        var result = await TestKit.ReadAsync(scenario.Bundle, scenario.Policy);

        Assert.Equal(scenario.Layout["trust/2.json"].DataEnd, result.ReadBeforeManifestVerified);
    }

    [Fact]
    public async Task A_rejected_manifest_reads_nothing_past_the_first_payload_header()
    {
        using var stranger = TestKit.Key();
        var bundle = scenario.Write(scenario.Manifest, [stranger], [scenario.Trust2]);

        var result = await TestKit.ReadAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.UnknownSigner, result.Error?.Error);
        Assert.Null(result.Manifest);
        Assert.Empty(result.Chunks);
        Assert.True(result.ReadBeforeManifestVerified <= scenario.Layout["trust/2.json"].DataEnd);
    }

    [Fact]
    public async Task Chunks_come_in_manifest_order_with_their_offsets()
    {
        var result = await TestKit.ReadAsync(scenario.Bundle, scenario.Policy);

        var expected = scenario.Manifest.Payloads
            .SelectMany(p => p.Chunks.Select((c, i) => (p.Name, i, Offset: p.Chunks.Take(i).Sum(x => (long)x.Size))))
            .ToList();
        Assert.Equal(expected, result.Chunks.Select(c => (c.Payload, c.Index, c.Offset)).ToList());
    }

    [Fact]
    public async Task Under_stored_checking_chunks_are_handed_on_as_stored()
    {
        var result = await TestKit.ReadAsync(scenario.Bundle, TestKit.Policy(scenario.Trust, check: PayloadCheck.Stored));

        Assert.True(result.Completed);
        Assert.Equal(scenario.KernelStored, result.Payloads()["kernel"]);
        Assert.Equal(scenario.RootfsStored, result.Payloads()["rootfs"]);
    }

    [Fact]
    public async Task After_the_last_chunk_the_reader_keeps_returning_null()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        await reader.ReadManifestAsync();
        while (await reader.ReadChunkAsync() is not null)
        {
        }

        Assert.Null(await reader.ReadChunkAsync());
        Assert.Equal(scenario.Bundle.Length, reader.Position);
    }

    [Fact]
    public void A_stream_that_cannot_be_read_is_refused()
    {
        using var stream = new MemoryStream();
        stream.Close();

        Assert.Throws<ArgumentException>(() => new BundleReader(stream, scenario.Policy));
    }
}
