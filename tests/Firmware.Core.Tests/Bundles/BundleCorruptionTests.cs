using System.Text;
using Firmware.Bundles;

namespace Firmware.Core.Tests.Bundles;

/// <summary>A flipped bit anywhere is caught by the check that covers those bytes.</summary>
[Trait("Category", "Malformed")]
public sealed class BundleCorruptionTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task A_flipped_bit_in_the_manifest_fails_the_signature()
    {
        // "version":"1.0.0" becomes "1.0.1": still a valid manifest, so only the signature can tell.
        var at = IndexOf(scenario.ManifestBytes, "\"version\":\"1.0.0\"") + "\"version\":\"1.0.".Length;
        var bundle = TestKit.FlipBit(scenario.Bundle, scenario.Layout[BundleEntryNames.Manifest].DataOffset + at);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.SignatureInvalid, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
    }

    [Fact]
    public async Task A_flipped_bit_in_a_signature_fails_the_signature()
    {
        var signatures = StrictJson.Decode(scenario.Entry(BundleEntryNames.Signatures), FirmwareJsonContext.Default.DetachedSignatures, BundleError.SignatureMalformed, "test");
        var raw = Convert.FromBase64String(signatures.Signatures[0].Sig);
        raw[10] ^= 0x04;
        var flipped = signatures with { Signatures = [signatures.Signatures[0] with { Sig = Convert.ToBase64String(raw) }] };
        var entries = scenario.Entries();
        entries[1] = entries[1] with { Data = StrictJson.Encode(flipped, FirmwareJsonContext.Default.DetachedSignatures) };
        var bundle = RawTar.Archive(entries);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.SignatureInvalid, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
    }

    [Fact]
    public async Task A_flipped_bit_in_a_compressed_chunk_fails_its_digest_at_the_chunk()
    {
        var payload = scenario.RootfsManifest;
        Assert.True(payload.Chunks[3].StoredSize < payload.Chunks[3].Size, "chunk 3 of rootfs is compressed");
        var at = scenario.ChunkOffset(payload, 3);
        var bundle = TestKit.FlipBit(scenario.Bundle, at + 5, 3);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.ChunkHashMismatch, error.Error);
        Assert.Equal(Scenario.RootfsEntry, error.Entry);
        Assert.Equal(at, error.Offset);
    }

    [Fact]
    public async Task A_flipped_bit_in_an_uncompressed_chunk_fails_its_digest_at_the_chunk()
    {
        var payload = scenario.KernelManifest;
        Assert.Equal(payload.Chunks[2].Size, payload.Chunks[2].StoredSize);
        var at = scenario.ChunkOffset(payload, 2);
        var bundle = TestKit.FlipBit(scenario.Bundle, at + payload.Chunks[2].StoredSize - 1, 7);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.ChunkHashMismatch, error.Error);
        Assert.Equal(Scenario.KernelEntry, error.Entry);
        Assert.Equal(at, error.Offset);
    }

    [Theory]
    [InlineData("kernel", 2)]
    [InlineData("rootfs", 0)]
    [InlineData("rootfs", 5)]
    public async Task No_chunk_from_a_corrupt_position_is_handed_on_and_every_earlier_one_is_intact(string name, int corrupt)
    {
        var payload = name == "kernel" ? scenario.KernelManifest : scenario.RootfsManifest;
        var bundle = TestKit.FlipBit(scenario.Bundle, scenario.ChunkOffset(payload, corrupt) + 1);

        var result = await TestKit.ReadAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.ChunkHashMismatch, result.Error?.Error);
        Assert.DoesNotContain(result.Chunks, c => c.Payload == name && c.Index >= corrupt);
        var expectedCount = (name == "rootfs" ? scenario.KernelManifest.Chunks.Count : 0) + corrupt;
        Assert.Equal(expectedCount, result.Chunks.Count);
        foreach (var chunk in result.Chunks)
        {
            var original = chunk.Payload == "kernel" ? scenario.Kernel : scenario.Rootfs;
            Assert.Equal(original.AsSpan((int)chunk.Offset, chunk.Data.Length).ToArray(), chunk.Data);
        }
    }

    [Fact]
    public async Task Under_full_checking_a_chunk_whose_uncompressed_digest_is_wrong_is_not_handed_on()
    {
        // The stored bytes match the manifest, but the digest of what they decompress to does not:
        // only a full check can see it. The manifest is signed, so the digest check is what fails.
        var chunks = scenario.RootfsManifest.Chunks.ToArray();
        chunks[4] = chunks[4] with { Sha256 = new string('0', 64) };
        var manifest = scenario.Manifest with { Payloads = [scenario.KernelManifest, scenario.RootfsManifest with { Chunks = chunks }] };
        var bundle = scenario.WithManifest(ManifestRules.Serialize(manifest));

        var result = await TestKit.ReadAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.ChunkHashMismatch, result.Error?.Error);
        Assert.Equal(Scenario.RootfsEntry, result.Error?.Entry);
        Assert.Equal(scenario.ChunkOffset(scenario.RootfsManifest, 4), result.Error?.Offset);
        Assert.DoesNotContain(result.Chunks, c => c.Payload == "rootfs" && c.Index >= 4);
    }

    [Fact]
    public async Task Under_stored_checking_only_the_stored_digest_is_checked()
    {
        var chunks = scenario.RootfsManifest.Chunks.ToArray();
        chunks[4] = chunks[4] with { Sha256 = new string('0', 64) };
        var manifest = scenario.Manifest with { Payloads = [scenario.KernelManifest, scenario.RootfsManifest with { Chunks = chunks }] };
        var bundle = scenario.WithManifest(ManifestRules.Serialize(manifest));

        var result = await TestKit.ReadAsync(bundle, TestKit.Policy(scenario.Trust, check: PayloadCheck.Stored));

        Assert.True(result.Completed);
        Assert.Equal(scenario.RootfsStored, result.Payloads()["rootfs"]);
    }

    public static TheoryData<string, int> HeaderFields() => new()
    {
        { "manifest.json", 0 },     // name
        { "manifest.json", 124 },   // size
        { "manifest.sig", 100 },    // mode
        { "manifest.sig", 136 },    // mtime
        { "trust/2.json", 156 },    // type flag
        { "trust/2.json", 257 },    // magic
        { "payloads/kernel", 130 }, // size
        { "payloads/kernel", 265 }, // owner name
        { "payloads/rootfs", 99 },  // last byte of the name field
        { "payloads/rootfs", 511 }, // last byte of the block
    };

    [Theory]
    [MemberData(nameof(HeaderFields))]
    public async Task A_flipped_bit_in_a_tar_header_fails_its_checksum(string entryName, int field)
    {
        var header = scenario.Layout[entryName].HeaderOffset;
        var bundle = TestKit.FlipBit(scenario.Bundle, header + field, 1);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.HeaderChecksum, error.Error);
        Assert.Equal(header, error.Offset);
    }

    [Theory]
    [InlineData(0, 4)] // a leading zero digit becomes a space
    [InlineData(6, 5)] // the NUL after the digits becomes a space
    [InlineData(7, 5)] // the closing space becomes a NUL
    public async Task A_flipped_bit_that_keeps_the_checksum_value_but_not_its_canonical_form_is_rejected(int position, int bit)
    {
        // Such a flip yields the same number, which a lenient tar reader would take; bundles admit
        // only the writer's form (docs/bundle-format.md 1.2), so no header bit is free.
        var header = scenario.Layout[BundleEntryNames.Manifest].HeaderOffset;
        var bundle = TestKit.FlipBit(scenario.Bundle, header + RawTar.ChecksumOffset + position, bit);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(header, error.Offset);
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("manifest.sig")]
    [InlineData("trust/2.json")]
    [InlineData("payloads/kernel")]
    [InlineData("payloads/rootfs")]
    public async Task A_flipped_bit_in_the_zero_padding_after_an_entry_is_rejected(string entryName)
    {
        var entry = scenario.Layout[entryName];
        var bundle = TestKit.FlipBit(scenario.Bundle, entry.DataEnd + 3, 6);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(entryName, error.Entry);
        Assert.Equal(entry.DataEnd + 3, error.Offset);
    }

    [Fact]
    public async Task A_flipped_bit_in_the_first_zero_block_is_a_malformed_header()
    {
        var bundle = TestKit.FlipBit(scenario.Bundle, scenario.Layout.EndMarker + 10);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
    }

    [Fact]
    public async Task A_base_256_marker_in_the_checksum_field_of_the_end_marker_is_a_malformed_header()
    {
        var bundle = TestKit.FlipBit(scenario.Bundle, scenario.Layout.EndMarker + RawTar.ChecksumOffset, 7);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(scenario.Layout.EndMarker + RawTar.ChecksumOffset, error.Offset);
    }

    [Fact]
    public async Task A_flipped_bit_in_the_second_zero_block_is_a_malformed_header()
    {
        var second = scenario.Layout.EndMarker + RawTar.Block;
        var bundle = TestKit.FlipBit(scenario.Bundle, second + 300);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(second, error.Offset);
    }

    [Fact]
    public async Task A_flipped_bit_in_a_carried_trust_file_fails_its_manifest_digest()
    {
        var bundle = TestKit.FlipBit(scenario.Bundle, scenario.Layout["trust/2.json"].DataOffset + 40);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.TrustMismatch, error.Error);
        Assert.Equal("trust/2.json", error.Entry);
    }

    private static int IndexOf(byte[] data, string text)
    {
        var at = data.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text));
        Assert.True(at >= 0, $"'{text}' not found");
        return at;
    }
}
