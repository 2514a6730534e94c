using System.Text;
using Firmware.Bundles;
using Firmware.Chunking;

namespace Firmware.Core.Tests.Bundles;

/// <summary>
/// Manifests that are properly signed but malformed or inconsistent are rejected by the manifest
/// checks themselves, before anything else is trusted.
/// </summary>
[Trait("Category", "Malformed")]
public sealed class BundleManifestTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task A_manifest_of_format_2_is_an_unsupported_format()
    {
        var manifest = ManifestRules.Serialize(scenario.Manifest with { Format = 2 });

        var error = await TestKit.RejectedAsync(scenario.WithManifest(manifest), scenario.Policy);

        Assert.Equal(BundleError.UnsupportedFormat, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
    }

    [Fact]
    public async Task A_manifest_of_format_2_with_keys_this_reader_does_not_know_is_still_an_unsupported_format()
    {
        var manifest = Edit(ManifestRules.Serialize(scenario.Manifest with { Format = 2 }), "{\"format\":2,", "{\"format\":2,\"deltas\":[],");

        var error = await TestKit.RejectedAsync(scenario.WithManifest(manifest), scenario.Policy);

        Assert.Equal(BundleError.UnsupportedFormat, error.Error);
    }

    [Fact]
    public async Task A_manifest_with_an_unknown_key_is_malformed()
    {
        var manifest = Edit(scenario.ManifestBytes, "{\"format\":1,", "{\"format\":1,\"extra\":1,");

        var error = await TestKit.RejectedAsync(scenario.WithManifest(manifest), scenario.Policy);

        Assert.Equal(BundleError.ManifestMalformed, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
    }

    [Fact]
    public async Task A_manifest_with_an_unknown_key_inside_a_chunk_is_malformed()
    {
        var manifest = Edit(scenario.ManifestBytes, "{\"size\":", "{\"offset\":0,\"size\":");

        var error = await TestKit.RejectedAsync(scenario.WithManifest(manifest), scenario.Policy);

        Assert.Equal(BundleError.ManifestMalformed, error.Error);
    }

    [Fact]
    public async Task A_manifest_with_a_duplicate_key_is_malformed()
    {
        // The second "version" would win in a lenient parser: 9.9.9 could pass a downgrade check.
        var manifest = Edit(scenario.ManifestBytes, "{\"format\":1,", "{\"format\":1,\"version\":\"9.9.9\",");

        var error = await TestKit.RejectedAsync(scenario.WithManifest(manifest), scenario.Policy);

        Assert.Equal(BundleError.ManifestMalformed, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
    }

    [Fact]
    public async Task A_manifest_with_the_format_key_twice_is_malformed()
    {
        var manifest = Edit(scenario.ManifestBytes, "{\"format\":1,", "{\"format\":1,\"format\":1,");

        var error = await TestKit.RejectedAsync(scenario.WithManifest(manifest), scenario.Policy);

        Assert.Equal(BundleError.ManifestMalformed, error.Error);
    }

    [Fact]
    public async Task A_manifest_that_is_not_json_is_malformed()
    {
        var error = await TestKit.RejectedAsync(scenario.WithManifest("manifest"u8.ToArray()), scenario.Policy);

        Assert.Equal(BundleError.ManifestMalformed, error.Error);
    }

    [Fact]
    public async Task A_manifest_without_a_required_key_is_malformed()
    {
        var manifest = Edit(scenario.ManifestBytes, "\"version\":\"1.0.0\",", "");

        var error = await TestKit.RejectedAsync(scenario.WithManifest(manifest), scenario.Policy);

        Assert.Equal(BundleError.ManifestMalformed, error.Error);
    }

    [Fact]
    public async Task A_hand_made_manifest_with_a_zero_size_payload_is_invalid()
    {
        var empty = new PayloadManifest
        {
            Name = "empty",
            Size = 0,
            StoredSize = 0,
            Compression = ManifestRules.Zstd,
            Chunking = TestKit.SmallChunks.Chunker.Parameters,
            Chunks = [],
        };
        var manifest = ManifestRules.Serialize(TestKit.Manifest([empty]));
        var bundle = TestKit.Assemble(manifest, [scenario.Release], new RawEntry("payloads/empty", []));

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.ManifestInvalid, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
    }

    public static TheoryData<string> InconsistentManifests() =>
    [
        "min version above version",
        "expires before created",
        "payload listed twice",
        "chunks do not add up to the size",
        "stored chunks do not add up to the stored size",
        "chunk larger than the chunker's maximum",
        "uncompressed chunk with two digests",
        "compressed chunk in an uncompressed payload",
        "unknown chunker",
        "unknown compression",
        "unsafe payload name",
        "invalid version",
        "no payloads",
        "no boards",
        "board named twice",
        "digest in upper case",
        "carried trust versions not consecutive",
    ];

    [Theory]
    [MemberData(nameof(InconsistentManifests))]
    public async Task A_signed_but_inconsistent_manifest_is_invalid(string defect)
    {
        var m = scenario.Manifest;
        var kernel = scenario.KernelManifest;
        var rootfs = scenario.RootfsManifest;
        var manifest = defect switch
        {
            "min version above version" => m with { MinVersion = "1.0.1" },
            "expires before created" => m with { Expires = m.Created },
            "payload listed twice" => m with { Payloads = [kernel, kernel] },
            "chunks do not add up to the size" => m with { Payloads = [kernel with { Size = kernel.Size + 1 }, rootfs] },
            "stored chunks do not add up to the stored size" => m with { Payloads = [kernel with { StoredSize = kernel.StoredSize - 1 }, rootfs] },
            "chunk larger than the chunker's maximum" => m with { Payloads = [kernel with { Chunking = new FastCdcChunker(256, 1024, 1024).Parameters }, rootfs] },
            "uncompressed chunk with two digests" => m with { Payloads = [kernel with { Chunks = [kernel.Chunks[0] with { StoredSha256 = new string('1', 64) }, .. kernel.Chunks.Skip(1)] }, rootfs] },
            "compressed chunk in an uncompressed payload" => m with { Payloads = [kernel, rootfs with { Compression = ManifestRules.None }] },
            "unknown chunker" => m with { Payloads = [kernel with { Chunking = kernel.Chunking with { Algorithm = "fastcdc-v2" } }, rootfs] },
            "unknown compression" => m with { Payloads = [kernel with { Compression = "xz" }, rootfs] },
            "unsafe payload name" => m with { Payloads = [kernel with { Name = "../kernel" }, rootfs] },
            "invalid version" => m with { Version = "1.0" },
            "no payloads" => m with { Payloads = [] },
            "no boards" => m with { Compatible = [] },
            "board named twice" => m with { Compatible = ["test-board", "test-board"] },
            "digest in upper case" => m with { Payloads = [kernel with { Chunks = [kernel.Chunks[0] with { Sha256 = kernel.Chunks[0].Sha256.ToUpperInvariant(), StoredSha256 = kernel.Chunks[0].Sha256.ToUpperInvariant() }, .. kernel.Chunks.Skip(1)] }, rootfs] },
            "carried trust versions not consecutive" => m with { Trust = [m.Trust![0], m.Trust[0] with { Version = 4 }] },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var error = await TestKit.RejectedAsync(scenario.WithManifest(ManifestRules.Serialize(manifest)), scenario.Policy);

        Assert.Equal(BundleError.ManifestInvalid, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
    }

    [Fact]
    public void The_writer_refuses_an_inconsistent_manifest()
    {
        var manifest = scenario.Manifest with { MinVersion = "2.0.0" };

        Assert.Throws<ArgumentException>(() => scenario.Write(manifest, [scenario.Release], [scenario.Trust2]));
    }

    private static byte[] Edit(byte[] manifest, string from, string to)
    {
        var text = Encoding.UTF8.GetString(manifest);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text[..at] + to + text[(at + from.Length)..]);
    }
}
